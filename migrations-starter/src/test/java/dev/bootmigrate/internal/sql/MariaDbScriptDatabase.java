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
package dev.bootmigrate.internal.sql;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database of its own on the MariaDB server that {@value #URL_VARIABLE} points at,
 * dropped when closed; skipped without one, failed when {@code CI} is set. Stands in
 * until the shared test support has a MariaDB {@link TestDatabase}.
 *
 * @author the bootmigrate authors
 */
public final class MariaDbScriptDatabase implements TestDatabase {

	static final String URL_VARIABLE = "MIGRATIONS_TEST_MARIADB_URL";

	public static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			String url = System.getenv(URL_VARIABLE);
			if (url == null || url.isBlank()) {
				String reason = "No MariaDB server for the tests: set " + URL_VARIABLE
						+ " to a JDBC URL, for example jdbc:mariadb://127.0.0.1:3306/test?user=root";
				if (System.getenv("CI") != null) {
					Assertions.fail(reason);
				}
				Assumptions.abort(reason);
			}
			return new MariaDbScriptDatabase(url, "sql_" + UUID.randomUUID().toString().replace("-", ""));
		}

		@Override
		public String toString() {
			return "mariadb";
		}

	};

	private final String serverUrl;

	private final String name;

	private final DataSource dataSource;

	private MariaDbScriptDatabase(String serverUrl, String name) {
		this.serverUrl = serverUrl;
		this.name = name;
		new JdbcTemplate(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), serverUrl))
			.execute("CREATE DATABASE " + name);
		this.dataSource = new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), url());
	}

	@Override
	public String url() {
		int path = this.serverUrl.indexOf('/', this.serverUrl.indexOf("//") + 2);
		int options = this.serverUrl.indexOf('?');
		return this.serverUrl.substring(0, path) + "/" + this.name
				+ ((options >= 0) ? this.serverUrl.substring(options) : "");
	}

	@Override
	public List<String> springProperties() {
		return List.of("spring.datasource.url=" + url());
	}

	@Override
	public String schema() {
		return this.name;
	}

	@Override
	public String newSchemaName(String suffix) {
		return this.name + "_" + suffix;
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public boolean advisoryLocks() {
		return false;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return false;
	}

	@Override
	public boolean partialIndexes() {
		return false;
	}

	@Override
	public void close() {
		new JdbcTemplate(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), this.serverUrl))
			.execute("DROP DATABASE IF EXISTS " + this.name);
	}

}
