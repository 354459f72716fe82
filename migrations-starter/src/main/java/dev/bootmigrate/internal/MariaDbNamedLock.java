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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A MariaDB or MySQL named lock ({@code GET_LOCK}), taken without waiting and polled, on
 * an auto-commit connection that stays idle while the lock is held. The server releases
 * it when that session ends.
 * <p>
 * Named locks belong to the server, not to a database, so the name is derived from the
 * history table's schema (its database) and name, within the server's 64 characters. A
 * second named lock marks the session that is applying a migration: taken when a
 * migration is entered, released when it leaves (a non-transactional migration) or when
 * its transaction completes, before its connection goes back to the pool. A new holder
 * takes the lock and then waits for the mark to be free, so it never starts while a
 * previous holder, whose lock session died, is still in a migration.
 * <p>
 * Entering a migration and completing its history row check, on the migration's own
 * connection, that the lock is still held by the lock session's connection id
 * ({@code IS_USED_LOCK}); a holder whose lock session was killed finds out before its
 * next migration, and cannot complete the row of the migration it was in. Unlike
 * PostgreSQL, the server cannot tell whether the migration's transaction is still the one
 * that entered it: a DDL statement commits it implicitly, as a migration's own
 * {@code COMMIT} would.
 *
 * @author the bootmigrate authors
 */
final class MariaDbNamedLock extends DatabaseLock {

	private static final Log logger = LogFactory.getLog(MariaDbNamedLock.class);

	/**
	 * The longest name MySQL accepts for a named lock.
	 */
	static final int MAX_NAME_LENGTH = 64;

	private static final String OWNERSHIP = "IS_USED_LOCK(?) = ?";

	private static final String RELEASE_SQL = "SELECT RELEASE_LOCK(?)";

	private static final long MARK_POLL_MILLIS = 100;

	private static final long MARK_WAIT_MILLIS = 60_000;

	private static final String SESSION_SQL = "SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE, LEFT(INFO, 200) "
			+ "FROM information_schema.PROCESSLIST WHERE ID = ?";

	private static final String TRANSACTION_SQL = "SELECT trx_started FROM information_schema.INNODB_TRX "
			+ "WHERE trx_mysql_thread_id = ?";

	private static final String ROW_LOCK_BLOCKERS_SQL = "SELECT DISTINCT b.trx_mysql_thread_id "
			+ "FROM information_schema.INNODB_TRX r "
			+ "JOIN information_schema.INNODB_LOCK_WAITS w ON w.requesting_trx_id = r.trx_id "
			+ "JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id WHERE r.trx_mysql_thread_id = ?";

	private static final String OPEN_TRANSACTIONS_SQL = "SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX "
			+ "WHERE trx_mysql_thread_id NOT IN (?, ?) ORDER BY trx_started";

	private final HistoryTable table;

	private final String product;

	private @Nullable String target;

	private String name = "";

	private String markName = "";

	private long connectionId;

	private boolean locked;

	private volatile long migrationId;

	MariaDbNamedLock(DataSource dataSource, Dialect dialect, HistoryTable table) {
		super(dataSource, dialect);
		this.table = table;
		this.product = dialect.productName();
	}

	/**
	 * Return the name of the lock that guards the given history table.
	 * @param qualifiedName the schema and table, as {@code schema.table}
	 * @return the name
	 */
	static String nameFor(String qualifiedName) {
		return name("bootmigrate:", qualifiedName);
	}

	/**
	 * Return the name of the lock that marks the session applying a migration to the
	 * given history table.
	 * @param qualifiedName the schema and table, as {@code schema.table}
	 * @return the name
	 */
	static String markNameFor(String qualifiedName) {
		return name("bootmigrate-migrating:", qualifiedName);
	}

	/**
	 * Return the prefix and the name, in lower case; when that is too long, its start and
	 * a hash of the whole name.
	 */
	private static String name(String prefix, String qualifiedName) {
		String target = qualifiedName.toLowerCase(Locale.ROOT);
		String name = prefix + target;
		if (name.length() <= MAX_NAME_LENGTH) {
			return name;
		}
		try {
			String hash = HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(target.getBytes(StandardCharsets.UTF_8)))
				.substring(0, 16);
			return name.substring(0, MAX_NAME_LENGTH - hash.length() - 1) + "~" + hash;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

	@Override
	public String describe() {
		if (this.target == null) {
			return this.product + " named lock on " + this.table.qualifiedName();
		}
		return this.product + " named lock '" + this.name + "' on " + this.target;
	}

	@Override
	protected void prepare(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		String database;
		try (PreparedStatement statement = connection.prepareStatement("SELECT CONNECTION_ID(), DATABASE()");
				ResultSet result = statement.executeQuery()) {
			result.next();
			this.connectionId = result.getLong(1);
			database = result.getString(2);
		}
		String schema = (this.table.schema() != null) ? this.table.schema() : database;
		this.target = schema + "." + this.table.table();
		this.name = nameFor(this.target);
		this.markName = markNameFor(this.target);
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		if (!this.locked) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0), IS_USED_LOCK(?)")) {
				statement.setString(1, this.name);
				statement.setString(2, this.markName);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getInt(1) != 1) {
						return false;
					}
					this.locked = true;
					// A previous holder whose lock session died may still be in a
					// migration: wait until it has left it
					result.getLong(2);
					return result.wasNull();
				}
			}
		}
		return usedBy(connection, this.markName) == 0;
	}

	@Override
	protected void unlock(Connection connection) throws SQLException {
		if (!this.locked) {
			return;
		}
		this.locked = false;
		if (!release(connection, this.name)) {
			throw new SQLException("The session did not hold the " + describe() + " any more");
		}
	}

	/**
	 * Take the mark without waiting, check ownership and read the session's lock
	 * timeouts, in one statement; while the mark is taken by a previous holder that lost
	 * its lock, poll. A transactional migration then gets the lock timeout, in one more
	 * statement when it differs, and its session gets its own back with the mark's
	 * release.
	 */
	@Override
	protected boolean enter(Connection lockConnection, Connection migration, boolean transactional,
			Duration lockTimeout) throws SQLException {
		long deadline = System.nanoTime() + MARK_WAIT_MILLIS * 1_000_000;
		try (PreparedStatement statement = migration.prepareStatement("SELECT CONNECTION_ID(), GET_LOCK(?, 0), "
				+ OWNERSHIP + ", @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
			statement.setString(1, this.markName);
			bindOwnership(statement, 2);
			while (true) {
				long id;
				boolean marked;
				boolean owned;
				long metadataSeconds;
				long rowSeconds;
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					id = result.getLong(1);
					marked = result.getInt(2) == 1;
					owned = result.getBoolean(3);
					metadataSeconds = result.getLong(4);
					rowSeconds = result.getLong(5);
				}
				if (marked && owned) {
					this.migrationId = id;
					if (transactional) {
						releaseWithTransaction(migration,
								lockTimeout(migration, lockTimeout, metadataSeconds, rowSeconds));
					}
					return true;
				}
				if (marked) {
					release(migration, this.markName);
				}
				if (!owned) {
					this.migrationId = 0;
					return false;
				}
				if (System.nanoTime() > deadline) {
					throw new SQLException("A migration of a previous holder of the " + describe()
							+ " is still running after " + MARK_WAIT_MILLIS / 1000 + " s");
				}
				sleep();
			}
		}
	}

	/**
	 * Set the lock timeout of a transactional migration's session, unless it has it.
	 * @return the statement that releases the mark, with the name as its parameter, and
	 * gives the session its own lock timeouts back where they were changed
	 */
	private String lockTimeout(Connection migration, Duration lockTimeout, long metadataSeconds, long rowSeconds)
			throws SQLException {
		String restore;
		try {
			restore = MariaDbDialect.setLockTimeout(migration, lockTimeout, metadataSeconds, rowSeconds);
		}
		catch (SQLException ex) {
			release(migration, this.markName);
			throw ex;
		}
		// One statement: a session that cannot be given both back is discarded
		return (restore != null) ? restore + ", @bootmigrate_mark = RELEASE_LOCK(?)" : RELEASE_SQL;
	}

	/**
	 * Release the mark of a transactional migration when its transaction completes,
	 * before its connection goes back to the pool: a named lock outlives transactions. A
	 * connection that cannot release it is discarded.
	 * @param releaseSql the statement that releases the mark
	 */
	private void releaseWithTransaction(Connection migration, String releaseSql) throws SQLException {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			release(migration, releaseSql, this.markName);
			throw new SQLException("A transactional migration must run in a Spring-managed transaction to be "
					+ "marked as migrating under the " + describe());
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				try {
					release(migration, releaseSql, MariaDbNamedLock.this.markName);
				}
				catch (SQLException ex) {
					logger.debug("Could not release the mark of the migration's session; discarding its connection",
							ex);
					try {
						migration.abort(Runnable::run);
					}
					catch (SQLException | RuntimeException abortFailure) {
						logger.debug("Could not discard the connection of a migration", abortFailure);
					}
				}
			}

		});
	}

	private static void sleep() throws SQLException {
		try {
			Thread.sleep(MARK_POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("Interrupted while waiting to enter a migration", ex);
		}
	}

	@Override
	protected boolean setsLockTimeout() {
		return true;
	}

	@Override
	protected void leave(Connection migration) throws SQLException {
		this.migrationId = 0;
		release(migration, this.markName);
	}

	@Override
	protected void exited() {
		this.migrationId = 0;
	}

	@Override
	protected String ownershipCondition() {
		return OWNERSHIP;
	}

	@Override
	protected void bindOwnership(PreparedStatement statement, int index) throws SQLException {
		statement.setString(index, this.name);
		statement.setLong(index + 1, this.connectionId);
	}

	@Override
	protected boolean owns(Connection lockConnection, Connection migration) throws SQLException {
		try (PreparedStatement statement = migration.prepareStatement("SELECT " + OWNERSHIP)) {
			bindOwnership(statement, 1);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static void release(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, name);
			statement.execute();
		}
	}

	private static boolean release(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(RELEASE_SQL)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getInt(1) == 1;
			}
		}
	}

	/**
	 * Return the connection id of the session holding the named lock, or 0.
	 */
	private static long usedBy(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getLong(1) : 0;
			}
		}
	}

	/**
	 * Name the session applying a migration, if any, and the session holding the lock.
	 */
	@Override
	protected @Nullable String holder(Connection connection) {
		try {
			long migrating = usedBy(connection, this.markName);
			long holding = usedBy(connection, this.name);
			String holdingSession = (holding != 0 && holding != this.connectionId) ? session(connection, holding)
					: null;
			if (migrating == 0) {
				return holdingSession;
			}
			return session(connection, migrating) + ", which is applying a migration"
					+ ((holdingSession != null) ? "; the lock itself is held by " + holdingSession : "");
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * Describe the sessions that block the migration: those whose row locks it waits for,
	 * or, while it waits for a metadata lock (which the server does not attribute), the
	 * sessions with an open transaction. Needs the {@code PROCESS} privilege.
	 */
	@Override
	protected @Nullable String blockers(Connection lockConnection) {
		long id = this.migrationId;
		if (id == 0) {
			return null;
		}
		try {
			String state = null;
			try (PreparedStatement statement = lockConnection
				.prepareStatement("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = ?")) {
				statement.setLong(1, id);
				try (ResultSet result = statement.executeQuery()) {
					if (result.next()) {
						state = result.getString(1);
					}
				}
			}
			if (state != null && state.toLowerCase(Locale.ROOT).contains("metadata lock")) {
				List<Long> open = ids(lockConnection, OPEN_TRANSACTIONS_SQL, id, this.connectionId);
				return sessions(lockConnection, open, ", which has a transaction open");
			}
			return sessions(lockConnection, ids(lockConnection, ROW_LOCK_BLOCKERS_SQL, id), "");
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static List<Long> ids(Connection connection, String sql, long... parameters) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setLong(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					ids.add(result.getLong(1));
				}
			}
		}
		return ids;
	}

	private @Nullable String sessions(Connection connection, List<Long> ids, String suffix) throws SQLException {
		List<String> sessions = new ArrayList<>();
		for (long id : ids) {
			sessions.add(session(connection, id) + suffix);
		}
		return sessions.isEmpty() ? null : String.join("; ", sessions);
	}

	/**
	 * Describe the session of the given connection id from the process list: user,
	 * client, database, command, for how long, its transaction and its statement.
	 */
	private String session(Connection connection, long id) throws SQLException {
		String description = this.product + " connection " + id;
		try (PreparedStatement statement = connection.prepareStatement(SESSION_SQL)) {
			statement.setLong(1, id);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return description + " (its details need the PROCESS privilege)";
				}
				String state = row.getString(7);
				String running = row.getString(8);
				String transaction = transactionStart(connection, id);
				return description + " (user " + orUnknown(row.getString(2)) + ", client " + orUnknown(row.getString(3))
						+ ", database " + orUnknown(row.getString(4)) + ", " + orUnknown(row.getString(5))
						+ ((state != null && !state.isEmpty()) ? " (" + state + ")" : "") + " for " + row.getLong(6)
						+ " s" + ((transaction != null) ? ", transaction open since " + transaction : "")
						+ ((running != null && !running.isBlank())
								? ", running '" + running.strip().replaceAll("\\s+", " ") + "'" : "")
						+ ")";
			}
		}
	}

	/**
	 * Return when the session's transaction started, or {@code null} when it has none or
	 * the user may not see it (which needs the {@code PROCESS} privilege).
	 */
	private static @Nullable String transactionStart(Connection connection, long id) {
		try (PreparedStatement statement = connection.prepareStatement(TRANSACTION_SQL)) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : "?";
	}

}
