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

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What the engine knows about one database, chosen once from the connection's metadata
 * (no query is sent): the history table's column types, whether DDL is transactional, the
 * lock, the lock timeout, what its failures mean, the statements that grant a missing
 * privilege and the questions only its catalog answers. A database that is not among the
 * tested ones gets the {@link GenericDialect}, which uses standard SQL only.
 * <p>
 * A new database is one subclass and one line in {@link #of(String)}.
 *
 * @author the bootmigrate authors
 */
abstract sealed class Dialect permits H2Dialect, PostgresDialect, MariaDbDialect, SqliteDialect, GenericDialect {

	private final DatabaseDriver driver;

	private final String productName;

	Dialect(DatabaseDriver driver, String productName) {
		this.driver = driver;
		this.productName = productName;
	}

	/**
	 * Detect the dialect of the given connection.
	 * @param connection the connection
	 * @return the dialect
	 * @throws SQLException if the metadata cannot be read
	 */
	public static Dialect of(Connection connection) throws SQLException {
		return of(connection.getMetaData().getDatabaseProductName());
	}

	/**
	 * Return the dialect of the database with the given product name.
	 * @param productName the product name reported by the driver
	 * @return the dialect
	 */
	static Dialect of(String productName) {
		DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
		return switch (driver) {
			case H2 -> new H2Dialect(productName);
			case POSTGRESQL -> new PostgresDialect(productName);
			case MARIADB, MYSQL -> new MariaDbDialect(driver, productName);
			case SQLITE -> new SqliteDialect(productName);
			default -> new GenericDialect(driver, productName);
		};
	}

	/**
	 * Return the database.
	 * @return the database, {@link DatabaseDriver#UNKNOWN} when it is not recognised
	 */
	public DatabaseDriver driver() {
		return this.driver;
	}

	/**
	 * Return the product name reported by the driver.
	 * @return the product name
	 */
	public String productName() {
		return this.productName;
	}

	/**
	 * Return whether schema changes roll back with the transaction.
	 * @return whether DDL is transactional
	 */
	public abstract boolean transactionalDdl();

	/**
	 * Return the column type for instants in the history table.
	 * @return the column type
	 */
	public abstract String timestampType();

	/**
	 * Create the lock that serialises runs: a row lock in an open transaction on a lock
	 * table unless the database has a better primitive.
	 * @param dataSource the data source
	 * @param table the history table the lock protects
	 * @return the lock
	 */
	DatabaseLock lock(DataSource dataSource, HistoryTable table) {
		return new TableRowLock(dataSource, this, table);
	}

	/**
	 * Return whether the row lock can be tried with {@code SELECT ... FOR UPDATE NOWAIT};
	 * otherwise it is a standard {@code UPDATE} bounded by a query timeout.
	 * @return whether the database supports {@code NOWAIT}
	 */
	boolean rowLockNoWait() {
		return false;
	}

	/**
	 * Return whether the given failure means that the connection was lost: closed by the
	 * server (a restart, {@code pg_terminate_backend}), by the network or by the pool.
	 * @param failure the failure
	 * @return whether one of its causes reports a lost connection
	 */
	boolean isConnectionLost(@Nullable Throwable failure) {
		// Connection exceptions; PostgreSQL's admin_shutdown, crash_shutdown,
		// cannot_connect_now; H2's connection broken
		return anyCause(failure,
				(sql) -> sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
						|| sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P02")
						|| sql.getSQLState().equals("57P03") || sql.getSQLState().equals("90067")));
	}

	/**
	 * Return whether the given failure means that a statement gave up waiting for a lock
	 * after the {@linkplain #setLockTimeout lock timeout}.
	 * @param failure the failure
	 * @return whether one of its causes reports a lock timeout
	 */
	boolean isLockTimeout(@Nullable Throwable failure) {
		return anyCause(failure, this::isLockTimeout);
	}

	/**
	 * Return whether the given exception reports a lock timeout.
	 * @param ex the exception, with or without an SQL state
	 * @return whether it reports a lock timeout
	 */
	boolean isLockTimeout(SQLException ex) {
		return false;
	}

	/**
	 * Return whether a cause of the given failure is an {@link SQLException} that the
	 * given test accepts; some drivers (SQLite's) report no SQL state.
	 */
	static boolean anyCause(@Nullable Throwable failure, Predicate<SQLException> test) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql && test.test(sql)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	/**
	 * Return whether the given exception says that a table does not exist: how a first
	 * start learns that the history table is missing, without a metadata query.
	 * @param ex the exception
	 * @return whether it reports a missing table
	 */
	boolean isTableNotFound(SQLException ex) {
		// The standard's "base table or view not found"
		return "42S02".equals(ex.getSQLState());
	}

	/**
	 * Return whether the given exception says that a column does not exist: a table of
	 * the history table's name that belongs to another tool.
	 * @param ex the exception
	 * @return whether it reports a missing column
	 */
	boolean isColumnNotFound(SQLException ex) {
		// The standard's "column not found"
		return "42S22".equals(ex.getSQLState());
	}

	/**
	 * Return whether the given exception says that the user lacks a privilege.
	 * @param ex the exception
	 * @return whether it reports a missing privilege
	 */
	boolean isPermissionDenied(SQLException ex) {
		// The standard's "insufficient privilege"
		return "42501".equals(ex.getSQLState());
	}

	/**
	 * Return whether the given exception reports a duplicate key.
	 * @param ex the exception
	 * @return whether it reports a duplicate key
	 */
	boolean isDuplicateKey(SQLException ex) {
		// The standard's "integrity constraint violation"
		return ex.getSQLState() != null && ex.getSQLState().startsWith("23");
	}

	/**
	 * Refuse a history table this database cannot hold, before anything reads or writes
	 * it.
	 * @param table the history table
	 * @throws dev.bootmigrate.MigrationException naming the setting and the fix
	 */
	void requireSupported(HistoryTable table) {
	}

	/**
	 * Return the name of the connection's current schema, for messages.
	 * @param connection the connection
	 * @return the schema, or {@code null} if the driver does not tell
	 * @throws SQLException on failure
	 */
	@Nullable String currentSchema(Connection connection) throws SQLException {
		// Its catalog where the driver puts databases in catalogs and has no schemas
		// (MariaDB, MySQL)
		String schema = connection.getSchema();
		return (schema != null) ? schema : connection.getCatalog();
	}

	/**
	 * Make statements of the given connection give up waiting for a lock after the given
	 * time: for the rest of the transaction, or for the session until the returned action
	 * restores it. Does nothing on a database without such a setting.
	 * @param connection the migration's connection
	 * @param timeout the timeout; zero waits forever
	 * @param transactional whether the connection is in the migration's transaction,
	 * which the setting then ends with
	 * @return what restores the session's setting, to run when the migration is over
	 * @throws SQLException on failure
	 */
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		return LockTimeoutReset.NONE;
	}

	/**
	 * Return the account the session runs as, as {@code GRANT} statements name it.
	 * @param connection the connection
	 * @return the account
	 * @throws SQLException on failure
	 */
	String grantee(Connection connection) throws SQLException {
		String user = connection.getMetaData().getUserName();
		return (user != null) ? user : "(unknown user)";
	}

	/**
	 * Return the given name of a schema or table as the database's statements accept it:
	 * quoted when it is not a plain identifier, where the database has a quoting that
	 * does not also change the name's case.
	 * @param identifier the name, as the database reports it
	 * @return the name, quoted if needed
	 */
	String quoteIfNeeded(String identifier) {
		return identifier;
	}

	/**
	 * Return the statement that lets the user read the history table.
	 * @param table the qualified name of the history table
	 * @param schema its schema
	 * @param user the user
	 * @return the statement
	 */
	String grantRead(String table, String schema, String user) {
		return DatabaseErrors.grantOnTable("SELECT", table, user);
	}

	/**
	 * Return the statement that lets the user create tables in the schema.
	 * @param schema the schema
	 * @param user the user
	 * @return the statement
	 */
	String grantCreateTable(String schema, String user) {
		return "GRANT CREATE ON SCHEMA " + schema + " TO " + user;
	}

	/**
	 * Return the statement that lets the user create the schema in the database.
	 * @param database the database (the connection's catalog)
	 * @param schema the schema to create
	 * @param user the user
	 * @return the statement
	 */
	String grantCreateSchema(String database, String schema, String user) {
		return "GRANT CREATE ON DATABASE " + database + " TO " + user;
	}

	/**
	 * Return the statement that creates a schema for the user.
	 * @param schema the schema
	 * @param user the user
	 * @return the statement
	 */
	String createSchemaOwnedBy(String schema, String user) {
		return "CREATE SCHEMA " + schema + " AUTHORIZATION " + user;
	}

	/**
	 * Return how an operator cancels the statement or ends the session of another
	 * session, for the failure report of a lock timeout.
	 * @return the hint, or {@code null} when the database has no statement for it
	 */
	@Nullable String endSessionHint() {
		return null;
	}

	/**
	 * Return the invalid indexes of the given schema, where the database can have them.
	 * @param connection the connection
	 * @param schema the schema, or {@code null} for the connection's current schema
	 * @return the invalid indexes, empty by default
	 * @throws SQLException on failure
	 */
	List<InvalidIndex> invalidIndexes(Connection connection, @Nullable String schema) throws SQLException {
		return List.of();
	}

	/**
	 * Return which of the privileges to write the history table (INSERT, UPDATE, DELETE)
	 * the session's user lacks, where the database can tell without trying.
	 * @param connection the connection
	 * @param table the table name, qualified or found on the search path
	 * @return the missing privileges, empty when the database cannot tell
	 * @throws SQLException on failure
	 */
	List<String> missingWritePrivileges(Connection connection, String table) throws SQLException {
		return List.of();
	}

	/**
	 * Return the names of the partial indexes of a table (over the rows that meet a
	 * condition), where the driver's metadata does not tell them by their
	 * {@code FILTER_CONDITION}.
	 * @param connection the connection
	 * @param table the table, as the database stores its name
	 * @return the names of its partial indexes, empty by default
	 * @throws SQLException on failure
	 */
	Set<String> partialIndexes(Connection connection, String table) throws SQLException {
		return Set.of();
	}

	/**
	 * Return how the database stores and compares the names of tables, views and schemas:
	 * by default, as the driver's metadata says.
	 * @param metaData the driver's metadata
	 * @return the case of table names
	 * @throws SQLException on failure
	 */
	IdentifierCase tableNameCase(DatabaseMetaData metaData) throws SQLException {
		return IdentifierCase.of(metaData);
	}

	/**
	 * Return how the database stores and compares the names of columns, indexes and
	 * constraints: by default, as those of tables.
	 * @param metaData the driver's metadata
	 * @return the case of column names
	 * @throws SQLException on failure
	 */
	IdentifierCase columnNameCase(DatabaseMetaData metaData) throws SQLException {
		return tableNameCase(metaData);
	}

	/**
	 * Return the types of {@link DatabaseMetaData#getTables} that are tables, as opposed
	 * to views, sequences, indexes or system tables: {@code TABLE} by default.
	 * @return the table types
	 */
	List<String> tableTypes() {
		return List.of("TABLE");
	}

	/**
	 * Return the default of a column as the metadata reports it, or {@code null} when it
	 * has none, which includes a default of {@code NULL}: H2 and MariaDB report that as
	 * an expression.
	 * @param reported the {@code COLUMN_DEF} of {@link DatabaseMetaData#getColumns}
	 * @return the default, or {@code null}
	 */
	@Nullable String columnDefault(@Nullable String reported) {
		return (reported == null || reported.isBlank() || reported.strip().equalsIgnoreCase("NULL")) ? null : reported;
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " (" + this.productName + ")";
	}

	/**
	 * Restores the lock timeout of a session.
	 */
	@FunctionalInterface
	interface LockTimeoutReset {

		/**
		 * Nothing to restore.
		 */
		LockTimeoutReset NONE = (connection) -> {
		};

		/**
		 * Restore the setting.
		 * @param connection the connection whose setting was changed
		 * @throws SQLException on failure
		 */
		void reset(Connection connection) throws SQLException;

	}

}
