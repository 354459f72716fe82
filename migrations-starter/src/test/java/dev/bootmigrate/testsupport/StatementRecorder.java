/*
 * Copyright 2026 the bootmigrate authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.bootmigrate.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL statements executed through a real {@link DataSource}, to count what
 * the engine sends. It instruments the real driver; it does not replace it.
 *
 * @author the bootmigrate authors
 */
public final class StatementRecorder extends DelegatingDataSource {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	public StatementRecorder(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws java.sql.SQLException {
		return wrap(super.getConnection(), Connection.class, null);
	}

	@Override
	public Connection getConnection(String username, String password) throws java.sql.SQLException {
		return wrap(super.getConnection(username, password), Connection.class, null);
	}

	/**
	 * Return the statements executed since the last {@link #clear()}.
	 * @return the SQL of each statement
	 */
	public List<String> statements() {
		return List.copyOf(this.statements);
	}

	public void clear() {
		this.statements.clear();
	}

	@SuppressWarnings("unchecked")
	private <T> T wrap(T target, Class<T> type, String sql) {
		InvocationHandler handler = new InvocationHandler() {
			@Override
			public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
				if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> cls
						&& cls.isInstance(target)) {
					return target;
				}
				Object result;
				try {
					result = method.invoke(target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getTargetException();
				}
				if (method.getName().startsWith("execute")) {
					StatementRecorder.this.statements
						.add((args != null && args.length > 0 && args[0] instanceof String s) ? s : sql);
				}
				if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
					return wrap(statement, (Class<Statement>) method.getReturnType(), (String) args[0]);
				}
				if (result instanceof Statement statement && method.getName().equals("createStatement")) {
					return wrap(statement, Statement.class, null);
				}
				return result;
			}
		};
		return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler);
	}

}
