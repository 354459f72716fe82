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
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
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
	List<Kind> ALL = List.of(H2TestDatabase.KIND, PostgresTestDatabase.KIND, MariaDbTestDatabase.KIND,
			SqliteTestDatabase.KIND);

	/**
	 * PostgreSQL alone, for what only PostgreSQL shows (its catalog, its concurrent index
	 * builds, the details of its sessions).
	 */
	List<Kind> POSTGRESQL = List.of(PostgresTestDatabase.KIND);

	/**
	 * MariaDB alone, for what only MariaDB and MySQL show (named locks, sessions ended
	 * with {@code KILL}, their lock timeouts).
	 */
	List<Kind> MARIADB = List.of(MariaDbTestDatabase.KIND);

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
	 * Open a connection of its own to this database, outside any pool, as the
	 * administrator: closing it ends its session.
	 * @return the connection
	 * @throws SQLException on failure
	 */
	Connection connect() throws SQLException;

	/**
	 * Run SQL as the administrator, outside any test transaction.
	 * @param sql the statement
	 */
	default void execute(String sql) {
		new JdbcTemplate(dataSource()).execute(sql);
	}

	/**
	 * Create a user who may connect to this database and look up its schema, but may not
	 * read, write or create anything in it; dropped with this database.
	 * @return the user, or {@code null} where the database has no users
	 */
	@Nullable DatabaseUser createUser();

	/**
	 * Whether the database rolls back DDL with the transaction.
	 * @return whether DDL is transactional
	 */
	boolean transactionalDdl();

	/**
	 * Return the engine's lock on this database as other sessions see and end it, where
	 * the engine locks with a session-level lock (an advisory or named lock) rather than
	 * a row of a lock table.
	 * @return the lock's sessions, or {@code null} where the lock is a row of a lock
	 * table
	 */
	@Nullable LockSessions lockSessions();

	/**
	 * Whether the engine locks this database with a row of a lock table, held in an open
	 * transaction.
	 * @return whether the lock is a table row
	 */
	default boolean tableRowLock() {
		return lockSessions() == null;
	}

	/**
	 * Whether processes other than this JVM can use this database at the same time: a
	 * server, or a file.
	 * @return whether other processes can use it
	 */
	boolean sharedByProcesses();

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
	 * Whether the database has schemas that {@code migrations.schema} can name (SQLite
	 * has none: a database file is one set of tables).
	 * @return whether schemas exist
	 */
	default boolean schemas() {
		return true;
	}

	/**
	 * Whether the driver reports an SQL state with each failure (sqlite-jdbc does not: it
	 * names SQLite's result code in the message).
	 * @return whether SQL states are reported
	 */
	default boolean sqlStates() {
		return true;
	}

	/**
	 * Whether the statements a transactional migration runs after a {@code ROLLBACK}
	 * statement of its own are committed one by one, rather than run in a new transaction
	 * that the starter rolls back: sqlite-jdbc leaves the connection in SQLite's
	 * auto-commit mode then.
	 * @return whether such statements are committed
	 */
	default boolean autoCommitsAfterARollbackStatement() {
		return false;
	}

	/**
	 * Return the columns of a table of the {@linkplain #schema() test schema}, in lower
	 * case and in their order, as the driver's metadata reports them.
	 * @param table the table
	 * @return the columns, empty if the table does not exist
	 */
	default List<String> columns(String table) {
		return new JdbcTemplate(dataSource()).execute((ConnectionCallback<List<String>>) (connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			List<String> columns = new ArrayList<>();
			try (ResultSet rows = metaData.getColumns(connection.getCatalog(), null, storedCase(metaData, table),
					null)) {
				while (rows.next()) {
					if (table.equalsIgnoreCase(rows.getString("TABLE_NAME"))
							&& schema().equalsIgnoreCase(Objects.toString(rows.getString("TABLE_SCHEM"), schema()))) {
						columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
					}
				}
			}
			return columns;
		});
	}

	/**
	 * Return whether a table exists in the {@linkplain #schema() test schema}.
	 * @param table the table
	 * @return whether it exists
	 */
	default boolean tableExists(String table) {
		return !columns(table).isEmpty();
	}

	private static String storedCase(DatabaseMetaData metaData, String identifier) throws SQLException {
		if (metaData.storesUpperCaseIdentifiers()) {
			return identifier.toUpperCase(Locale.ROOT);
		}
		return metaData.storesLowerCaseIdentifiers() ? identifier.toLowerCase(Locale.ROOT) : identifier;
	}

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
	 * A user of a test database, with fewer privileges than its administrator.
	 *
	 * @param name the user's name as {@code GRANT} statements and the engine's reports
	 * name it
	 * @param springProperties the Spring Boot properties that point a {@code DataSource}
	 * at the database as this user
	 */
	record DatabaseUser(String name, List<String> springProperties) {

	}

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
