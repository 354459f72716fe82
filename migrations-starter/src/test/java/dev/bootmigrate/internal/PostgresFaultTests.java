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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Faults produced for real on PostgreSQL while the engine applies migrations: the
 * migration's connection terminated, a session holding a lock the migration needs, a run
 * of another instance in progress.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL")
@ExtendWith(OutputCaptureExtension.class)
class PostgresFaultTests extends AbstractTestDatabaseTests {

	private DataSource dataSource;

	@BeforeEach
	void useTheDatabase() {
		this.dataSource = database().dataSource();
	}

	@Test
	void connectionTerminatedMidMigrationReportsTheDatabaseReasonAndRecordsNothing() {
		Migration sleeping = Migration.of("2", "Sleep in the database", (context) -> {
			context.jdbc().update("INSERT INTO items (id) VALUES (2)");
			context.jdbc().execute("SELECT pg_sleep(60)");
		});
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		CompletableFuture<Boolean> terminator = CompletableFuture.supplyAsync(() -> {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.queryForObject(
						"SELECT COUNT(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'",
						Integer.class) == 1);
			return jdbc.queryForObject("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
					+ "WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'", Boolean.class);
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), sleeping).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.isConnectionLost()).isTrue();
				assertThat(ex.getSqlState()).isEqualTo("57P01");
				assertThat(ex.getCauseMessage()).contains("terminating connection due to administrator command");
			});
		assertThat(terminator.join()).isTrue();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items", Integer.class)).isZero();
	}

	@Test
	void migrationWaitingForALockGivesUpRetriesAndNamesTheBlockerWhileReadersAreNotStalled(CapturedOutput output)
			throws Exception {
		migrator(settings(), createItems()).migrate(null);
		Migration alter = Migration.of("2", "Add a column",
				(context) -> context.jdbc().execute("ALTER TABLE items ADD COLUMN extra INT"));
		Duration ddlLockTimeout = Duration.ofSeconds(2);
		try (Connection blocker = DriverManager.getConnection(database().url() + "&ApplicationName=blocker-test")) {
			int blockerPid = queryInt(blocker, "SELECT pg_backend_pid()");
			blocker.setAutoCommit(false);
			queryInt(blocker, "SELECT COUNT(*) FROM items");
			TrafficReader reader = new TrafficReader(this.dataSource);
			long started = System.nanoTime();
			try {
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> migrator(settings(ddlLockTimeout, 1), createItems(), alter).migrate(null))
					.satisfies((ex) -> {
						assertThat(ex.getSqlState()).isEqualTo("55P03");
						assertThat(ex.getBlocker()).contains("pid " + blockerPid, "application 'blocker-test'",
								"idle in transaction", "last statement 'SELECT COUNT(*) FROM items'");
					});
			}
			finally {
				reader.stop();
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			// Two attempts of 2 s and a back-off of 1 s
			assertThat(elapsed).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9));
			assertThat(reader.longestWait()).as("longest wait of a reader of the table")
				.isLessThan(ddlLockTimeout.plusMillis(1500));
			assertThat(reader.reads()).isGreaterThan(3);
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(output).contains(
				"Migration 1/1: 2 \"Add a column\" is waiting for a lock held by PostgreSQL " + "backend pid",
				"gave up waiting for a lock after 2000 ms", "Retrying in 1000 ms (retry 1 of 1)");
	}

	@Test
	void migrationWaitingForALockSucceedsOnARetryOnceTheBlockerIsGone() throws Exception {
		migrator(settings(), createItems()).migrate(null);
		Migration alter = Migration.of("2", "Add a column",
				(context) -> context.jdbc().execute("ALTER TABLE items ADD COLUMN extra INT"));
		try (Connection blocker = DriverManager.getConnection(database().url())) {
			blocker.setAutoCommit(false);
			queryInt(blocker, "SELECT COUNT(*) FROM items");
			CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
				try {
					Thread.sleep(2500);
					blocker.rollback();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			MigrateResult result = migrator(settings(Duration.ofSeconds(2), 3), createItems(), alter).migrate(null);
			release.join();
			assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("2");
		}
	}

	@Test
	void longMigrationIsReportedWhileItRuns(CapturedOutput output) {
		Migration slow = Migration.of("1", "Take a while", (context) -> Thread.sleep(2600));
		DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings("schema_migrations", null, null,
				Duration.ofSeconds(10), false, false, true, Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
		migrator(settings, slow).migrate(null);
		assertThat(output).containsSubsequence("Applying 1/1: 1 \"Take a while\"",
				"Still applying 1/1: 1 \"Take a while\" after 1 s", "Still applying 1/1: 1 \"Take a while\" after 2 s",
				"Applied 1/1: 1 \"Take a while\" in ");
	}

	@Test
	void nonTransactionalMigrationWhoseConnectionIsTerminatedReportsTheDatabaseReasonAndLeavesNoMark() {
		Migration sleeping = MigratorContractTests.nonTransactional("2", "Sleep outside a transaction",
				(context) -> context.jdbc().execute("SELECT pg_sleep(60)"));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		CompletableFuture<Boolean> terminator = terminateWhenActive(jdbc, "SELECT pg_sleep(60)");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), sleeping).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.isConnectionLost()).isTrue();
				assertThat(ex.getSqlState()).isEqualTo("57P01");
			});
		assertThat(terminator.join()).isTrue();
		long mark = TestEngines.postgresMarkKey(database().schema(), "schema_migrations");
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
						+ "AND classid::bigint = ? AND objid::bigint = ?",
				Integer.class, mark >>> 32, mark & 0xFFFFFFFFL))
			.isZero();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
	}

	@Test
	void lockTimeoutWhileAPreviousHoldersMigrationRunsReleasesTheLock() throws Exception {
		migrator(settings(), createItems()).migrate(null);
		long key = TestEngines.postgresKey(database().schema(), "schema_migrations");
		long mark = TestEngines.postgresMarkKey(database().schema(), "schema_migrations");
		try (Connection previous = database().connect()) {
			// A previous holder, whose lock session died, still in a migration
			assertThat(queryInt(previous, "SELECT pg_try_advisory_lock(" + mark + ")::int")).isOne();
			DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings("schema_migrations", null,
					null, Duration.ofSeconds(1), false, false, true, Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> migrator(settings, createItems(), insertInto("2")).migrate(null))
				.satisfies((ex) -> assertThat(ex.getHolder()).contains("which is applying a migration"));
			try (Connection other = database().connect()) {
				assertThat(queryInt(other, "SELECT pg_try_advisory_lock(" + key + ")::int"))
					.as("the lock is free while the pool is open")
					.isOne();
			}
		}
	}

	@Test
	void migrationThatCommitsItselfAndGoesOnIsRecordedAsFailed() {
		Migration committing = Migration.of("2", "Insert, commit, insert", (context) -> {
			context.jdbc().update("INSERT INTO items (id) VALUES (2)");
			context.jdbc().execute("COMMIT");
			context.jdbc().update("INSERT INTO items (id) VALUES (3)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), committing).migrate(null))
			.satisfies(
					(ex) -> assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.PARTLY_COMMITTED));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2");
		assertThat(jdbc.queryForObject("SELECT execution_ms FROM schema_migrations WHERE version = '2'", Long.class))
			.as("recorded as failed: incomplete")
			.isEqualTo(-1);
		assertThat(jdbc.queryForList("SELECT id FROM items", Integer.class)).as("what it committed itself")
			.containsExactly(2);
	}

	@Test
	void runNeedsNoMoreThanTwoConnections() {
		migrator(settings(), createItems()).migrate(null);
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database().url());
		pool.setMaximumPoolSize(2);
		pool.setConnectionTimeout(5000);
		try (pool) {
			Migration index = MigratorContractTests.nonTransactional("2", "Index items concurrently",
					(context) -> context.jdbc().execute("CREATE INDEX CONCURRENTLY items_id ON items (id)"));
			DefaultMigrationEngine migrator = TestEngines.engine(pool, settings(), createItems(), index);
			assertThat(migrator.migrate(null).applied()).extracting(MigrationRef::version).containsExactly("2");
		}
	}

	private static CompletableFuture<Boolean> terminateWhenActive(JdbcTemplate jdbc, String query) {
		return CompletableFuture.supplyAsync(() -> {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.queryForObject(
						"SELECT COUNT(*) FROM pg_stat_activity WHERE query = ? AND state = 'active'", Integer.class,
						query) == 1);
			return jdbc.queryForObject(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = ? AND state = 'active'",
					Boolean.class, query);
		});
	}

	private static Migration insertInto(String version) {
		return Migration.of(version, "Insert " + version,
				(context) -> context.jdbc().update("INSERT INTO items (id) VALUES (?)", Integer.parseInt(version)));
	}

	private Migration createItems() {
		return Migration.of("1", "Create items",
				(context) -> context.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY)"));
	}

	private static DefaultMigrationEngine.Settings settings() {
		return settings(Duration.ofSeconds(10), 3);
	}

	private static DefaultMigrationEngine.Settings settings(Duration ddlLockTimeout, int retries) {
		return TestEngines.settings(ddlLockTimeout, retries);
	}

	private DefaultMigrationEngine migrator(DefaultMigrationEngine.Settings settings, Migration... migrations) {
		return TestEngines.engine(this.dataSource, settings, migrations);
	}

	private static int queryInt(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

}
