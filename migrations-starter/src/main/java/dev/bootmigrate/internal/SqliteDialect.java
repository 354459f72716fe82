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
import java.util.Set;
import java.util.HashSet;
import java.sql.PreparedStatement;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import dev.bootmigrate.MigrationException;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * SQLite (the {@code org.xerial:sqlite-jdbc} driver): transactional DDL, one writer per
 * database file, the lock of a {@link SqliteLockFile} next to the database file, and
 * {@code busy_timeout} as the lock timeout. The driver reports no SQL state: failures are
 * told apart by SQLite's result code and message. SQLite has no schemas, users or grants.
 *
 * @author the bootmigrate authors
 */
final class SqliteDialect extends Dialect {

	/**
	 * SQLite's {@code SQLITE_ERROR}, the result code of a missing table or column.
	 */
	private static final int ERROR = 1;

	/**
	 * SQLite's {@code SQLITE_BUSY}: the database file is locked by another connection.
	 */
	private static final int BUSY = 5;

	/**
	 * SQLite's {@code SQLITE_LOCKED}: a table is locked by a connection sharing its
	 * cache.
	 */
	private static final int LOCKED = 6;

	/**
	 * SQLite's {@code SQLITE_CONSTRAINT}.
	 */
	private static final int CONSTRAINT = 19;

	/**
	 * The name SQLite gives the database file of a connection in SQL and in
	 * {@code PRAGMA database_list}.
	 */
	static final String MAIN = "main";

	SqliteDialect(String productName) {
		super(DatabaseDriver.SQLITE, productName);
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/**
	 * SQLite keeps what sqlite-jdbc binds ({@code java.sql.Timestamp} as milliseconds by
	 * default) whatever the declared type; the name documents the column.
	 */
	@Override
	public String timestampType() {
		return "TIMESTAMP";
	}

	@Override
	DatabaseLock lock(DataSource dataSource, HistoryTable table) {
		requireSupported(table);
		return new SqliteLockFile(dataSource, this, table);
	}

	@Override
	void requireSupported(HistoryTable table) {
		if (table.schema() != null) {
			throw new MigrationException("migrations.schema is set to '" + table.schema()
					+ "', but SQLite has no schemas: a database file holds one set of tables. Remove "
					+ "migrations.schema to keep the history table " + table.table()
					+ " in the database file of spring.datasource.url, or give this application a database file "
					+ "of its own. Nothing was read or changed.");
		}
	}

	@Override
	String currentSchema(Connection connection) {
		return MAIN;
	}

	@Override
	boolean isTableNotFound(SQLException ex) {
		return resultCode(ex) == ERROR && messageContains(ex, "no such table");
	}

	@Override
	boolean isColumnNotFound(SQLException ex) {
		return resultCode(ex) == ERROR && messageContains(ex, "no such column");
	}

	/**
	 * SQLite has no users and no grants: what a process may do is what the file system
	 * lets it, and SQLite says so in its own words ({@code SQLITE_READONLY},
	 * {@code SQLITE_CANTOPEN}).
	 */
	@Override
	boolean isPermissionDenied(SQLException ex) {
		return false;
	}

	@Override
	boolean isDuplicateKey(SQLException ex) {
		return resultCode(ex) == CONSTRAINT && (messageContains(ex, "UNIQUE") || messageContains(ex, "PRIMARY KEY"));
	}

	@Override
	boolean isLockTimeout(SQLException ex) {
		return isBusy(ex) || (resultCode(ex) == LOCKED && ex.getSQLState() == null);
	}

	/**
	 * Return whether the given exception says that another connection holds a lock on the
	 * database file ({@code SQLITE_BUSY}).
	 * @param ex the exception
	 * @return whether the file is busy
	 */
	static boolean isBusy(SQLException ex) {
		return resultCode(ex) == BUSY && ex.getSQLState() == null;
	}

	/**
	 * Set the connection's {@code busy_timeout}, how long its statements wait for another
	 * connection's lock on the database file, and restore it afterwards: the setting
	 * belongs to the connection, not to the transaction.
	 */
	@Override
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		// Zero waits forever, as elsewhere; SQLite's zero would not wait at all
		long millis = (timeout.toMillis() > 0) ? Math.min(timeout.toMillis(), Integer.MAX_VALUE) : Integer.MAX_VALUE;
		int previous;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA busy_timeout")) {
			result.next();
			previous = result.getInt(1);
		}
		if (previous == millis) {
			return LockTimeoutReset.NONE;
		}
		setBusyTimeout(connection, millis);
		return (reset) -> setBusyTimeout(reset, previous);
	}

	private static void setBusyTimeout(Connection connection, long millis) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// A PRAGMA that sets a value returns it as a row
			statement.executeQuery("PRAGMA busy_timeout = " + millis).close();
		}
	}

	@Override
	String endSessionHint() {
		return "on SQLite, that is the process named above: stop it; even kill -9 releases the lock file, and "
				+ "SQLite rolls back its open transaction; never delete the lock file";
	}

	/**
	 * Return SQLite's primary result code, which sqlite-jdbc reports as the error code.
	 */
	private static int resultCode(SQLException ex) {
		return ex.getErrorCode() & 0xFF;
	}

	private static boolean messageContains(SQLException ex, String text) {
		return ex.getMessage() != null && ex.getMessage().contains(text);
	}

	@Override
	IdentifierCase tableNameCase(DatabaseMetaData metaData) throws SQLException {
		// SQLite keeps names as written and compares them ignoring case, whatever its
		// driver's metadata says
		return IdentifierCase.ANY_CASE;
	}

	@Override
	Set<String> partialIndexes(Connection connection, String table) throws SQLException {
		// sqlite-jdbc leaves the condition of a partial index out of its metadata
		Set<String> partial = new HashSet<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT name FROM pragma_index_list(?) " + "WHERE partial = 1")) {
			statement.setString(1, table);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					partial.add(rows.getString(1));
				}
			}
		}
		return partial;
	}

}
