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
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The MariaDB server the tests use: the one {@value #URL_VARIABLE} points at, else the
 * conventional local server ({@link #LOCAL_URL}) when it answers, else a Testcontainers
 * MariaDB started once per JVM when Docker is available, else none (the tests are skipped
 * with the reason on the build's console, or fail when {@code CI} is set). Its user must
 * be allowed to create databases and users.
 *
 * @author the bootmigrate authors
 */
final class MariaDbServer {

	/**
	 * The environment variable that points the tests at an existing server.
	 */
	static final String URL_VARIABLE = "MIGRATIONS_TEST_MARIADB_URL";

	/**
	 * The conventional local server, tried when {@link #URL_VARIABLE} is not set.
	 */
	static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root&connectTimeout=2000";

	private static volatile MariaDbServer instance;

	private static volatile String unavailableReason;

	private final String url;

	private final String username;

	private final String password;

	private MariaDbServer(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the server, starting a container the first time if needed.
	 * @return the server, or {@code null} if none is available
	 */
	static synchronized MariaDbServer get() {
		if (instance != null || unavailableReason != null) {
			return instance;
		}
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			instance = new MariaDbServer(url, null, null);
			return instance;
		}
		if (TestConsole.answers(LOCAL_URL)) {
			TestConsole.printOnce("*** MariaDB tests use the local server at " + LOCAL_URL + " (" + URL_VARIABLE
					+ " is not set) ***");
			instance = new MariaDbServer(LOCAL_URL, null, null);
			return instance;
		}
		if (dockerAvailable()) {
			MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root")
				.withPassword("bootmigrate");
			container.start();
			instance = new MariaDbServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
			return instance;
		}
		unavailableReason = "No MariaDB server for the tests: " + URL_VARIABLE + " is not set, nothing answers at "
				+ LOCAL_URL + " and no Docker engine runs for Testcontainers. Set " + URL_VARIABLE
				+ " to a JDBC URL (for example jdbc:mariadb://127.0.0.1:3306/test?user=root), start a local server, or start Docker";
		return null;
	}

	/**
	 * Return why no server is available.
	 * @return the reason, or {@code null}
	 */
	static String unavailableReason() {
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
	 * Return the URL of the given database on this server, with the server URL's options.
	 * @param database the database
	 * @return the URL
	 */
	String url(String database) {
		int hostStart = this.url.indexOf("//") + 2;
		int pathStart = this.url.indexOf('/', hostStart);
		int options = this.url.indexOf('?', hostStart);
		String server = (pathStart >= 0 && (options < 0 || pathStart < options)) ? this.url.substring(0, pathStart)
				: this.url.substring(0, (options >= 0) ? options : this.url.length());
		return server + "/" + database + ((options >= 0) ? this.url.substring(options) : "");
	}

	/**
	 * Return the URL of the given database for another user: without the server URL's
	 * credentials.
	 * @param database the database
	 * @return the URL
	 */
	String urlWithoutCredentials(String database) {
		return url(database).replaceAll("([?&])(user|password)=[^&]*&?", "$1").replaceAll("[?&]$", "");
	}

	String username() {
		return this.username;
	}

	String password() {
		return this.password;
	}

	/**
	 * Open a connection to the given database as the server's user.
	 * @param database the database
	 * @return the connection
	 * @throws SQLException on failure
	 */
	Connection connect(String database) throws SQLException {
		return (this.username != null) ? DriverManager.getConnection(url(database), this.username, this.password)
				: DriverManager.getConnection(url(database));
	}

	/**
	 * Create a database with a unique name.
	 * @return its name
	 */
	String createDatabase() {
		String name = "bm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		execute("CREATE DATABASE " + name);
		return name;
	}

	/**
	 * Run a statement as the server's user, outside any database.
	 * @param sql the statement
	 */
	void execute(String sql) {
		try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + this.url, ex);
		}
	}

}
