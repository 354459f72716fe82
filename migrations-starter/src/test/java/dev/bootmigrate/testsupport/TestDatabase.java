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

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, isolated database for one test, closed (dropped) after it. A contract suite
 * takes a {@link Kind} as its {@code @ParameterizedClass} argument from {@link #ALL} and
 * creates one database per test; adding a database is one new {@link Kind} and one line
 * in {@link #ALL}.
 *
 * @author the bootmigrate authors
 */
public interface TestDatabase extends AutoCloseable {

	/**
	 * Every database a contract suite runs on.
	 */
	List<Kind> ALL = List.of(H2TestDatabase.KIND, PostgresTestDatabase.KIND);

	/**
	 * Return the JDBC URL whose connections reach this database.
	 * @return the URL
	 */
	String url();

	/**
	 * Return the Spring Boot properties that point a {@code DataSource} at this database.
	 * @return the properties, as {@code key=value} strings
	 */
	List<String> springProperties();

	/**
	 * Return the schema tables are created in, as the database reports it.
	 * @return the schema
	 */
	String schema();

	/**
	 * Return the name of another schema that does not exist yet, dropped with this
	 * database if a test creates it.
	 * @param suffix what the schema is for, part of its name
	 * @return the schema name
	 */
	String newSchemaName(String suffix);

	/**
	 * Return a data source on this database, closed with it.
	 * @return the data source
	 */
	DataSource dataSource();

	/**
	 * Run SQL as the administrator, outside any test transaction.
	 * @param sql the statement
	 */
	default void execute(String sql) {
		new JdbcTemplate(dataSource()).execute(sql);
	}

	/**
	 * Whether the database rolls back DDL with the transaction.
	 * @return whether DDL is transactional
	 */
	boolean transactionalDdl();

	/**
	 * Whether the engine locks this database with a session-level advisory lock, rather
	 * than a row of a lock table.
	 * @return whether advisory locks are used
	 */
	boolean advisoryLocks();

	/**
	 * Whether the database can build an index without blocking writes, outside a
	 * transaction ({@code CREATE INDEX CONCURRENTLY}).
	 * @return whether concurrent index builds exist
	 */
	boolean concurrentIndexBuilds();

	/**
	 * Whether the database can build an index over the rows that meet a condition
	 * ({@code CREATE UNIQUE INDEX ... WHERE ...}).
	 * @return whether partial indexes exist
	 */
	boolean partialIndexes();

	/**
	 * Whether the database has sequences ({@code CREATE SEQUENCE}), which the JPA suites'
	 * entities use for their generated ids.
	 * @return whether sequences exist
	 */
	default boolean sequences() {
		return true;
	}

	@Override
	void close();

	/**
	 * A database product the suites run on, shown in test names by its name.
	 */
	interface Kind {

		/**
		 * Create a fresh database of this kind, or abort the test (fail it when
		 * {@code CI} is set) if this kind is not available.
		 * @return the database
		 */
		TestDatabase create();

	}

}
