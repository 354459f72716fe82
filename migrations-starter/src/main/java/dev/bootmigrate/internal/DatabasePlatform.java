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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What the engine needs to know about the database it talks to, detected once from the
 * connection's metadata (no query is sent).
 *
 * @param driver the database
 * @param productName the product name reported by the driver
 * @param transactionalDdl whether schema changes roll back with the transaction
 * @param timestampType the column type for instants
 * @author the bootmigrate authors
 */
public record DatabasePlatform(DatabaseDriver driver, String productName, boolean transactionalDdl,
		String timestampType) {

	/**
	 * Detect the platform of the given connection.
	 * @param connection the connection
	 * @return the platform
	 * @throws SQLException if the metadata cannot be read
	 */
	public static DatabasePlatform of(Connection connection) throws SQLException {
		String productName = connection.getMetaData().getDatabaseProductName();
		DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
		return switch (driver) {
			case POSTGRESQL -> new DatabasePlatform(driver, productName, true, "TIMESTAMP WITH TIME ZONE");
			case H2 -> new DatabasePlatform(driver, productName, false, "TIMESTAMP WITH TIME ZONE");
			case MYSQL, MARIADB -> new DatabasePlatform(driver, productName, false, "TIMESTAMP(3)");
			case SQLSERVER -> new DatabasePlatform(driver, productName, true, "DATETIMEOFFSET");
			default -> new DatabasePlatform(driver, productName, false, "TIMESTAMP");
		};
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
				(sql) -> sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
						|| sql.getSQLState().equals("57P02") || sql.getSQLState().equals("57P03")
						|| sql.getSQLState().equals("90067"));
	}

	/**
	 * Return whether the given failure means that a statement gave up waiting for a lock
	 * after the {@linkplain #setLockTimeout lock timeout}.
	 * @param failure the failure
	 * @return whether one of its causes reports a lock timeout
	 */
	boolean isLockTimeout(@Nullable Throwable failure) {
		return anyCause(failure,
				(sql) -> (this.driver == DatabaseDriver.POSTGRESQL && sql.getSQLState().equals("55P03"))
						|| (this.driver == DatabaseDriver.H2 && sql.getErrorCode() == 50200));
	}

	/**
	 * Return whether a cause of the given failure is an {@link SQLException} with an SQL
	 * state that the given test accepts.
	 */
	private static boolean anyCause(@Nullable Throwable failure, Predicate<SQLException> test) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql && sql.getSQLState() != null && test.test(sql)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	/**
	 * Return whether the given exception reports a duplicate key.
	 * @param ex the exception
	 * @return whether it reports a duplicate key
	 */
	static boolean isDuplicateKey(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("23");
	}

	/**
	 * Make statements of the given connection give up waiting for a lock after the given
	 * time: for the rest of the transaction, or for the session until the returned action
	 * restores it.
	 * @param connection the migration's connection
	 * @param timeout the timeout; zero waits forever
	 * @param transactional whether the connection is in the migration's transaction,
	 * which the setting then ends with
	 * @return what restores the session's setting, to run when the migration is over
	 * @throws SQLException on failure
	 */
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		long millis = timeout.toMillis();
		if (this.driver == DatabaseDriver.POSTGRESQL) {
			if (transactional) {
				execute(connection, "SET LOCAL lock_timeout = " + millis);
				return LockTimeoutReset.NONE;
			}
			String previous;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SHOW lock_timeout")) {
				result.next();
				previous = result.getString(1);
			}
			execute(connection, "SET lock_timeout = " + millis);
			return (reset) -> {
				try (var statement = reset.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
					statement.setString(1, previous);
					statement.executeQuery().close();
				}
			};
		}
		if (this.driver == DatabaseDriver.H2 && millis > 0 && millis < H2_DEFAULT_LOCK_TIMEOUT_MILLIS) {
			// H2 bounds every lock wait already (2 s by default): only ever shorten it
			long previous;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
				result.next();
				previous = result.getLong(1);
			}
			if (previous <= millis) {
				return LockTimeoutReset.NONE;
			}
			execute(connection, "SET LOCK_TIMEOUT " + millis);
			return (reset) -> execute(reset, "SET LOCK_TIMEOUT " + previous);
		}
		return LockTimeoutReset.NONE;
	}

	/**
	 * H2's lock timeout when the URL does not set one.
	 */
	private static final long H2_DEFAULT_LOCK_TIMEOUT_MILLIS = 2000;

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
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

	/**
	 * Return whether this is PostgreSQL.
	 * @return whether this is PostgreSQL
	 */
	boolean isPostgresql() {
		return this.driver == DatabaseDriver.POSTGRESQL;
	}

}
