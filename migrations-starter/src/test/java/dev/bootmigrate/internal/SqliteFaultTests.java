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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.testsupport.SqliteDatabase;
import dev.bootmigrate.testsupport.SqliteDatabase.JournalMode;
import dev.bootmigrate.testsupport.PooledSessions;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults on SQLite, which allows one writer per database file: a migration that waits for
 * another connection's write transaction gives up after
 * {@code migrations.ddl-lock-timeout} (its {@code busy_timeout}), is retried, and the
 * connections go back to the pool with their own {@code busy_timeout}. Run in both of
 * SQLite's journal modes.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(JournalMode.class)
class SqliteFaultTests {

	/**
	 * sqlite-jdbc's {@code busy_timeout} when the URL does not set one.
	 */
	private static final int DEFAULT_BUSY_TIMEOUT = 3000;

	@Parameter
	private JournalMode journalMode;

	private SqliteDatabase database;

	private HikariDataSource dataSource;

	@BeforeEach
	void createDatabase() {
		this.database = SqliteDatabase.create(this.journalMode);
		this.dataSource = pool(this.database, 2);
	}

	@AfterEach
	void closePool() {
		this.dataSource.close();
		this.database.close();
	}

	@Test
	void migrationWaitingForAnotherWriterGivesUpAfterTheDdlLockTimeoutIsRetriedThenFails() throws Exception {
		migrator(settings(Duration.ofMillis(300), 2), createItems()).migrate(null);
		try (Connection writer = this.database.dataSource().getConnection()) {
			holdWriteLock(writer);
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(
						() -> migrator(settings(Duration.ofMillis(300), 2), createItems(), insertTwo()).migrate(null))
				.satisfies((ex) -> {
					assertThat(ex.getMigration()).isEqualTo(new MigrationRef("2", "Insert two"));
					assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.ROLLED_BACK);
					assertThat(ex.getCauseMessage()).contains("SQLITE_BUSY");
					assertThat(ex.getSqlState()).isNull();
				});
			// Three attempts of 300 ms, with back-offs of 1 s and 2 s between them
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(3500),
					Duration.ofSeconds(10));
			writer.rollback();
		}
		assertThat(recorded()).containsExactly("1");
	}

	@Test
	void migrationWaitingForAnotherWriterSucceedsOnARetryOnceItIsGone() throws Exception {
		migrator(settings(Duration.ofMillis(300), 3), createItems()).migrate(null);
		try (Connection writer = this.database.dataSource().getConnection()) {
			holdWriteLock(writer);
			CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
				try {
					Thread.sleep(800);
					writer.rollback();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(
					migrator(settings(Duration.ofMillis(300), 3), createItems(), insertTwo()).migrate(null).applied())
				.extracting(MigrationRef::version)
				.containsExactly("2");
			release.get(10, TimeUnit.SECONDS);
		}
		assertThat(recorded()).containsExactly("1", "2");
	}

	@Test
	void connectionsGoBackToThePoolWithTheirBusyTimeout() throws Exception {
		Migration transactional = insertTwo();
		Migration nonTransactional = MigratorContractTests.nonTransactional("3", "Insert outside",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (3, 'three')"));
		migrator(settings(Duration.ofMillis(700), 3), createItems(), transactional, nonTransactional).migrate(null);
		String busyTimeout = Integer.toString(DEFAULT_BUSY_TIMEOUT);
		assertThat(PooledSessions.read(this.dataSource, 2, "PRAGMA busy_timeout")).containsExactly(busyTimeout,
				busyTimeout);
	}

	@Test
	void rollbackRunsWithTheDdlLockTimeoutAndItsConnectionGoesBackToThePoolWithItsOwn() throws Exception {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		Migration reversible = Migration.of("2", "Read the busy timeout",
				(context) -> seen.add(context.jdbc().queryForObject("PRAGMA busy_timeout", Integer.class)),
				(context) -> seen.add(context.jdbc().queryForObject("PRAGMA busy_timeout", Integer.class)));
		DefaultMigrationEngine migrator = migrator(settings(Duration.ofMillis(700), 3), createItems(), reversible);
		migrator.migrate(null);
		assertThat(migrator.rollback("1", null)).extracting(MigrationRef::version).containsExactly("2");
		assertThat(seen).containsExactly(700, 700);
		String busyTimeout = Integer.toString(DEFAULT_BUSY_TIMEOUT);
		assertThat(PooledSessions.read(this.dataSource, 2, "PRAGMA busy_timeout")).containsExactly(busyTimeout,
				busyTimeout);
	}

	/**
	 * Open a write transaction on the database file, as an application writing at the
	 * time would.
	 */
	private static void holdWriteLock(Connection writer) throws Exception {
		writer.setAutoCommit(false);
		try (Statement statement = writer.createStatement()) {
			statement.executeUpdate("UPDATE items SET name = 'held' WHERE id = 1");
		}
	}

	private List<String> recorded() {
		return new JdbcTemplate(this.dataSource).queryForList("SELECT version FROM schema_migrations ORDER BY version",
				String.class);
	}

	private static Migration createItems() {
		return Migration.of("1", "Create items", (context) -> {
			context.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (1, 'one')");
		});
	}

	private static Migration insertTwo() {
		return Migration.of("2", "Insert two",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')"));
	}

	private static DefaultMigrationEngine.Settings settings(Duration ddlLockTimeout, int retries) {
		return TestEngines.settings(ddlLockTimeout, retries);
	}

	private DefaultMigrationEngine migrator(DefaultMigrationEngine.Settings settings, Migration... migrations) {
		return TestEngines.engine(this.dataSource, settings, migrations);
	}

	private static HikariDataSource pool(SqliteDatabase database, int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database.url());
		pool.setMaximumPoolSize(size);
		pool.setConnectionTimeout(5000);
		return pool;
	}

}
