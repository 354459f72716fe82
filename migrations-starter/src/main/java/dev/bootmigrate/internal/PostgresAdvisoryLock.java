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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * non-transactional migration. Entering a migration takes the mark and checks in
 * {@code pg_locks} that the lock session (by pid and start time) still holds the lock. A
 * new holder takes the lock and then waits for the mark to be free, so it never starts
 * while a previous holder, whose lock session died, is still in a migration; and the
 * previous holder finds out before its next migration. Instances starting up check with
 * {@code pg_try_advisory_xact_lock_shared} whether a run is in progress.
 *
 * @author the bootmigrate authors
 */
final class PostgresAdvisoryLock extends DatabaseLock {

	/**
	 * The key of the lock of a history table, computed by the server from the schema (the
	 * first parameter, or the current schema when it is null) and the table name.
	 */
	private static final String KEY_SQL = "('x' || substr(md5('bootmigrate:' || lower(coalesce(?, current_schema())) "
			+ "|| '.' || lower(?)), 1, 16))::bit(64)::bigint";

	private static final String FREE_SQL = "SELECT pg_try_advisory_xact_lock_shared(" + KEY_SQL + ")";

	private static final String SESSION_SQL = "SELECT pg_backend_pid(), "
			+ "(extract(epoch FROM backend_start) * 1000000)::bigint FROM pg_stat_activity WHERE pid = pg_backend_pid()";

	private static final String OWNERSHIP = "EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
			+ "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = ? "
			+ "AND l.objid::bigint = ? AND l.pid = ? AND (extract(epoch FROM a.backend_start) * 1000000)::bigint = ?)";

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

	private int sessionPid;

	private long sessionStart;

	private volatile int migrationPid;

	PostgresAdvisoryLock(DataSource dataSource, DatabasePlatform platform, HistoryTable table) {
		super(dataSource, platform);
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
	private static long markKeyFor(String qualifiedName) {
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

	/**
	 * Return whether no migration run holds the lock of the given table right now,
	 * without waiting and without keeping anything: one statement.
	 * @param connection a connection in auto-commit mode
	 * @param table the history table
	 * @return whether the lock is free
	 * @throws SQLException on failure
	 */
	static boolean isFree(Connection connection, HistoryTable table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(FREE_SQL)) {
			statement.setString(1, table.schema());
			statement.setString(2, table.table());
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
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
		try (PreparedStatement statement = connection.prepareStatement(SESSION_SQL);
				ResultSet result = statement.executeQuery()) {
			if (!result.next()) {
				throw new SQLException("The session of the " + describe() + " is not in pg_stat_activity");
			}
			this.sessionPid = result.getInt(1);
			this.sessionStart = result.getLong(2);
		}
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		if (!this.locked) {
			if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(?)", this.key)) {
				return false;
			}
			this.locked = true;
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
		if (!queryBoolean(connection, "SELECT pg_advisory_unlock(?)", this.key)) {
			throw new SQLException("The session did not hold the " + describe() + " any more. This happens when "
					+ "connections go through PgBouncer in transaction pooling mode, which session-level advisory locks "
					+ "do not survive; see the operations guide");
		}
	}

	@Override
	protected boolean enter(Connection lockConnection, Connection migration, boolean transactional)
			throws SQLException {
		String mark = transactional ? "pg_advisory_xact_lock(?)" : "pg_advisory_lock(?)";
		try (PreparedStatement statement = migration
			.prepareStatement("SELECT pg_backend_pid(), " + OWNERSHIP + " FROM (SELECT " + mark + ") AS mark")) {
			bindOwnership(statement, 1);
			statement.setLong(5, this.markKey);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				this.migrationPid = result.getInt(1);
				boolean owned = result.getBoolean(2);
				if (!owned && !transactional) {
					leave(migration);
				}
				return owned;
			}
		}
	}

	@Override
	protected void leave(Connection migration) throws SQLException {
		this.migrationPid = 0;
		queryBoolean(migration, "SELECT pg_advisory_unlock(?)", this.markKey);
	}

	@Override
	protected String ownershipCondition() {
		return OWNERSHIP;
	}

	@Override
	protected void bindOwnership(PreparedStatement statement, int index) throws SQLException {
		statement.setLong(index, this.key >>> 32);
		statement.setLong(index + 1, this.key & 0xFFFFFFFFL);
		statement.setInt(index + 2, this.sessionPid);
		statement.setLong(index + 3, this.sessionStart);
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
