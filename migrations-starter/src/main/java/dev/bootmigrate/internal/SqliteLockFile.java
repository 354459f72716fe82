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

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The lock of a SQLite database file: a write transaction ({@code BEGIN IMMEDIATE}) held
 * open on a small companion database, the lock file, next to the database file and named
 * after it and the history table ({@code app.db-schema_migrations.lock}), on a connection
 * of its own. SQLite allows one writer per file: the lock is held on a file of its own so
 * that the migrations can still write to the database.
 * <p>
 * SQLite locks a file with the operating system's advisory locks, which belong to the
 * process and end with it: closing the connection, or the death of the process
 * ({@code kill -9} included), releases the lock. Nothing is ever written to the lock
 * file, which stays empty and is never deleted: a process that waits for it holds it
 * open, and a new file under the same name would be a second lock. After taking the lock,
 * the holder records its process id, host and the time in the one row of the table
 * {@code <history table>_lock} of the database, so that a waiter can name it; it removes
 * the row when it releases the lock. The record is the holder's word, written just after
 * it took the lock: a waiter that finds the record of a process of its own host that has
 * ended says so.
 * <p>
 * The lock is lost only if its connection is closed or the lock file is removed or
 * replaced, which ownership checks before each migration and before its history row is
 * completed. A database in memory is visible to one process only: it is locked within the
 * JVM, by its JDBC URL and the history table.
 *
 * @author the bootmigrate authors
 */
final class SqliteLockFile extends DatabaseLock {

	private static final Log logger = LogFactory.getLog(SqliteLockFile.class);

	private static final String DRIVER = "org.sqlite.JDBC";

	private static final String SUFFIX = ".lock";

	/**
	 * How long writing the holder's record waits for the other writers of the database.
	 */
	private static final Duration RECORD_WAIT = Duration.ofMillis(250);

	private static final Map<String, Semaphore> inMemoryLocks = new ConcurrentHashMap<>();

	private static volatile @Nullable String hostName;

	private final SqliteDialect dialect;

	private final HistoryTable table;

	private final String recordTable;

	private final String token = UUID.randomUUID().toString();

	private @Nullable Path lockFile;

	private @Nullable Object lockFileKey;

	private @Nullable Connection lockConnection;

	private @Nullable String inMemoryKey;

	private boolean held;

	SqliteLockFile(DataSource dataSource, SqliteDialect dialect, HistoryTable table) {
		super(dataSource, dialect);
		this.dialect = dialect;
		this.table = table;
		this.recordTable = table.table() + "_lock";
	}

	/**
	 * Return the lock file of a database file.
	 * @param databaseFile the database file
	 * @param table the history table
	 * @return the lock file
	 */
	static Path lockFileOf(String databaseFile, HistoryTable table) {
		return Path.of(databaseFile + "-" + table.table() + SUFFIX);
	}

	@Override
	public String describe() {
		if (this.lockFile != null) {
			return "SQLite lock file " + this.lockFile;
		}
		if (this.inMemoryKey != null) {
			return "lock of the in-memory SQLite database " + this.inMemoryKey + " within this JVM";
		}
		return "SQLite lock file of " + this.table;
	}

	@Override
	protected void prepare(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		String file = databaseFile(connection);
		if (file.isEmpty()) {
			this.inMemoryKey = connection.getMetaData().getURL() + " (" + this.table + ")";
		}
		else {
			this.lockFile = lockFileOf(file, this.table);
		}
	}

	/**
	 * Return the file of the connection's main database, empty for a database in memory
	 * or a temporary one.
	 */
	private static String databaseFile(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet databases = statement.executeQuery("PRAGMA database_list")) {
			while (databases.next()) {
				if (SqliteDialect.MAIN.equals(databases.getString(2))) {
					return Objects.toString(databases.getString(3), "");
				}
			}
		}
		return "";
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		if (this.inMemoryKey != null) {
			this.held = inMemoryLocks.computeIfAbsent(this.inMemoryKey, (key) -> new Semaphore(1)).tryAcquire();
			return this.held;
		}
		Path lockFile = Objects.requireNonNull(this.lockFile);
		if (this.lockConnection == null) {
			this.lockConnection = open(lockFile);
		}
		Object fileKey = fileKey(lockFile);
		try (Statement statement = this.lockConnection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
		}
		catch (SQLException ex) {
			if (SqliteDialect.isBusy(ex)) {
				return false;
			}
			throw ex;
		}
		if (!Objects.equals(fileKey, fileKey(lockFile))) {
			// The file was replaced while this connection opened the old one
			closeLockConnection();
			return false;
		}
		this.lockFileKey = fileKey;
		this.held = true;
		record(connection);
		return true;
	}

	/**
	 * Open a connection of its own to the lock file, outside the pool, that never waits
	 * for a lock and keeps no journal: it never writes.
	 */
	private static Connection open(Path lockFile) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("busy_timeout", "0");
		properties.setProperty("journal_mode", "OFF");
		Connection connection = driver().connect("jdbc:sqlite:" + lockFile, properties);
		if (connection == null) {
			throw new SQLException("The SQLite driver did not open " + lockFile);
		}
		return connection;
	}

	private static Driver driver() throws SQLException {
		try {
			return (Driver) Class.forName(DRIVER, true, SqliteLockFile.class.getClassLoader())
				.getDeclaredConstructor()
				.newInstance();
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new SQLException("The SQLite driver " + DRIVER + " could not be loaded: " + ex, ex);
		}
	}

	private static @Nullable Object fileKey(Path file) throws SQLException {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			throw new SQLException("Could not read the attributes of the lock file " + file + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Record who holds the lock for waiters to name, in a transaction of its own on the
	 * database, waiting briefly for its other writers: a record that cannot be written
	 * costs the waiters its name, not the run.
	 */
	private void record(Connection connection) {
		writeRecord(connection,
				"CREATE TABLE IF NOT EXISTS " + this.recordTable
						+ " (id INT NOT NULL PRIMARY KEY, pid BIGINT NOT NULL, host VARCHAR(255) NOT NULL, "
						+ "since BIGINT NOT NULL, token VARCHAR(36) NOT NULL)",
				(statement) -> {
				});
		writeRecord(connection,
				"INSERT OR REPLACE INTO " + this.recordTable + " (id, pid, host, since, token) VALUES (1, ?, ?, ?, ?)",
				(statement) -> {
					statement.setLong(1, ProcessHandle.current().pid());
					statement.setString(2, hostName());
					statement.setLong(3, System.currentTimeMillis());
					statement.setString(4, this.token);
				});
	}

	private void forgetRecord(Connection connection) {
		writeRecord(connection, "DELETE FROM " + this.recordTable + " WHERE token = ?",
				(statement) -> statement.setString(1, this.token));
	}

	private void writeRecord(Connection connection, String sql, Binder binder) {
		try {
			Dialect.LockTimeoutReset reset = this.dialect.setLockTimeout(connection, RECORD_WAIT, false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				binder.bind(statement);
				statement.executeUpdate();
			}
			finally {
				reset.reset(connection);
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not write the record of the holder of the " + describe(), ex);
		}
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;

	}

	@Override
	protected void unlock(Connection connection) throws SQLException {
		if (this.inMemoryKey != null) {
			if (this.held) {
				this.held = false;
				inMemoryLocks.get(this.inMemoryKey).release();
			}
			return;
		}
		if (this.held) {
			this.held = false;
			forgetRecord(connection);
		}
		closeLockConnection();
	}

	/**
	 * Close the lock file's connection, which ends its transaction and releases the lock.
	 */
	private void closeLockConnection() throws SQLException {
		Connection lockConnection = this.lockConnection;
		this.lockConnection = null;
		if (lockConnection != null) {
			lockConnection.close();
		}
	}

	/**
	 * The lock belongs to this process's connection to the lock file: nothing outside can
	 * end it but the removal or replacement of the file.
	 */
	@Override
	protected boolean enter(Connection lockConnection, Connection migration, boolean transactional,
			Duration lockTimeout) throws SQLException {
		return owns(lockConnection, migration);
	}

	@Override
	protected boolean owns(Connection lockConnection, Connection migration) throws SQLException {
		if (!this.held) {
			return false;
		}
		if (this.inMemoryKey != null) {
			return true;
		}
		Connection connection = this.lockConnection;
		Path lockFile = Objects.requireNonNull(this.lockFile);
		try {
			return connection != null && !connection.isClosed() && Files.exists(lockFile)
					&& Objects.equals(this.lockFileKey, fileKey(lockFile));
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Name the holder as it recorded itself.
	 */
	@Override
	protected @Nullable String holder(Connection connection) {
		if (this.inMemoryKey != null) {
			return "another application in this JVM (a database in memory is visible to its own process only)";
		}
		try (Statement statement = connection.createStatement();
				ResultSet record = statement
					.executeQuery("SELECT pid, host, since FROM " + this.recordTable + " WHERE id = 1")) {
			if (!record.next()) {
				return null;
			}
			long pid = record.getLong(1);
			String host = record.getString(2);
			Instant since = Instant.ofEpochMilli(record.getLong(3));
			boolean thisHost = hostName().equals(host);
			if (thisHost && ProcessHandle.of(pid).isEmpty()) {
				return "a process that has not recorded itself yet (the last holder recorded in " + this.recordTable
						+ ", process " + pid + " on this host, has ended)";
			}
			return "process " + pid + " on host " + host + ", which took it at " + since + " (as it recorded in "
					+ this.recordTable + ")";
		}
		catch (SQLException ex) {
			// No record yet, or the database is busy: the waiter goes on without a name
			return null;
		}
	}

	private static String hostName() {
		String hostName = SqliteLockFile.hostName;
		if (hostName == null) {
			try {
				hostName = InetAddress.getLocalHost().getHostName();
			}
			catch (IOException ex) {
				hostName = "unknown";
			}
			SqliteLockFile.hostName = hostName;
		}
		return hostName;
	}

}
