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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.MigrationLockLostException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.LockSessions;
import dev.bootmigrate.testsupport.PooledSessions;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Faults produced for real on MariaDB: sessions ended with {@code KILL}, statements
 * waiting for row locks and metadata locks, a previous holder still in a migration, and
 * what the migration's session goes back to the pool with.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#MARIADB")
@ExtendWith(OutputCaptureExtension.class)
class MariaDbFaultTests extends AbstractTestDatabaseTests {

	@Test
	void connectionKilledMidMigrationReportsTheDatabaseReasonAndRecordsNothing() {
		Migration sleeping = Migration.of("2", "Sleep in the database", (context) -> {
			context.jdbc().update("INSERT INTO items (id) VALUES (2)");
			context.jdbc().execute("SELECT SLEEP(60)");
		});
		CompletableFuture<Void> killer = killWhenRunning("SELECT SLEEP(60)");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), sleeping).migrate(null))
			.satisfies((ex) -> assertThat(ex.isConnectionLost()).isTrue());
		killer.join();
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM items", Integer.class)).isZero();
	}

	@Test
	void nonTransactionalMigrationWhoseConnectionIsKilledReportsTheDatabaseReasonAndLeavesNoMark() throws Exception {
		Migration sleeping = MigratorContractTests.nonTransactional("2", "Sleep outside a transaction",
				(context) -> context.jdbc().execute("SELECT SLEEP(60)"));
		CompletableFuture<Void> killer = killWhenRunning("SELECT SLEEP(60)");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), sleeping).migrate(null))
			.satisfies((ex) -> assertThat(ex.isConnectionLost()).isTrue());
		killer.join();
		assertThat(lockSessions().migrating()).isZero();
		assertThat(lockSessions().isFree()).isTrue();
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
	}

	@Test
	void migrationWhoseLockSessionIsKilledMeanwhileIsNotRecorded() throws Exception {
		Migration losing = Migration.of("2", "Insert while the lock session is killed", (context) -> {
			context.jdbc().update("INSERT INTO items (id) VALUES (2)");
			assertThat(lockSessions().endHolder()).isTrue();
		});
		assertThatExceptionOfType(MigrationLockLostException.class)
			.isThrownBy(() -> migrator(settings(), createItems(), losing, insertInto("3")).migrate(null))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("MariaDB named lock"));
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM items", Integer.class)).isZero();
	}

	@Test
	void migrationWaitingForARowLockGivesUpRetriesAndNamesTheBlocker(CapturedOutput output) throws Exception {
		migrator(settings(), createItems(), insertInto("2")).migrate(null);
		Migration update = Migration.of("3", "Update item 2",
				(context) -> context.jdbc().update("UPDATE items SET id = 20 WHERE id = 2"));
		try (Connection blocker = database().connect()) {
			long blockerId = queryLong(blocker, "SELECT CONNECTION_ID()");
			blocker.setAutoCommit(false);
			blocker.createStatement().executeUpdate("UPDATE items SET id = 2 WHERE id = 2");
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> migrator(settings(Duration.ofSeconds(1), 1), createItems(), insertInto("2"), update)
					.migrate(null))
				.satisfies((ex) -> {
					assertThat(ex.getSqlState()).isEqualTo("HY000");
					assertThat(ex.getCauseMessage()).contains("Lock wait timeout exceeded");
					assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.ROLLED_BACK);
					assertThat(ex.getBlocker()).startsWith("MariaDB connection " + blockerId + " (")
						.contains("transaction open since");
				});
			// Two attempts of 1 s and a back-off of 1 s
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(3),
					Duration.ofSeconds(7));
			blocker.rollback();
		}
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations", String.class))
			.containsExactlyInAnyOrder("1", "2");
		assertThat(output).contains("is waiting for a lock held by MariaDB connection",
				"gave up waiting for a lock after 1000 ms", "Retrying in 1000 ms (retry 1 of 1)");
	}

	@Test
	void migrationWaitingForARowLockSucceedsOnARetryOnceTheBlockerIsGone() throws Exception {
		migrator(settings(), createItems(), insertInto("2")).migrate(null);
		Migration update = Migration.of("3", "Update item 2",
				(context) -> context.jdbc().update("UPDATE items SET id = 20 WHERE id = 2"));
		try (Connection blocker = database().connect()) {
			blocker.setAutoCommit(false);
			blocker.createStatement().executeUpdate("UPDATE items SET id = 2 WHERE id = 2");
			CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
				try {
					Thread.sleep(1500);
					blocker.rollback();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			MigrateResult result = migrator(settings(Duration.ofSeconds(1), 3), createItems(), insertInto("2"), update)
				.migrate(null);
			release.join();
			assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("3");
		}
		assertThat(jdbc().queryForList("SELECT id FROM items", Integer.class)).containsExactly(20);
	}

	@Test
	void migrationWaitingForAMetadataLockGivesUpNamesTheOpenTransactionsAndDoesNotStallReaders(CapturedOutput output)
			throws Exception {
		migrator(settings(), createItems()).migrate(null);
		Migration alter = Migration.of("2", "Add a column",
				(context) -> context.jdbc().execute("ALTER TABLE items ADD COLUMN extra INT"));
		Duration ddlLockTimeout = Duration.ofSeconds(2);
		try (Connection blocker = database().connect()) {
			long blockerId = queryLong(blocker, "SELECT CONNECTION_ID()");
			blocker.setAutoCommit(false);
			queryLong(blocker, "SELECT COUNT(*) FROM items");
			TrafficReader reader = new TrafficReader(database().dataSource());
			long started = System.nanoTime();
			try {
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> migrator(settings(ddlLockTimeout, 1), createItems(), alter).migrate(null))
					.satisfies((ex) -> {
						assertThat(ex.getCauseMessage()).contains("Lock wait timeout exceeded");
						assertThat(ex.getBlocker()).startsWith("MariaDB connection " + blockerId + " (")
							.contains(", which has a transaction open");
					});
			}
			finally {
				reader.stop();
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
			assertThat(reader.longestWait()).as("longest wait of a reader of the table")
				.isLessThan(ddlLockTimeout.plusMillis(1500));
			assertThat(reader.reads()).isPositive();
			blocker.rollback();
		}
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations WHERE execution_ms >= 0", String.class))
			.containsExactly("1");
		assertThat(output).contains("is waiting for a lock held by MariaDB connection");
	}

	@Test
	void migrationRunsWithTheDdlLockTimeoutAndItsConnectionGoesBackToThePoolWithItsOwn() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		Migration transactional = Migration.of("2", "Read the lock timeouts", (context) -> seen.add(context.jdbc()
			.queryForObject("SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout)", String.class)));
		Migration nonTransactional = MigratorContractTests
			.nonTransactional("3", "Read them outside a transaction", (context) -> seen.add(context.jdbc()
				.queryForObject("SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout)", String.class)));
		HikariDataSource pool = pool(2);
		try (pool) {
			String defaults;
			try (Connection connection = pool.getConnection()) {
				defaults = queryString(connection,
						"SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout)");
			}
			assertThat(defaults).isNotEqualTo("2 2");
			TestEngines
				.engine(pool, settings(Duration.ofMillis(1500), 3), createItems(), transactional, nonTransactional)
				.migrate(null);
			assertThat(seen).containsExactly("2 2", "2 2");
			assertThat(
					PooledSessions.read(pool, 2, "SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout)"))
				.containsExactly(defaults, defaults);
		}
	}

	@Test
	void rollbackRunsWithTheDdlLockTimeoutAndItsConnectionGoesBackToThePoolWithItsOwn() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		String timeouts = "SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout)";
		Migration reversible = Migration.of("2", "Read the lock timeouts",
				(context) -> seen.add("migrate " + context.jdbc().queryForObject(timeouts, String.class)),
				(context) -> seen.add("rollback " + context.jdbc().queryForObject(timeouts, String.class)));
		HikariDataSource pool = pool(2);
		try (pool) {
			String defaults;
			try (Connection connection = pool.getConnection()) {
				defaults = queryString(connection, timeouts);
			}
			assertThat(defaults).isNotEqualTo("2 2");
			DefaultMigrationEngine engine = TestEngines.engine(pool, settings(Duration.ofMillis(1500), 3),
					createItems(), reversible);
			engine.migrate(null);
			assertThat(engine.rollback("1", null)).extracting(MigrationRef::version).containsExactly("2");
			assertThat(seen).containsExactly("migrate 2 2", "rollback 2 2");
			String mark = TestEngines.mariaDbMarkName(database().schema(), "schema_migrations");
			assertThat(PooledSessions.read(pool, 2, timeouts)).containsExactly(defaults, defaults);
			assertThat(PooledSessions.read(pool, 1, "SELECT COALESCE(IS_USED_LOCK('" + mark + "'), 0)"))
				.containsExactly("0");
		}
	}

	@Test
	void lockTimeoutWhileAPreviousHoldersMigrationRunsReleasesTheLock() throws Exception {
		migrator(settings(), createItems()).migrate(null);
		String mark = TestEngines.mariaDbMarkName(database().schema(), "schema_migrations");
		try (Connection previous = database().connect();
				PreparedStatement statement = previous.prepareStatement("SELECT GET_LOCK(?, 0)")) {
			// A previous holder, whose lock session died, still in a migration
			statement.setString(1, mark);
			try (ResultSet result = statement.executeQuery()) {
				assertThat(result.next() && result.getInt(1) == 1).isTrue();
			}
			DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings("schema_migrations", null,
					null, Duration.ofSeconds(1), false, false, true, Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> migrator(settings, createItems(), insertInto("2")).migrate(null))
				.satisfies((ex) -> assertThat(ex.getHolder()).contains("which is applying a migration"));
			assertThat(lockSessions().isFree()).as("the lock is free while the pool is open").isTrue();
		}
	}

	@Test
	void runNeedsNoMoreThanTwoConnections() {
		migrator(settings(), createItems()).migrate(null);
		try (HikariDataSource pool = pool(2)) {
			Migration index = MigratorContractTests.nonTransactional("2", "Index items",
					(context) -> context.jdbc().execute("CREATE INDEX items_id ON items (id)"));
			DefaultMigrationEngine migrator = TestEngines.engine(pool, settings(), createItems(), index,
					insertInto("3"));
			assertThat(migrator.migrate(null).applied()).extracting(MigrationRef::version).containsExactly("2", "3");
		}
	}

	@Test
	void historyInASchemaWithTheLongestNamesTakesANamedLockWithinTheServersLimit() {
		String schema = database().newSchemaName("s".repeat(HistoryTable.MAX_NAME_LENGTH - 21));
		String table = "h".repeat(HistoryTable.MAX_NAME_LENGTH);
		DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings(table, schema, null,
				Duration.ofSeconds(10), false, false, true, Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
		assertThat(migrator(settings, createItems(), insertInto("2")).migrate(null).applied()).hasSize(2);
		String name = TestEngines.mariaDbName(schema, table);
		assertThat(name).hasSizeLessThanOrEqualTo(64)
			.isNotEqualTo(TestEngines.mariaDbName(schema, table.substring(1)))
			.isNotEqualTo(TestEngines.mariaDbMarkName(schema, table));
		assertThat(jdbc().queryForList("SELECT version FROM " + schema + "." + table, String.class))
			.containsExactlyInAnyOrder("1", "2");
	}

	private CompletableFuture<Void> killWhenRunning(String query) {
		JdbcTemplate jdbc = jdbc();
		return CompletableFuture.runAsync(() -> {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> !jdbc
					.queryForList("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = ?", Long.class, query)
					.isEmpty());
			long id = jdbc.queryForObject("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = ?", Long.class,
					query);
			jdbc.execute("KILL " + id);
		});
	}

	private LockSessions lockSessions() {
		return database().lockSessions();
	}

	private HikariDataSource pool(int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database().url());
		pool.setMaximumPoolSize(size);
		pool.setConnectionTimeout(5000);
		return pool;
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database().dataSource());
	}

	private static Migration insertInto(String version) {
		return Migration.of(version, "Insert " + version,
				(context) -> context.jdbc().update("INSERT INTO items (id) VALUES (?)", Integer.parseInt(version)));
	}

	private static Migration createItems() {
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
		return TestEngines.engine(database().dataSource(), settings, migrations);
	}

	private static long queryLong(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String queryString(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
