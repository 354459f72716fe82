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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL session-level advisory lock, taken with {@code pg_try_advisory_lock} on an
 * auto-commit connection that stays idle while the lock is held.
 * <p>
 * The key is derived from the history table's schema and name, so applications that keep
 * their history in different schemas of one database do not block each other. The holding
 * connection is never inside a transaction, so statements that wait for other
 * transactions, such as {@code CREATE INDEX CONCURRENTLY}, do not wait for it.
 * <p>
 * A second key marks the session that is applying a migration: a transaction-level
 * advisory lock in a transactional migration, a session-level one around a
 * non-transactional migration. The lock session also holds a two-key advisory lock whose
 * keys are random for each run (the nonce). Entering a migration takes the mark and
 * checks that the nonce is still held, that is, that the lock session is alive; the
 * statement that completes a migration's history row checks the nonce and that the
 * migration is still in the transaction that entered it. A new holder takes the lock and
 * then waits for the mark to be free, so it never starts while a previous holder, whose
 * lock session died, is still in a migration; and the previous holder finds out before
 * its next migration.
 *
 * @author the bootmigrate authors
 */
final class PostgresAdvisoryLock extends DatabaseLock {

	/**
	 * Whether the lock session still holds this run's nonce: a two-key advisory lock,
	 * random for each run, that only the lock session takes, exclusively, and that dies
	 * with it. A shared request of another session is refused while it is held; granted,
	 * it lasts to the end of the statement's transaction and harms no one. No scan of
	 * {@code pg_locks}.
	 */
	private static final String OWNERSHIP = "NOT pg_try_advisory_xact_lock_shared(?, ?)";

	/**
	 * Whether the migration's session is still in the transaction that entered it: false
	 * once a transactional migration ended its transaction itself.
	 */
	private static final String MARK = "txid_current() = ?";

	private static final long MARK_POLL_MILLIS = 100;

	private static final long MARK_WAIT_MILLIS = 60_000;

	private static final String HOLDERS_SQL = """
			SELECT a.pid, a.application_name, a.usename, a.client_addr, a.state, a.state_change, a.xact_start,
			left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200)
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.pid <> pg_backend_pid()
			AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""";

	private static final String BLOCKERS_SQL = """
			SELECT a.pid, a.application_name, a.usename, a.client_addr, a.state, a.state_change, a.xact_start,
			left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200)
			FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?))""";

	private final HistoryTable table;

	private @Nullable String target;

	private long key;

	private long markKey;

	private boolean locked;

	private final int nonceHigh = new SecureRandom().nextInt(Integer.MAX_VALUE);

	private final int nonceLow = new SecureRandom().nextInt(Integer.MAX_VALUE);

	private volatile int migrationPid;

	private long transaction;

	PostgresAdvisoryLock(DataSource dataSource, Dialect dialect, HistoryTable table) {
		super(dataSource, dialect);
		this.table = table;
	}

	/**
	 * Return the advisory lock key for a schema-qualified history table name.
	 * @param qualifiedName the schema and table, as {@code schema.table}
	 * @return the key
	 */
	static long keyFor(String qualifiedName) {
		return digest(qualifiedName).getLong(0);
	}

	/**
	 * Return the key that marks the session applying a migration to the given table.
	 */
	static long markKeyFor(String qualifiedName) {
		return digest(qualifiedName).getLong(8);
	}

	private static ByteBuffer digest(String qualifiedName) {
		try {
			return ByteBuffer.wrap(MessageDigest.getInstance("MD5")
				.digest(("bootmigrate:" + qualifiedName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

	@Override
	public String describe() {
		if (this.target == null) {
			return "PostgreSQL advisory lock on " + this.table.qualifiedName();
		}
		return "PostgreSQL advisory lock " + this.key + " on " + this.target;
	}

	@Override
	protected void prepare(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		String schema = (this.table.schema() != null) ? this.table.schema() : connection.getSchema();
		this.target = schema + "." + this.table.table();
		this.key = keyFor(this.target);
		this.markKey = markKeyFor(this.target);
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		if (!this.locked) {
			if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(?)", this.key)) {
				return false;
			}
			this.locked = true;
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
				statement.setInt(1, this.nonceHigh);
				statement.setInt(2, this.nonceLow);
				statement.executeQuery().close();
			}
		}
		// A previous holder whose lock session died may still be in a migration: wait
		// until it has left it
		if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(?)", this.markKey)) {
			return false;
		}
		queryBoolean(connection, "SELECT pg_advisory_unlock(?)", this.markKey);
		return true;
	}

	@Override
	protected void unlock(Connection connection) throws SQLException {
		if (!this.locked) {
			return;
		}
		this.locked = false;
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
			statement.setInt(1, this.nonceHigh);
			statement.setInt(2, this.nonceLow);
			statement.executeQuery().close();
		}
		if (!queryBoolean(connection, "SELECT pg_advisory_unlock(?)", this.key)) {
			throw new SQLException("The session did not hold the " + describe() + " any more. This happens when "
					+ "connections go through PgBouncer in transaction pooling mode, which session-level advisory locks "
					+ "do not survive; see the operations guide");
		}
	}

	/**
	 * Take the mark without waiting, and check the nonce, in one statement; while the
	 * mark is taken by a previous holder that lost its lock, poll: a statement blocked on
	 * a lock would hold a snapshot that a {@code CREATE INDEX CONCURRENTLY} of the new
	 * holder waits for.
	 */
	@Override
	protected boolean enter(Connection lockConnection, Connection migration, boolean transactional,
			Duration lockTimeout) throws SQLException {
		// In a transaction, set_config(..., true) is SET LOCAL: it ends with it
		String sql = transactional
				? "SELECT pg_backend_pid(), pg_try_advisory_xact_lock(?), " + OWNERSHIP
						+ ", set_config('lock_timeout', ?, true), txid_current()"
				: "SELECT pg_backend_pid(), pg_try_advisory_lock(?), " + OWNERSHIP;
		long deadline = System.nanoTime() + MARK_WAIT_MILLIS * 1_000_000;
		try (PreparedStatement statement = migration.prepareStatement(sql)) {
			statement.setLong(1, this.markKey);
			bindOwnership(statement, 2);
			if (transactional) {
				statement.setString(4, lockTimeout.toMillis() + "ms");
			}
			while (true) {
				boolean marked;
				boolean owned;
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					this.migrationPid = result.getInt(1);
					marked = result.getBoolean(2);
					owned = result.getBoolean(3);
					if (transactional) {
						this.transaction = result.getLong(5);
					}
				}
				if (marked && owned) {
					return true;
				}
				if (marked && !transactional) {
					leave(migration);
				}
				if (!owned) {
					this.migrationPid = 0;
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
		this.migrationPid = 0;
		queryBoolean(migration, "SELECT pg_advisory_unlock(?)", this.markKey);
	}

	@Override
	protected void exited() {
		this.migrationPid = 0;
	}

	@Override
	protected String ownershipCondition() {
		return OWNERSHIP;
	}

	@Override
	protected void bindOwnership(PreparedStatement statement, int index) throws SQLException {
		statement.setInt(index, this.nonceHigh);
		statement.setInt(index + 1, this.nonceLow);
	}

	@Override
	protected String markCondition() {
		return MARK;
	}

	@Override
	protected void bindMark(PreparedStatement statement, int index) throws SQLException {
		statement.setLong(index, this.transaction);
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

	@Override
	protected @Nullable String blockers(Connection lockConnection) {
		int pid = this.migrationPid;
		if (pid == 0) {
			return null;
		}
		try (PreparedStatement statement = lockConnection.prepareStatement(BLOCKERS_SQL)) {
			statement.setInt(1, pid);
			return sessions(statement);
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private boolean queryBoolean(Connection connection, String sql, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/**
	 * Name the session applying a migration, if any, and the session holding the lock.
	 */
	@Override
	protected @Nullable String holder(Connection connection) {
		try {
			String migrating = holdersOf(connection, this.markKey);
			String holding = holdersOf(connection, this.key);
			if (migrating == null) {
				return holding;
			}
			return migrating + ", which is applying a migration"
					+ ((holding != null) ? "; the lock itself is held by " + holding : "");
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private @Nullable String holdersOf(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(HOLDERS_SQL)) {
			statement.setLong(1, key >>> 32);
			statement.setLong(2, key & 0xFFFFFFFFL);
			return sessions(statement);
		}
	}

	private static @Nullable String sessions(PreparedStatement statement) throws SQLException {
		List<String> sessions = new ArrayList<>();
		try (ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				sessions.add(session(result));
			}
		}
		return sessions.isEmpty() ? null : String.join("; ", sessions);
	}

	/**
	 * Describe the session of a row of {@link #HOLDERS_SQL} or {@link #BLOCKERS_SQL}.
	 */
	private static String session(ResultSet row) throws SQLException {
		Timestamp since = row.getTimestamp(6);
		Timestamp transaction = row.getTimestamp(7);
		String state = row.getString(5);
		String statement = row.getString(8);
		return "PostgreSQL backend pid " + row.getInt(1) + " (application '" + orUnknown(row.getString(2)) + "', user "
				+ orUnknown(row.getString(3)) + ", client " + orUnknown(row.getString(4)) + ", " + orUnknown(state)
				+ ((since != null) ? " since " + since.toInstant() : "")
				+ ((transaction != null) ? ", transaction open since " + transaction.toInstant() : "")
				+ ((statement != null && !statement.isBlank())
						? (("active".equals(state)) ? ", running '" : ", last statement '") + statement + "'" : "")
				+ ")";
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : "?";
	}

}
