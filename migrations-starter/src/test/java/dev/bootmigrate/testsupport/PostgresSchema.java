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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A schema of its own on the test PostgreSQL server, dropped when closed, with data
 * sources whose connections use it as their current schema.
 *
 * @author the bootmigrate authors
 */
final class PostgresSchema implements AutoCloseable {

	private final PostgresServer server;

	private final String name;

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	PostgresSchema(PostgresServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Return the schema name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return a JDBC URL whose connections use this schema.
	 * @return the URL
	 */
	public String url() {
		String url = this.server.url();
		return url + ((url.contains("?")) ? "&" : "?") + "currentSchema=" + this.name;
	}

	/**
	 * Return the Spring Boot properties that point a {@code DataSource} at this schema.
	 * @return the properties, as {@code key=value} strings
	 */
	public List<String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url());
		if (this.server.username() != null) {
			properties.put("spring.datasource.username", this.server.username());
			properties.put("spring.datasource.password", this.server.password());
		}
		return properties.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

	/**
	 * Create a pooled data source on this schema, closed with the schema.
	 * @return the data source
	 */
	public DataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url());
		if (this.server.username() != null) {
			dataSource.setUsername(this.server.username());
			dataSource.setPassword(this.server.password());
		}
		dataSource.setMaximumPoolSize(5);
		this.dataSources.add(dataSource);
		return dataSource;
	}

	/**
	 * Open a connection whose current schema is this one.
	 * @return the connection
	 * @throws SQLException on failure
	 */
	public Connection connect() throws SQLException {
		Connection connection = this.server.connect();
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + this.name);
		}
		return connection;
	}

	@Override
	public void close() {
		this.dataSources.forEach(HikariDataSource::close);
		try (Connection connection = this.server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop schema " + this.name, ex);
		}
	}

}
