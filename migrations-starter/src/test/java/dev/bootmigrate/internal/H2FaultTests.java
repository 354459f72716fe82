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

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bootmigrate.FailedMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.testsupport.H2Database;
import dev.bootmigrate.testsupport.PooledSessions;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults on H2, which commits schema changes implicitly: a migration that waits for a
 * lock after part of it was committed, an incomplete history row left by an interrupted
 * run, and the sessions given back to the pool.
 *
 * @author the bootmigrate authors
 */
class H2FaultTests {

	private final H2Database database = H2Database.create();

	private final HikariDataSource dataSource = pool(this.database, 2);

	@AfterEach
	void closePool() {
		this.dataSource.close();
	}

	@Test
	void migrationThatWaitsForALockAfterPartOfItWasCommittedIsNotRetried() throws Exception {
		migrator(settings(Duration.ofMillis(500), 3), createTables()).migrate(null);
		Migration partly = Migration.of("2", "Audit, alter, then update", (context) -> {
			context.jdbc().update("INSERT INTO audit (id) VALUES (1)");
			context.jdbc().execute("ALTER TABLE other ADD COLUMN extra INT");
			context.jdbc().update("UPDATE items SET name = 'changed' WHERE id = 1");
		});
		try (Connection holder = this.database.dataSource().getConnection()) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.executeUpdate("UPDATE items SET name = 'held' WHERE id = 1");
			}
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> migrator(settings(Duration.ofMillis(500), 3), createTables(), partly).migrate(null))
				.satisfies((ex) -> {
					assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.PARTLY_COMMITTED);
					assertThat(ex.isRecordedAsFailed()).isTrue();
				});
			holder.rollback();
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit", Integer.class)).as("audit rows").isOne();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2");
		assertThat(jdbc.queryForObject("SELECT execution_ms FROM schema_migrations WHERE version = '2'", Long.class))
			.as("recorded as failed: incomplete")
			.isEqualTo(-1);
	}

	@Test
	void incompleteRowOfAnInterruptedRunIsRefusedUntilRepairClearsIt() {
		migrator(settings(Duration.ofSeconds(10), 3), createTables()).migrate(null);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// What a run that stopped after the implicit commit of its DDL leaves
		jdbc.update("INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
				+ "execution_ms) VALUES ('2', 'Add a column', 'JAVA', 'sa', CURRENT_TIMESTAMP, -1)");
		Migration addColumn = Migration.of("2", "Add a column",
				(context) -> context.jdbc().execute("ALTER TABLE other ADD COLUMN IF NOT EXISTS extra INT"));
		DefaultMigrationEngine migrator = migrator(settings(Duration.ofSeconds(10), 3), createTables(), addColumn);
		assertThat(migrator.status().inState(MigrationState.FAILED)).extracting(MigrationInfo::version)
			.containsExactly("2");
		assertThat(migrator.status().pending()).isEmpty();
		assertThatExceptionOfType(FailedMigrationsException.class).isThrownBy(() -> migrator.migrate(null));
		assertThat(migrator.repair(false).cleared()).extracting(MigrationRef::version).containsExactly("2");
		assertThat(migrator.migrate(null).applied()).extracting(MigrationRef::version).containsExactly("2");
		assertThat(jdbc.queryForObject("SELECT execution_ms >= 0 FROM schema_migrations WHERE version = '2'",
				Boolean.class))
			.isTrue();
	}

	@Test
	void connectionsGoBackToThePoolWithTheirLockTimeout() throws Exception {
		Migration transactional = Migration.of("2", "Insert",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')"));
		Migration nonTransactional = MigratorContractTests.nonTransactional("3", "Insert outside",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (3, 'three')"));
		migrator(settings(Duration.ofMillis(700), 3), createTables(), transactional, nonTransactional).migrate(null);
		assertThat(PooledSessions.read(this.dataSource, 2, "SELECT LOCK_TIMEOUT()")).containsExactly("2000", "2000");
	}

	@Test
	void rollbackRunsWithTheDdlLockTimeoutAndItsConnectionGoesBackToThePoolWithItsOwn() throws Exception {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		Migration reversible = Migration.of("2", "Read the lock timeout",
				(context) -> seen.add(context.jdbc().queryForObject("SELECT LOCK_TIMEOUT()", Integer.class)),
				(context) -> seen.add(context.jdbc().queryForObject("SELECT LOCK_TIMEOUT()", Integer.class)));
		DefaultMigrationEngine migrator = migrator(settings(Duration.ofMillis(700), 3), createTables(), reversible);
		migrator.migrate(null);
		assertThat(migrator.rollback("1", null)).extracting(MigrationRef::version).containsExactly("2");
		assertThat(seen).containsExactly(700, 700);
		assertThat(PooledSessions.read(this.dataSource, 2, "SELECT LOCK_TIMEOUT()")).containsExactly("2000", "2000");
	}

	private static Migration createTables() {
		return Migration.of("1", "Create tables", (context) -> {
			context.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))");
			context.jdbc().execute("CREATE TABLE other (id INT PRIMARY KEY)");
			context.jdbc().execute("CREATE TABLE audit (id INT)");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (1, 'one')");
		});
	}

	private static DefaultMigrationEngine.Settings settings(Duration ddlLockTimeout, int retries) {
		return TestEngines.settings(ddlLockTimeout, retries);
	}

	private DefaultMigrationEngine migrator(DefaultMigrationEngine.Settings settings, Migration... migrations) {
		return TestEngines.engine(this.dataSource, settings, migrations);
	}

	static HikariDataSource pool(H2Database database, int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database.url());
		pool.setUsername("sa");
		pool.setMaximumPoolSize(size);
		pool.setConnectionTimeout(5000);
		return pool;
	}

}
