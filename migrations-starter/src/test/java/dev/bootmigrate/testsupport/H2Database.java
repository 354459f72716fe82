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

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An in-memory H2 database of its own, kept open until the JVM ends, named so that every
 * connection to its URL reaches the same database.
 *
 * @author the bootmigrate authors
 */
public final class H2Database {

	private final String url;

	private H2Database(String url) {
		this.url = url;
	}

	/**
	 * Create a database with a unique name.
	 * @return the database
	 */
	public static H2Database create() {
		return new H2Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	/**
	 * Return the JDBC URL.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Return the Spring Boot properties that point a {@code DataSource} at this database.
	 * @return the properties, as {@code key=value} strings
	 */
	public List<String> springProperties() {
		return List.of("spring.datasource.url=" + this.url);
	}

	/**
	 * Return a data source on this database, with the user Spring Boot uses for H2.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.h2.Driver(), this.url, "sa", "");
	}

}
