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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against, found in this order: a JDBC URL in
 * {@code MIGRATIONS_TEST_POSTGRES_URL}; else the conventional local server
 * ({@link #LOCAL_URL}) when it answers; else a Testcontainers container when a Docker
 * engine is available; else none, in which case PostgreSQL tests are skipped with the
 * reason on the build's console, or fail when {@code CI} is set.
 *
 * @author the bootmigrate authors
 */
final class PostgresServer {

	/**
	 * The environment variable that points the tests at an existing server.
	 */
	public static final String URL_VARIABLE = "MIGRATIONS_TEST_POSTGRES_URL";

	/**
	 * The conventional local server, tried when {@link #URL_VARIABLE} is not set.
	 */
	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=2";

	private static volatile PostgresServer instance;

	private static volatile String unavailableReason;

	private final String url;

	private final String username;

	private final String password;

	private PostgresServer(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the server, starting a container the first time if needed.
	 * @return the server, or {@code null} if none is available
	 */
	public static synchronized PostgresServer get() {
		if (instance != null || unavailableReason != null) {
			return instance;
		}
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			instance = new PostgresServer(url, null, null);
			return instance;
		}
		if (TestConsole.answers(LOCAL_URL)) {
			TestConsole.printOnce("*** PostgreSQL tests use the local server at " + LOCAL_URL + " (" + URL_VARIABLE
					+ " is not set) ***");
			instance = new PostgresServer(LOCAL_URL, null, null);
			return instance;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			instance = new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
			return instance;
		}
		unavailableReason = "No PostgreSQL server for the tests: " + URL_VARIABLE + " is not set, nothing answers at "
				+ LOCAL_URL + " and no Docker engine runs for Testcontainers. Set " + URL_VARIABLE
				+ " to a JDBC URL (for example jdbc:postgresql://127.0.0.1:5432/test?user=postgres), start a local server, or start Docker";
		return null;
	}

	/**
	 * Return why no server is available.
	 * @return the reason, or {@code null}
	 */
	public static String unavailableReason() {
		return unavailableReason;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Open a connection to the server's database, in its default schema.
	 * @return the connection
	 * @throws SQLException on failure
	 */
	public Connection connect() throws SQLException {
		return (this.username != null) ? DriverManager.getConnection(this.url, this.username, this.password)
				: DriverManager.getConnection(this.url);
	}

	/**
	 * Create a new schema, unique to the caller.
	 * @return the schema
	 */
	public PostgresSchema createSchema() {
		String name = "bm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create schema " + name + " on " + this.url, ex);
		}
		return new PostgresSchema(this, name);
	}

	String url() {
		return this.url;
	}

	String username() {
		return this.username;
	}

	String password() {
		return this.password;
	}

}
