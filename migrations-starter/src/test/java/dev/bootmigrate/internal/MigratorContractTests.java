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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.FailedMigrationsException;
import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationCallbackException;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.Versions;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.StatementRecorder;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.ThrowingConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database behaviour every supported database must show, run once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class MigratorContractTests extends AbstractTestDatabaseTests {

	protected final List<String> executed = new CopyOnWriteArrayList<>();

	protected DataSource dataSource() {
		return database().dataSource();
	}

	protected boolean transactionalDdl() {
		return database().transactionalDdl();
	}

	protected JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	protected DefaultMigrationEngine migrator(Migration... migrations) {
		return migrator(dataSource(), migrations);
	}

	protected DefaultMigrationEngine migrator(DataSource dataSource, Migration... migrations) {
		Map<String, Migration> beans = new LinkedHashMap<>();
		for (int i = 0; i < migrations.length; i++) {
			beans.put("migration" + i, migrations[i]);
		}
		return TestEngines.engine(dataSource, settings(), beans);
	}

	protected DefaultMigrationEngine.Settings settings() {
		return TestEngines.settings();
	}

	protected Migration createTable(String version, String table) {
		return Migration.of(version, "Create " + table, (context) -> {
			this.executed.add(version);
			context.jdbc().execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(50))");
		});
	}

	protected Migration insert(String version, String table, int id) {
		return Migration.of(version, "Insert " + id + " into " + table, (context) -> {
			this.executed.add(version);
			context.jdbc().update("INSERT INTO " + table + " (id, name) VALUES (?, ?)", id, "row " + id);
		});
	}

	protected List<String> recordedVersions() {
		List<String> versions = new ArrayList<>(
				jdbc().queryForList("SELECT version FROM schema_migrations", String.class));
		versions.sort(Versions.ORDER);
		return versions;
	}

	protected int count(String table) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	@Test
	void appliesPendingMigrationsInVersionOrderWhateverTheBeanOrder() {
		DefaultMigrationEngine migrator = migrator(insert("10", "items", 10), createTable("2", "items"),
				insert("2.1", "items", 21), insert("2.10", "items", 210));
		MigrateResult result = migrator.migrate(null);
		assertThat(this.executed).containsExactly("2", "2.1", "2.10", "10");
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("2", "2.1", "2.10", "10");
		assertThat(result.currentVersion()).isEqualTo("10");
		assertThat(recordedVersions()).containsExactly("2", "2.1", "2.10", "10");
		assertThat(count("items")).isEqualTo(3);
	}

	@Test
	void recordsWhatWasAppliedWhenAndByWhom() {
		Instant before = Instant.now().minusSeconds(1);
		migrator(createTable("1", "items")).migrate(null);
		Map<String, Object> row = jdbc().queryForMap("SELECT * FROM schema_migrations");
		assertThat(row).containsEntry(key(row, "version"), "1")
			.containsEntry(key(row, "description"), "Create items")
			.containsEntry(key(row, "type"), "JAVA");
		assertThat(row.get(key(row, "checksum"))).isNull();
		assertThat((String) row.get(key(row, "installed_by"))).isNotBlank();
		assertThat(((Number) row.get(key(row, "execution_ms"))).longValue()).isGreaterThanOrEqualTo(0);
		Instant installedOn = jdbc().queryForObject("SELECT installed_on FROM schema_migrations", Timestamp.class)
			.toInstant();
		assertThat(installedOn).isBetween(before, Instant.now().plusSeconds(1));
	}

	private static String key(Map<String, Object> row, String column) {
		return row.keySet().stream().filter((key) -> key.equalsIgnoreCase(column)).findFirst().orElse(column);
	}

	@Test
	void skipsMigrationsThatWereAlreadyApplied() {
		migrator(createTable("1", "items"), insert("2", "items", 1)).migrate(null);
		this.executed.clear();
		MigrateResult result = migrator(createTable("1", "items"), insert("2", "items", 1), insert("3", "items", 3))
			.migrate(null);
		assertThat(this.executed).containsExactly("3");
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("3");
		assertThat(recordedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void migrationWhoseVersionIsSpelledDifferentlyAfterARestartIsNotAppliedAgain() {
		migrator(createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		this.executed.clear();
		DefaultMigrationEngine renamed = migrator(createTable("1", "items"), insert("2.0", "items", 2),
				insert("03", "items", 3));
		MigrateResult result = renamed.migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("03");
		assertThat(this.executed).containsExactly("03");
		assertThat(count("items")).isEqualTo(2);
		assertThat(recordedVersions()).containsExactly("1", "2", "03");
		assertThat(renamed.markApplied("2.0")).isEmpty();
		assertThat(renamed.status().migrations()).filteredOn((status) -> status.version().equals("2.0"))
			.singleElement()
			.satisfies((status) -> {
				assertThat(status.state()).isEqualTo(MigrationState.APPLIED);
				assertThat(status.applied().version()).isEqualTo("2");
			});
	}

	@Test
	void rowsOfEqualVersionsAreRefusedAndNothingIsApplied() {
		migrator(createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		recordByHand("02", "Insert 2 into items");
		this.executed.clear();
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2),
				insert("3", "items", 3));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.migrate(null))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("Rows '2' (\"Insert 2 into items\", JAVA, recorded ",
						"and '02' (\"Insert 2 into items\", " + "JAVA, recorded ",
						"record the same version (the version of bean 'migration1')",
						"Keep the one recorded first, '2', and delete the other by hand: "
								+ "DELETE FROM schema_migrations WHERE version IN ('02')"));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.markApplied("3"));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.repair(true));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.rollback("1", null));
		assertThat(this.executed).isEmpty();
		assertThat(recordedVersions()).containsExactlyInAnyOrder("1", "2", "02");
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::version, MigrationInfo::state)
			.containsExactly(tuple("1", MigrationState.APPLIED), tuple("02", MigrationState.INVALID),
					tuple("2", MigrationState.INVALID), tuple("3", MigrationState.PENDING));
	}

	@Test
	void rowsOfEqualVersionsUnknownToTheApplicationAreRefusedToo() {
		migrator(createTable("1", "items")).migrate(null);
		recordByHand("9", "From a newer release");
		recordByHand("9.0", "From a newer release, again");
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.migrate(null))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("Rows '9' (\"From a newer release\"", "and '9.0' (",
						"DELETE FROM schema_migrations WHERE version IN ('9.0')"));
		assertThat(this.executed).containsExactly("1");
	}

	@Test
	void rowWhoseVersionIsNotAVersionIsRefusedAndNothingIsApplied() {
		migrator(createTable("1", "items")).migrate(null);
		recordByHand("2 ", "Insert 2 into items");
		recordByHand("", "Blank");
		this.executed.clear();
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2));
		assertThatExceptionOfType(InvalidHistoryException.class).isThrownBy(() -> migrator.migrate(null))
			.satisfies((ex) -> assertThat(ex.getProblems()).hasSize(2)
				.anySatisfy(
						(problem) -> assertThat(problem).contains("Row '2 ' (\"Insert 2 into items\", JAVA, recorded ",
								"cannot be matched with any migration: its version is malformed",
								"DELETE FROM schema_migrations WHERE version = '2 '"))
				.anySatisfy((problem) -> assertThat(problem).contains("Row '' (\"Blank\"", "its version is blank")));
		assertThat(this.executed).isEmpty();
		assertThat(count("items")).isZero();
	}

	@Test
	void rollbackAndRepairOfAMigrationWhoseVersionIsSpelledDifferentlyChangeTheRecordedRow() {
		Migration seed = Migration.of("2", "Seed items",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')"),
				(context) -> context.jdbc().update("DELETE FROM items"));
		migrator(createTable("1", "items"), seed, insert("3", "items", 3)).migrate(null);
		Migration renamed = Migration.of("2.0", "Seed the items table",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')"),
				(context) -> context.jdbc().update("DELETE FROM items WHERE id = 2"));
		Migration three = Migration.of("3", "Insert 3 into items", (context) -> {
		}, (context) -> context.jdbc().update("DELETE FROM items WHERE id = 3"));
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), renamed, three);
		assertThat(migrator.repair(false).realigned()).extracting(MigrationRef::version).containsExactly("2.0");
		assertThat(jdbc().queryForObject("SELECT description FROM schema_migrations WHERE version = '2'", String.class))
			.isEqualTo("Seed the items table");
		assertThat(migrator.rollback("1", null)).extracting(MigrationRef::version).containsExactly("3", "2.0");
		assertThat(recordedVersions()).containsExactly("1");
		assertThat(count("items")).isZero();
	}

	@Test
	void rollbackRevertsInTheReverseOfTheOrderMigrationsWereApplied() {
		Migration one = reversible("1", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))",
				"DROP TABLE items");
		Migration ten = reversible("10", "INSERT INTO items (id, name) VALUES (10, 'ten')",
				"DELETE FROM items WHERE id = 10");
		Migration nine = reversible("9", "INSERT INTO items (id, name) VALUES (9, 'nine')",
				"DELETE FROM items WHERE id = 9");
		migrator(one, ten).migrate(null);
		// Applied out of order, after 10: the newest to revert
		DefaultMigrationEngine migrator = migrator(one, ten, nine);
		migrator.migrate(null);
		assertThat(migrator.rollback(null, 1)).extracting(MigrationRef::version).containsExactly("9");
		migrator.migrate(null);
		assertThat(migrator.rollback(MigrationEngine.BASE, null)).extracting(MigrationRef::version)
			.containsExactly("9", "10", "1");
		assertThat(recordedVersions()).isEmpty();
		assertThat(migrator.rollback(MigrationEngine.BASE, null)).isEmpty();
	}

	private Migration reversible(String version, String migrate, String rollback) {
		return Migration.of(version, "Reversible " + version, (context) -> {
			this.executed.add(version);
			context.jdbc().execute(migrate);
		}, (context) -> context.jdbc().execute(rollback));
	}

	@Test
	void callbacksAreToldAboutARunThatHasSomethingToApply() {
		List<String> events = new CopyOnWriteArrayList<>();
		MigrationCallback recorder = new MigrationCallback() {

			@Override
			public void beforeMigrate(List<MigrationInfo> pending) {
				events.add("before " + pending.stream().map(MigrationInfo::version).toList());
			}

			@Override
			public void afterEachMigrate(MigrationInfo migration, Duration duration) {
				events.add("after " + migration.version());
			}

			@Override
			public void afterMigrate(MigrateResult result) {
				events.add("after run " + result.applied().stream().map(MigrationRef::version).toList());
			}

			@Override
			public void afterMigrateError(MigrationException failure, List<MigrationRef> applied) {
				events.add("failed " + applied.stream().map(MigrationRef::version).toList() + " "
						+ failure.getClass().getSimpleName());
			}

		};
		withCallbacks(List.of(recorder), createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		withCallbacks(List.of(recorder), createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		Migration failing = Migration.of("3", "Fail", (context) -> context.jdbc().execute("SELECT * FROM nowhere"));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> withCallbacks(List.of(recorder),
				createTable("1", "items"), insert("2", "items", 2), insert("2.5", "items", 25), failing)
			.migrate(null));
		assertThat(events).containsExactly("before [1, 2]", "after 1", "after 2", "after run [1, 2]", "before [2.5, 3]",
				"after 2.5", "failed [2.5] MigrationFailedException");
	}

	@Test
	void callbackThatFailsBeforeARunStopsItBeforeAnythingIsApplied() {
		MigrationCallback backup = new MigrationCallback() {

			@Override
			public void beforeMigrate(List<MigrationInfo> pending) throws Exception {
				throw new java.io.IOException("pg_dump: connection refused");
			}

		};
		assertThatExceptionOfType(MigrationCallbackException.class)
			.isThrownBy(() -> withCallbacks(List.of(backup), createTable("1", "items")).migrate(null))
			.withMessageContaining("failed before migrating: pg_dump: connection refused. Nothing was applied");
		assertThat(this.executed).isEmpty();
		assertThat(recordedVersions()).isEmpty();
	}

	private DefaultMigrationEngine withCallbacks(List<MigrationCallback> callbacks, Migration... migrations) {
		Map<String, Migration> beans = new LinkedHashMap<>();
		for (int i = 0; i < migrations.length; i++) {
			beans.put("migration" + i, migrations[i]);
		}
		return TestEngines.engine(dataSource(), settings(), beans, callbacks);
	}

	@Test
	void checksumDeclaredButNotRecordedIsReportedWithoutFailingAndRepairRecordsIt() {
		migrator(createTable("1", "items"), checksummed("2", null)).migrate(null);
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), checksummed("2", "c2"));
		assertThat(migrator.migrate(null).applied()).isEmpty();
		MigrationsInfo snapshot = migrator.status();
		assertThat(snapshot.checksumsNotRecorded()).extracting(MigrationInfo::version).containsExactly("2");
		assertThat(snapshot.inState(MigrationState.CHECKSUM_MISMATCH)).isEmpty();
		assertThat(snapshot.migrations()).filteredOn(MigrationInfo::checksumNotRecorded)
			.extracting(MigrationInfo::version)
			.containsExactly("2");
		assertThat(migrator.repair(false).realigned()).extracting(MigrationRef::version).containsExactly("2");
		assertThat(jdbc().queryForObject("SELECT checksum FROM schema_migrations WHERE version = '2'", String.class))
			.isEqualTo("c2");
		assertThat(migrator.status().checksumsNotRecorded()).isEmpty();
	}

	@Test
	void changedDescriptionIsReportedAndRepairRecordsIt() {
		migrator(createTable("1", "items")).migrate(null);
		DefaultMigrationEngine migrator = migrator(Migration.of("1", "Create the items table", (context) -> {
		}));
		assertThat(migrator.status().migrations()).singleElement()
			.satisfies((status) -> assertThat(status.descriptionChanged()).isTrue());
		assertThat(migrator.repair(false).realigned()).containsExactly(new MigrationRef("1", "Create the items table"));
		assertThat(jdbc().queryForObject("SELECT description FROM schema_migrations", String.class))
			.isEqualTo("Create the items table");
		assertThat(migrator.status().migrations()).singleElement()
			.satisfies((status) -> assertThat(status.descriptionChanged()).isFalse());
	}

	private Migration checksummed(String version, @Nullable String checksum) {
		return new Migration() {

			@Override
			public String version() {
				return version;
			}

			@Override
			public String description() {
				return "Insert " + version;
			}

			@Override
			public @Nullable String checksum() {
				return checksum;
			}

			@Override
			public void migrate(MigrationContext context) {
				MigratorContractTests.this.executed.add(version);
			}

		};
	}

	protected void recordByHand(String version, String description) {
		jdbc().update(
				"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
						+ "execution_ms) VALUES (?, ?, 'JAVA', 'dba', ?, 1)",
				version, description, Timestamp.from(Instant.now().plusSeconds(60)));
	}

	@Test
	void currentVersionIsTheNewestVersionTheApplicationKnows() {
		migrator(createTable("1", "items"), insert("2", "items", 2), insert("3", "items", 3), insert("4", "items", 4))
			.migrate(null);
		DefaultMigrationEngine older = migrator(createTable("1", "items"), insert("3", "items", 3));
		MigrateResult result = older.migrate(null);
		assertThat(result.currentVersion()).isEqualTo("3");
		MigrationsInfo snapshot = older.status();
		assertThat(snapshot.currentVersion()).isEqualTo("3");
		assertThat(snapshot.newerUnknownVersions()).containsExactly("4");
		assertThat(snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions())
			.isEqualTo("3, the newest this application knows; the database also records 4, unknown to it "
					+ "(applied by a newer release?)");
		MigrationsInfo knowsTheNewest = migrator(createTable("1", "items"), insert("4", "items", 4)).status();
		assertThat(knowsTheNewest.currentVersion()).isEqualTo("4");
		assertThat(knowsTheNewest.newerUnknownVersions()).isEmpty();
		assertThat(knowsTheNewest.describeCurrentVersion() + knowsTheNewest.describeNewerUnknownVersions())
			.isEqualTo("4");
	}

	@Test
	void migrationThatRunsRollbackItselfIsNotRecordedAndSaysSo() {
		Migration rollingBack = Migration.of("2", "Insert then roll back", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			context.jdbc().execute("ROLLBACK");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (3, 'three')");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), rollingBack).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getMigration().version()).isEqualTo("2");
				assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.ENDED_ITS_TRANSACTION);
				assertThat(ex.getCauseMessage()).contains("ended the transaction it runs in");
			});
		assertThat(recordedVersions()).containsExactly("1");
		// What it ran before its ROLLBACK is gone; on SQLite, what it ran after was
		// committed statement by statement
		assertThat(count("items")).isEqualTo(database().autoCommitsAfterARollbackStatement() ? 1 : 0);
	}

	@Test
	void migrationThatRollsItsConnectionBackIsNotRecorded() {
		Migration rollingBack = Migration.of("2", "Insert then roll the connection back", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			context.jdbc().execute((ConnectionCallback<Object>) (connection) -> {
				connection.rollback();
				return null;
			});
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), rollingBack).migrate(null))
			.satisfies((ex) -> assertThat(ex.getOutcome())
				.isEqualTo(MigrationFailedException.Outcome.ENDED_ITS_TRANSACTION));
		assertThat(recordedVersions()).containsExactly("1");
		assertThat(count("items")).isZero();
	}

	@Test
	void migrationThatCommitsItselfThenFailsIsRecordedAsFailedAndRefusedUntilMarkedApplied() {
		Migration committing = Migration.of("2", "Insert, commit, then fail", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			context.jdbc().execute("COMMIT");
			context.jdbc().update("INSERT INTO no_such_table (id) VALUES (1)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), committing).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.PARTLY_COMMITTED);
				assertThat(ex.isRecordedAsFailed()).isTrue();
			});
		assertThat(count("items")).as("the insert it committed itself").isOne();
		DefaultMigrationEngine restarted = migrator(createTable("1", "items"), committing, insert("3", "items", 3));
		assertThat(restarted.status().inState(MigrationState.FAILED)).extracting(MigrationInfo::version)
			.containsExactly("2");
		this.executed.clear();
		assertThatExceptionOfType(FailedMigrationsException.class).isThrownBy(() -> restarted.migrate(null))
			.satisfies((ex) -> assertThat(ex.getMigrations()).singleElement()
				.satisfies((failed) -> assertThat(failed.ref())
					.isEqualTo(new MigrationRef("2", "Insert, commit, then fail"))));
		assertThat(this.executed).as("nothing runs while a migration is recorded as failed").isEmpty();
		assertThat(count("items")).isOne();
		assertThat(restarted.markAppliedVersion("2")).extracting(MigrationRef::version).containsExactly("2");
		assertThat(restarted.migrate(null).applied()).extracting(MigrationRef::version).containsExactly("3");
		assertThat(recordedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void migrationRecordedAsFailedRunsAgainOnceRepairClearsIt() {
		Migration committing = Migration.of("2", "Insert, commit, then fail", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			context.jdbc().execute("COMMIT");
			context.jdbc().update("INSERT INTO no_such_table (id) VALUES (1)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), committing).migrate(null));
		// The operator undoes what it committed, then clears the record
		new JdbcTemplate(dataSource()).update("DELETE FROM items");
		DefaultMigrationEngine fixed = migrator(createTable("1", "items"), insert("2", "items", 2));
		assertThat(fixed.repair(false).cleared()).extracting(MigrationRef::version).containsExactly("2");
		assertThat(fixed.migrate(null).applied()).extracting(MigrationRef::version).containsExactly("2");
		assertThat(count("items")).isOne();
	}

	@Test
	void migrationThatFailsAfterAnImplicitCommitIsRecordedAsFailedAndNotRunAgain() {
		assumeFalse(database().transactionalDdl(), "only databases that commit schema changes implicitly");
		Migration partly = Migration.of("2", "Insert, create, insert", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			context.jdbc().execute("CREATE TABLE other (id INT)");
			context.jdbc().update("INSERT INTO no_such_table (id) VALUES (1)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), partly).migrate(null))
			.satisfies((ex) -> assertThat(ex.isRecordedAsFailed()).isTrue());
		assertThat(count("items")).as("the insert the database committed before CREATE TABLE").isOne();
		for (int start = 0; start < 2; start++) {
			assertThatExceptionOfType(FailedMigrationsException.class)
				.isThrownBy(() -> migrator(createTable("1", "items"), partly).migrate(null));
		}
		assertThat(count("items")).as("not inserted again by later starts").isOne();
	}

	@Test
	void migrationThatChecksTheSchemaThenFailsOnItsSchemaChangeIsNotRecorded() {
		Migration checking = Migration.of("2", "Create other if missing", (context) -> {
			if (!context.schema().tableExists("other")) {
				context.jdbc().execute("CREATE TABLE other (id INT, id INT)");
			}
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), checking).migrate(null))
			.satisfies((ex) -> assertThat(ex.isRecordedAsFailed()).as("reading the schema commits nothing").isFalse());
		assertThat(recordedVersions()).containsExactly("1");
	}

	@Test
	void migrationThatFailsOnItsFirstStatementIsNotRecordedAndRunsAgain() {
		Migration broken = Migration.of("2", "Create other", (context) -> {
			this.executed.add("2");
			context.jdbc().execute("CREATE TABLE other (id INT, id INT)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), broken).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getOutcome()).isEqualTo(MigrationFailedException.Outcome.ROLLED_BACK);
				assertThat(ex.isRecordedAsFailed()).isFalse();
			});
		assertThat(recordedVersions()).containsExactly("1");
		assertThat(migrator(createTable("1", "items"), broken).status().pending()).extracting(MigrationInfo::version)
			.containsExactly("2");
	}

	@Test
	void startupThatFindsNothingPendingWaitsForARollbackInProgress() throws Exception {
		CountDownLatch rollingBack = new CountDownLatch(1);
		Migration slowRollback = Migration.of("2", "Insert 2 into items",
				(context) -> context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')"), (context) -> {
					rollingBack.countDown();
					Thread.sleep(2000);
					context.jdbc().update("DELETE FROM items WHERE id = 2");
				});
		migrator(createTable("1", "items"), slowRollback).migrate(null);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<List<MigrationRef>> rollback = executor
				.submit(() -> migrator(createTable("1", "items"), slowRollback).rollback("1", null));
			assertThat(rollingBack.await(10, TimeUnit.SECONDS)).isTrue();
			this.executed.clear();
			MigrateResult started = migrator(createTable("1", "items"), slowRollback).migrate(null);
			assertThat(rollback.isDone()).as("the start waited for the rollback").isTrue();
			assertThat(rollback.get()).extracting(MigrationRef::version).containsExactly("2");
			// It has the rolled-back migration, so it applies it again
			assertThat(started.applied()).extracting(MigrationRef::version).containsExactly("2");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rollbackInterruptedAfterMarkingItsRowsLeavesThemApplied() {
		migrator(createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		// What a rollback that died before reverting leaves
		jdbc().update("UPDATE schema_migrations SET execution_ms = -2 - execution_ms WHERE version = '2'");
		MigrateResult result = migrator(createTable("1", "items"), insert("2", "items", 2)).migrate(null);
		assertThat(result.applied()).isEmpty();
		assertThat(jdbc().queryForObject("SELECT execution_ms >= 0 FROM schema_migrations WHERE version = '2'",
				Boolean.class))
			.isTrue();
	}

	@Test
	void failedMigrationIsRolledBackRecordsNothingAndStopsTheRun() {
		Migration failing = Migration.of("3", "Insert then fail", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (3, 'three')");
			context.jdbc().update("INSERT INTO no_such_table (id) VALUES (1)");
		});
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2), failing,
				insert("4", "items", 4));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator.migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getMigration()).isEqualTo(new MigrationRef("3", "Insert then fail"));
				assertThat(ex.getBeanName()).isEqualTo("migration2");
				assertThat(ex.getApplied()).extracting(MigrationRef::version).containsExactly("1", "2");
				assertThat(ex.getNotAttempted()).extracting(MigrationRef::version).containsExactly("4");
				if (database().sqlStates()) {
					assertThat(ex.getSqlState()).isNotBlank();
				}
				assertThat(ex.getCauseMessage()).containsIgnoringCase("no_such_table");
				assertThat(ex.isTransactionalDdl()).isEqualTo(transactionalDdl());
			});
		assertThat(recordedVersions()).containsExactly("1", "2");
		assertThat(jdbc().queryForList("SELECT id FROM items ORDER BY id", Integer.class)).containsExactly(2);
		assertThat(this.executed).containsExactly("1", "2");
	}

	@Test
	void checkedExceptionFromAMigrationFailsItToo() {
		Migration failing = Migration.of("2", "Throw a checked exception", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
			throw new java.io.IOException("disk on fire");
		});
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), failing);
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator.migrate(null))
			.withCauseInstanceOf(java.io.IOException.class)
			.satisfies((ex) -> assertThat(ex.getSqlState()).isNull());
		assertThat(recordedVersions()).containsExactly("1");
		assertThat(count("items")).isZero();
	}

	@Test
	void restartAfterTheFailedMigrationIsFixedAppliesItAndTheRest() {
		Migration broken = Migration.of("2", "Add name index",
				(context) -> context.jdbc().execute("CREATE INDEX items_name ON no_such_table (name)"));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), broken, insert("3", "items", 3)).migrate(null));
		Migration fixed = Migration.of("2", "Add name index", (context) -> {
			this.executed.add("2");
			context.jdbc().execute("CREATE INDEX items_name ON items (name)");
		});
		this.executed.clear();
		MigrateResult result = migrator(createTable("1", "items"), fixed, insert("3", "items", 3)).migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("2", "3");
		assertThat(this.executed).containsExactly("2", "3");
		assertThat(recordedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void injectedJdbcTemplateTakesPartInTheMigrationTransaction() {
		JdbcTemplate injected = new JdbcTemplate(dataSource());
		Migration failing = Migration.of("2", "Write twice then fail", (context) -> {
			injected.update("INSERT INTO items (id, name) VALUES (1, 'injected')");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'context')");
			throw new IllegalStateException("boom");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), failing).migrate(null));
		assertThat(count("items")).isZero();
		Migration working = Migration.of("2", "Write twice", (context) -> {
			injected.update("INSERT INTO items (id, name) VALUES (1, 'injected')");
			assertThat(context.jdbcClient().sql("SELECT COUNT(*) FROM items").query(Integer.class).single())
				.isEqualTo(1);
		});
		migrator(createTable("1", "items"), working).migrate(null);
		assertThat(count("items")).isOne();
	}

	/**
	 * Return the statements that the up-to-date check sends after the query of the
	 * history table, in order.
	 * @return the first words of each statement
	 */
	protected List<String> upToDateCheckExtraStatements() {
		return List.of();
	}

	@Test
	void decidingThatNothingIsPendingCostsOneQueryOfTheHistory() {
		Migration[] migrations = { createTable("1", "items"), insert("2", "items", 2), insert("3", "items", 3) };
		migrator(migrations).migrate(null);
		StatementRecorder recorder = new StatementRecorder(dataSource());
		MigrateResult result = migrator(recorder, migrations).migrate(null);
		assertThat(result.applied()).isEmpty();
		List<String> expected = new ArrayList<>();
		expected.add("SELECT version, checksum, execution_ms FROM schema_migrations");
		expected.addAll(upToDateCheckExtraStatements());
		assertThat(recorder.statements()).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(recorder.statements().get(i)).startsWithIgnoringCase(expected.get(i));
		}
	}

	@Test
	void appliesUpToATargetVersion() {
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2),
				insert("3", "items", 3));
		MigrateResult result = migrator.migrate("2");
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1", "2");
		assertThat(result.pendingAfter()).isOne();
		assertThat(recordedVersions()).containsExactly("1", "2");
	}

	@Test
	void contextReportsTheDatabase() throws Exception {
		List<Object> seen = new ArrayList<>();
		migrator(Migration.of("1", "Look", (context) -> seen.add(context.database()))).migrate(null);
		try (Connection connection = dataSource().getConnection()) {
			assertThat(seen).containsExactly(Dialect.of(connection).driver());
		}
	}

	@Test
	void migrationThatFindsNothingToDoIsRecordedAsAppliedAndReportedWithItsReason() {
		Migration addName = Migration.of("2", "Add items.name", (context) -> {
			this.executed.add("2");
			if (context.schema().columnExists("items", "name")) {
				context.skip("items.name already exists");
				return;
			}
			context.jdbc().execute("ALTER TABLE items ADD name VARCHAR(50)");
		});
		Migration addLabel = Migration.of("3", "Add items.label", (context) -> {
			this.executed.add("3");
			if (context.schema().columnExists("items", "label")) {
				context.skip("items.label already exists");
				return;
			}
			context.jdbc().execute("ALTER TABLE items ADD label VARCHAR(50)");
		});
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), addName, addLabel);
		MigrateResult result = migrator.migrate(null);
		assertThat(this.executed).containsExactly("1", "2", "3");
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1", "2", "3");
		assertThat(result.skipped())
			.containsExactly(Map.entry(new MigrationRef("2", "Add items.name"), "items.name already exists"));
		assertThat(recordedVersions()).containsExactly("1", "2", "3");
		assertThat(database().columns("items")).contains("label");
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
			.containsOnly(MigrationState.APPLIED);
		this.executed.clear();
		assertThat(migrator.migrate(null).skipped()).isEmpty();
		assertThat(this.executed).isEmpty();
	}

	@Test
	void nonTransactionalMigrationThatFindsNothingToDoIsRecordedAsAppliedToo() {
		Migration addName = nonTransactional("2", "Add items.name", (context) -> {
			if (context.schema().columnExists("items", "name")) {
				context.skip("items.name already exists");
				return;
			}
			context.jdbc().execute("ALTER TABLE items ADD name VARCHAR(50)");
		});
		MigrateResult result = migrator(createTable("1", "items"), addName).migrate(null);
		assertThat(result.skipped())
			.containsExactly(Map.entry(new MigrationRef("2", "Add items.name"), "items.name already exists"));
		assertThat(recordedVersions()).containsExactly("1", "2");
	}

	@Test
	void skipMarksTheMigrationWithoutStoppingItSoWhatItDoesAfterIsCommittedWithIt() {
		Migration insert = Migration.of("2", "Insert 2", (context) -> {
			context.skip("nothing to insert, it seemed");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (2, 'two')");
		});
		MigrateResult result = migrator(createTable("1", "items"), insert).migrate(null);
		assertThat(result.skipped()).containsValue("nothing to insert, it seemed");
		assertThat(count("items")).isEqualTo(1);
		assertThat(recordedVersions()).containsExactly("1", "2");
	}

	@Test
	void migrationThatSkipsThenFailsIsRolledBackAndNotRecordedLikeAnyOther() {
		Migration failing = Migration.of("2", "Skip then fail", (context) -> {
			context.skip("done already");
			context.jdbc().execute("SELECT * FROM nowhere");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), failing).migrate(null));
		assertThat(recordedVersions()).containsExactly("1");
	}

	@Test
	void skipWithoutAReasonFailsTheMigrationNamingTheFix() {
		Migration blank = Migration.of("1", "Blank reason", (context) -> context.skip(" "));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator(blank).migrate(null))
			.withStackTraceContaining("context.skip(reason) needs a reason");
		assertThat(recordedVersions()).isEmpty();
	}

	@Test
	void nonTransactionalMigrationIsRecordedAfterItSucceeds() {
		Migration outside = nonTransactional("2", "Index items", (context) -> {
			assertThat(context.jdbc().execute((ConnectionCallback<Boolean>) Connection::getAutoCommit)).isTrue();
			context.jdbc().execute("CREATE INDEX items_name ON items (name)");
		});
		migrator(createTable("1", "items"), outside).migrate(null);
		assertThat(jdbc().queryForList("SELECT type FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("JAVA", "JAVA_NO_TX");
	}

	@Test
	void failedNonTransactionalMigrationKeepsWhatItDidButIsNotRecorded() {
		Migration outside = nonTransactional("2", "Insert then fail", (context) -> {
			context.jdbc().update("INSERT INTO items (id, name) VALUES (1, 'kept')");
			context.jdbc().update("INSERT INTO no_such_table (id) VALUES (1)");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), outside).migrate(null))
			.satisfies((ex) -> assertThat(ex.isTransactional()).isFalse());
		assertThat(recordedVersions()).containsExactly("1");
		assertThat(count("items")).isOne();
	}

	protected static Migration nonTransactional(String version, String description,
			ThrowingConsumer<MigrationContext> body) {
		return new Migration() {

			@Override
			public String version() {
				return version;
			}

			@Override
			public String description() {
				return description;
			}

			@Override
			public boolean transactional() {
				return false;
			}

			@Override
			public void migrate(MigrationContext context) throws Exception {
				body.acceptWithException(context);
			}

		};
	}

	@Test
	void contendingMigratorsApplyEachMigrationOnce() throws Exception {
		Migration[] migrations = new Migration[10];
		for (int i = 0; i < migrations.length; i++) {
			migrations[i] = (i == 0) ? createTable("1", "items") : insert(Integer.toString(i + 1), "items", i + 1);
		}
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<MigrateResult>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				results.add(executor.submit(() -> migrator(migrations).migrate(null)));
			}
			int applied = 0;
			for (Future<MigrateResult> result : results) {
				applied += result.get(60, TimeUnit.SECONDS).applied().size();
			}
			assertThat(applied).isEqualTo(10);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.executed).hasSize(10).doesNotHaveDuplicates();
		assertThat(count("items")).isEqualTo(9);
	}

	@Test
	void keepsTheHistoryInTheConfiguredTable() {
		Map<String, Migration> beans = Map.of("items", createTable("1", "items"));
		TestEngines.engine(dataSource(), TestEngines.settings("app_history", "deployer", Duration.ofSeconds(5)), beans)
			.migrate(null);
		assertThat(jdbc().queryForObject("SELECT installed_by FROM app_history", String.class)).isEqualTo("deployer");
	}

	@Test
	void createIndexConcurrentlyRunsWithoutATransactionWhileTheLockIsHeld() {
		assumeTrue(database().concurrentIndexBuilds(), "the database has no concurrent index builds");
		Migration index = nonTransactional("3", "Index item names concurrently", (context) -> context.jdbc()
			.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name ON items (name)"));
		DefaultMigrationEngine migrator = migrator(createTable("1", "items"), insert("2", "items", 2), index);
		MigrateResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> migrator.migrate(null));
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1", "2", "3");
		assertThat(jdbc().queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('items_name')",
				Boolean.class))
			.isTrue();
		assertThat(jdbc().queryForObject("SELECT type FROM schema_migrations WHERE version = '3'", String.class))
			.isEqualTo("JAVA_NO_TX");
	}

	@Test
	void createIndexConcurrentlyInsideATransactionFailsWithTheDatabaseReason() {
		assumeTrue(database().concurrentIndexBuilds(), "the database has no concurrent index builds");
		Migration index = Migration.of("2", "Index item names concurrently",
				(context) -> context.jdbc().execute("CREATE INDEX CONCURRENTLY items_name ON items (name)"));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), index).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getSqlState()).isEqualTo("25001");
				assertThat(ex.getCauseMessage()).contains("cannot run inside a transaction block");
			});
	}

	@Test
	void failedMigrationLeavesNoSchemaChangeBehind() {
		assumeTrue(database().transactionalDdl(), "the database commits DDL at once");
		Migration failing = Migration.of("2", "Create then fail", (context) -> {
			context.jdbc().execute("CREATE TABLE half_done (id INT)");
			context.jdbc().execute("ALTER TABLE items ADD COLUMN extra INT");
			context.jdbc().execute("SELECT no_such_column FROM items");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), failing).migrate(null))
			.satisfies((ex) -> assertThat(ex.getCauseMessage()).contains("no_such_column"));
		assertThat(database().tableExists("half_done")).isFalse();
		assertThat(database().columns("items")).doesNotContain("extra");
	}

}
