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
package dev.bootmigrate.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine's view of the application's {@code DataSource}: outside a transaction its
 * connections are in auto-commit mode whatever the pool's default
 * ({@code spring.datasource.hikari.auto-commit=false}), and go back to the pool in the
 * mode they came in.
 * <p>
 * Every statement the engine runs outside a migration's transaction (creating the history
 * table, recording a migration that ran without a transaction) then takes effect at once,
 * instead of being rolled back when the pool takes the connection back. Transactions find
 * the connection they bound to the application's {@code DataSource}, since this view
 * unwraps to it as a transaction resource.
 *
 * @author the bootmigrate authors
 */
final class AutoCommitDataSource extends DelegatingDataSource implements InfrastructureProxy {

	private static final Log logger = LogFactory.getLog(AutoCommitDataSource.class);

	AutoCommitDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return autoCommit(obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return autoCommit(obtainTargetDataSource().getConnection(username, password));
	}

	@Override
	public Object getWrappedObject() {
		return obtainTargetDataSource();
	}

	private static Connection autoCommit(Connection connection) throws SQLException {
		// A connection handed out inside a (JTA) transaction belongs to that transaction
		if (connection.getAutoCommit() || TransactionSynchronizationManager.isActualTransactionActive()) {
			return connection;
		}
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return (Connection) Proxy.newProxyInstance(AutoCommitDataSource.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new RestoreOnClose(connection));
	}

	/**
	 * Turns auto-commit off again before the connection goes back to the pool.
	 */
	private static final class RestoreOnClose implements InvocationHandler {

		private final Connection target;

		RestoreOnClose(Connection target) {
			this.target = target;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "equals":
					return proxy == args[0];
				case "hashCode":
					return System.identityHashCode(proxy);
				case "toString":
					return "Auto-commit connection " + this.target;
				case "close":
					close();
					return null;
				default:
					try {
						return method.invoke(this.target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getTargetException();
					}
			}
		}

		private void close() throws SQLException {
			try {
				if (!this.target.isClosed()) {
					this.target.setAutoCommit(false);
				}
			}
			catch (SQLException ex) {
				logger.debug("Could not turn auto-commit off again on " + this.target, ex);
			}
			finally {
				this.target.close();
			}
		}

	}

}
