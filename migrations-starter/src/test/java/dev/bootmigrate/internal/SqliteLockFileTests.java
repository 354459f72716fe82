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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.SqliteDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SqliteLockFile} on real SQLite database files: where the lock file is,
 * what a waiter says about the holder, that the migrations can write while it is held,
 * and the lock of a database in memory. Separate processes are in
 * {@code SqliteClusterStartupTests}.
 *
 * @author the bootmigrate authors
 */
class SqliteLockFileTests {

	private static final HistoryTable TABLE = new HistoryTable(null, "schema_migrations");

	private final SqliteDatabase database = SqliteDatabase.create();

	private final DataSource dataSource = this.database.dataSource();

	private final Dialect dialect = Dialect.of("SQLite");

	@AfterEach
	void deleteDatabase() {
		this.database.close();
	}

	private DatabaseLock lock() {
		return this.dialect.lock(this.dataSource, TABLE);
	}

	private Path lockFile() {
		return Path.of(this.database.file() + "-schema_migrations.lock");
	}

	@Test
	void lockIsAnEmptyFileNextToTheDatabaseFileNamedAfterTheHistoryTable() throws Exception {
		try (DatabaseLock.Held held = lock().acquire(Duration.ofSeconds(5))) {
			assertThat(held.describe()).isEqualTo("SQLite lock file " + lockFile());
			assertThat(lockFile()).exists();
		}
		assertThat(lockFile()).exists().isEmptyFile();
		assertThat(Files.list(lockFile().getParent()).map((file) -> file.getFileName().toString()))
			.containsExactlyInAnyOrder("test.db", "test.db-schema_migrations.lock");
	}

	@Test
	void waiterTimesOutNamingTheHolderAsItRecordedItself() {
		try (DatabaseLock.Held held = lock().acquire(Duration.ofSeconds(5))) {
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> lock().acquire(Duration.ofMillis(500)))
				.satisfies((ex) -> {
					assertThat(ex.getLock()).isEqualTo("SQLite lock file " + lockFile());
					assertThat(ex.getHolder()).startsWith("process " + ProcessHandle.current().pid() + " on host ")
						.contains(", which took it at ", "(as it recorded in schema_migrations_lock)");
					assertThat(ex.getEndSessionHint()).contains("the process named above: stop it",
							"never delete the lock file");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void releasedLockIsTakenByTheNextAndItsRecordIsRemoved() {
		lock().acquire(Duration.ofSeconds(5)).close();
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM schema_migrations_lock",
				Integer.class))
			.isZero();
		try (DatabaseLock.Held held = lock().acquire(Duration.ofSeconds(1))) {
			assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT pid FROM schema_migrations_lock",
					Long.class))
				.isEqualTo(ProcessHandle.current().pid());
		}
	}

	@Test
	void databaseStaysWritableWhileTheLockIsHeld() throws Exception {
		try (DatabaseLock.Held held = lock().acquire(Duration.ofSeconds(5));
				Connection writer = this.dataSource.getConnection();
				Statement statement = writer.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			writer.setAutoCommit(false);
			statement.execute("CREATE TABLE items (id INT)");
			statement.execute("INSERT INTO items (id) VALUES (1)");
			writer.commit();
			assertThat(held.owns(writer)).isTrue();
		}
	}

	@Test
	void recordOfAProcessThatHasEndedIsNotTakenForTheHolder() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		lock().acquire(Duration.ofSeconds(5)).close();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String host = java.net.InetAddress.getLocalHost().getHostName();
		jdbc.update("INSERT INTO schema_migrations_lock (id, pid, host, since, token) VALUES (1, ?, ?, 0, 'gone')",
				ended.pid(), host);
		// A holder that took the lock file and has not recorded itself yet
		try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + lockFile());
				Statement statement = holder.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> lock().acquire(Duration.ofMillis(300)))
				.satisfies((ex) -> assertThat(ex.getHolder()).startsWith("a process that has not recorded itself yet")
					.contains("process " + ended.pid() + " on this host, has ended"));
		}
	}

	@Test
	void lockFileRemovedWhileHeldIsNoLongerOwned() throws Exception {
		try (DatabaseLock.Held held = lock().acquire(Duration.ofSeconds(5));
				Connection migration = this.dataSource.getConnection()) {
			assertThat(held.owns(migration)).isTrue();
			Files.delete(lockFile());
			assertThat(held.owns(migration)).isFalse();
			assertThat(held.enter(migration, true, Duration.ofSeconds(1))).isFalse();
		}
	}

	@Test
	void inMemoryDatabaseIsLockedWithinTheJvm() throws Exception {
		String url = "jdbc:sqlite:file:" + UUID.randomUUID() + "?mode=memory&cache=shared";
		try (Connection keepAlive = DriverManager.getConnection(url)) {
			DataSource memory = new SingleConnectionDataSource(url, true);
			DatabaseLock first = this.dialect.lock(memory, TABLE);
			try (DatabaseLock.Held held = first.acquire(Duration.ofSeconds(5))) {
				assertThat(held.describe()).startsWith("lock of the in-memory SQLite database " + url)
					.endsWith("within this JVM");
				assertThatExceptionOfType(MigrationLockException.class)
					.isThrownBy(() -> this.dialect.lock(new SingleConnectionDataSource(url, true), TABLE)
						.acquire(Duration.ofMillis(300)))
					.satisfies((ex) -> assertThat(ex.getHolder()).startsWith("another application in this JVM"));
			}
			this.dialect.lock(new SingleConnectionDataSource(url, true), TABLE).acquire(Duration.ofSeconds(1)).close();
		}
	}

	@Test
	void historyTableInASchemaIsRefusedNamingThePropertyAndTheFix() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> this.dialect.lock(this.dataSource, new HistoryTable("app", "schema_migrations")))
			.withMessageContaining("migrations.schema is set to 'app', but SQLite has no schemas")
			.withMessageContaining("Remove migrations.schema");
	}

}
