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
 *
 * @author the bootmigrate authors
 */
final class PostgresAdvisoryLock extends DatabaseLock {

	private static final String HOLDER_SQL = """
			SELECT a.pid, a.application_name, a.usename, a.client_addr, a.state_change
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND l.classid::bigint = ? AND l.objid::bigint = ?
			AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""";

	private final HistoryTable table;

	private @Nullable String target;

	private long key;

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
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("bootmigrate:" + qualifiedName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
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
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		return queryBoolean(connection, "SELECT pg_try_advisory_lock(?)");
	}

	@Override
	protected void unlock(Connection connection) throws SQLException {
		if (!queryBoolean(connection, "SELECT pg_advisory_unlock(?)")) {
			throw new SQLException("The session did not hold the " + describe() + " any more. This happens when "
					+ "connections go through PgBouncer in transaction pooling mode, which session-level advisory locks "
					+ "do not survive; see the operations guide");
		}
	}

	private boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, this.key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	@Override
	protected @Nullable String holder(Connection connection) {
		try (PreparedStatement statement = connection.prepareStatement(HOLDER_SQL)) {
			statement.setLong(1, this.key >>> 32);
			statement.setLong(2, this.key & 0xFFFFFFFFL);
			List<String> holders = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					Timestamp since = result.getTimestamp(5);
					holders.add("PostgreSQL backend pid " + result.getInt(1) + " (application '"
							+ orUnknown(result.getString(2)) + "', user " + orUnknown(result.getString(3)) + ", client "
							+ orUnknown(result.getString(4)) + ", holding since "
							+ ((since != null) ? since.toInstant() : "?") + ")");
				}
			}
			return holders.isEmpty() ? null : String.join("; ", holders);
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : "?";
	}

}
