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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaves a real invalid index on the test PostgreSQL server, as an interrupted
 * {@code CREATE INDEX CONCURRENTLY} does: one session holds an open transaction that
 * wrote to the table, so that the index build waits for it, and a third session cancels
 * the build while it waits.
 *
 * @author the bootmigrate authors
 */
public final class InterruptedIndexBuild {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private InterruptedIndexBuild() {
	}

	/**
	 * Start {@code CREATE INDEX CONCURRENTLY index ON table (column)} and cancel it while
	 * it waits, leaving the index invalid.
	 * @param database the database of the table
	 * @param table the table, which must exist and have the column
	 * @param index the name of the index
	 * @param column the column
	 * @throws Exception on failure
	 */
	public static void leaveInvalid(TestDatabase database, String table, String index, String column) throws Exception {
		try (Connection writer = database.connect();
				Connection builder = database.connect();
				Connection canceller = database.connect()) {
			writer.setAutoCommit(false);
			try (Statement statement = writer.createStatement()) {
				statement.executeUpdate("UPDATE " + table + " SET " + column + " = " + column);
			}
			int pid = pid(builder);
			CompletableFuture<SQLException> build = CompletableFuture.supplyAsync(() -> {
				try (Statement statement = builder.createStatement()) {
					statement.execute("CREATE INDEX CONCURRENTLY " + index + " ON " + table + " (" + column + ")");
					return null;
				}
				catch (SQLException ex) {
					return ex;
				}
			});
			awaitLockWait(canceller, pid);
			try (PreparedStatement cancel = canceller.prepareStatement("SELECT pg_cancel_backend(?)")) {
				cancel.setInt(1, pid);
				cancel.execute();
			}
			SQLException failure = build.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (failure == null || !"57014".equals(failure.getSQLState())) {
				throw new IllegalStateException("The index build was not cancelled", failure);
			}
			writer.rollback();
			try (PreparedStatement valid = canceller
				.prepareStatement("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
				valid.setString(1, database.schema() + "." + index);
				try (ResultSet result = valid.executeQuery()) {
					assertThat(result.next()).as("the index exists").isTrue();
					assertThat(result.getBoolean(1)).as("the index is valid").isFalse();
				}
			}
		}
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void awaitLockWait(Connection connection, int pid) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
			statement.setInt(1, pid);
			while (System.nanoTime() < deadline) {
				try (ResultSet result = statement.executeQuery()) {
					if (result.next() && "Lock".equals(result.getString(1))) {
						return;
					}
				}
				Thread.sleep(20);
			}
		}
		throw new IllegalStateException("CREATE INDEX CONCURRENTLY did not wait for the open transaction");
	}

}
