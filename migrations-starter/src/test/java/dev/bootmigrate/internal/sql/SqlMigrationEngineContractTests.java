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
package dev.bootmigrate.internal.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.SqlStatementFailedException;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.MigrationSource;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.StatementRecorder;
import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests that the engine applies SQL files as it applies beans, on each database:
 * versioned files in version order with the beans, repeatable files after them whenever
 * their checksum changes, each in its own transaction with its history row, rolled back
 * through their {@code U} file, reported with their file when they fail.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class SqlMigrationEngineContractTests extends AbstractTestDatabaseTests {

	@TempDir
	Path location;

	@Test
	void versionedFilesAndBeansApplyInVersionOrderThenRepeatableFilesByDescription() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("V3__add_note.sql", "ALTER TABLE account ADD note VARCHAR(50);");
		write("R__b_account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		write("R__a_account_notes.sql", "CREATE VIEW account_notes AS SELECT note FROM account;");
		Migration seed = Migration.of("2", "Seed accounts",
				(context) -> context.jdbc().update("INSERT INTO account (id, name) VALUES (1, 'one')"));
		DefaultMigrationEngine engine = engine(Map.of("seedAccounts", seed));
		MigrateResult result = engine.migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::toString)
			.containsExactly("1 \"create account\"", "2 \"Seed accounts\"", "3 \"add note\"",
					"repeatable \"a account notes\"", "repeatable \"b account names\"");
		assertThat(result.currentVersion()).isEqualTo("3");
		assertThat(jdbc().queryForObject("SELECT name FROM account_names", String.class)).isEqualTo("one");
		assertThat(jdbc().queryForList("SELECT version, type FROM schema_migrations ORDER BY version"))
			.extracting((row) -> tuple(value(row, "version"), value(row, "type")))
			.containsExactly(tuple("1", "SQL"), tuple("2", "JAVA"), tuple("3", "SQL"),
					tuple("R:a account notes", "SQL"), tuple("R:b account names", "SQL"));
		MigrationsInfo status = engine.status();
		assertThat(status.migrations())
			.extracting(MigrationInfo::version, MigrationInfo::description, MigrationInfo::state,
					(info) -> info.origin().type())
			.containsExactly(tuple("1", "create account", MigrationState.APPLIED, MigrationOrigin.Type.SQL),
					tuple("2", "Seed accounts", MigrationState.APPLIED, MigrationOrigin.Type.BEAN),
					tuple("3", "add note", MigrationState.APPLIED, MigrationOrigin.Type.SQL),
					tuple("", "a account notes", MigrationState.APPLIED, MigrationOrigin.Type.SQL),
					tuple("", "b account names", MigrationState.APPLIED, MigrationOrigin.Type.SQL));
		assertThat(status.migrations().get(0).origin().name()).isEqualTo(this.location + "/V1__create_account.sql");
		assertThat(status.pending()).isEmpty();
		assertThat(engine(Map.of("seedAccounts", seed)).migrate(null).applied()).isEmpty();
	}

	@Test
	void aRepeatableFileAppliesAgainWheneverItsChecksumChangesAndKeepsOneRow() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("R__account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		engine().migrate(null);
		String firstChecksum = recordedChecksum("R:account names");
		write("R__account_names.sql", """
				DROP VIEW account_names;
				CREATE VIEW account_names AS SELECT id, name FROM account;
				""");
		DefaultMigrationEngine engine = engine();
		MigrationsInfo status = engine.status();
		assertThat(status.inState(MigrationState.OUTDATED)).extracting(MigrationInfo::description)
			.containsExactly("account names");
		assertThat(status.pending()).extracting(MigrationInfo::description).containsExactly("account names");
		assertThat(status.summary()).startsWith("2 applied, 1 pending (1 repeatable to apply again), ");
		assertThat(engine.migrate(null).applied()).extracting(MigrationRef::toString)
			.containsExactly("repeatable \"account names\"");
		assertThat(jdbc().queryForList("SELECT id FROM account_names")).isEmpty();
		assertThat(recordedChecksum("R:account names")).isNotEqualTo(firstChecksum);
		assertThat(jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
		assertThat(engine().migrate(null).applied()).isEmpty();
	}

	@Test
	void theUpToDateCheckWithRepeatableFilesIsOneQuery() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("R__account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		engine().migrate(null);
		StatementRecorder recorder = new StatementRecorder(database().dataSource());
		assertThat(engine(recorder, Map.of()).migrate(null).applied()).isEmpty();
		assertThat(recorder.statements()).hasSize(1)
			.first()
			.asString()
			.startsWith("SELECT version, checksum, execution_ms FROM schema_migrations");
	}

	@Test
	void aFailingRepeatableFileKeepsItsEarlierRecordAndIsReportedWithItsFileAndLine() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("R__account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		engine().migrate(null);
		String checksum = recordedChecksum("R:account names");
		write("R__account_names.sql",
				"DROP VIEW account_names;\nCREATE VIEW account_names AS SELECT name FROM account WHERE;");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> engine().migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getMigration()).hasToString("repeatable \"account names\"");
				assertThat(ex.getOrigin().describe())
					.isEqualTo("SQL file '" + this.location + "/R__account_names.sql'");
				SqlStatementFailedException statement = ex.getStatementFailure();
				assertThat(statement).isNotNull();
				assertThat(statement.getLine()).isEqualTo(2);
				assertThat(statement.getStatementsRun()).isOne();
				assertThat(ex.getMessage()).contains(
						"Statement on line 2 of " + this.location + "/R__account_names.sql failed",
						"CREATE VIEW account_names AS SELECT name FROM account WHERE");
			});
		if (database().transactionalDdl()) {
			assertThat(recordedChecksum("R:account names")).isEqualTo(checksum);
			assertThat(engine().status().inState(MigrationState.OUTDATED)).hasSize(1);
		}
		else {
			// The DROP VIEW was committed, and so was the claim of its row
			assertThat(engine().status().inState(MigrationState.FAILED)).extracting(MigrationInfo::description)
				.containsExactly("account names");
		}
	}

	@Test
	void aFileWhoseFirstStatementFailsIsStillPendingEvenWhereDdlCommitsImplicitly() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY);");
		engine().migrate(null);
		write("V2__create_account_again.sql", "CREATE TABLE account (id INT PRIMARY KEY);\nDROP TABLE account;");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> engine().migrate(null))
			.satisfies((ex) -> assertThat(ex.isRecordedAsFailed()).isFalse());
		assertThat(engine().status().inState(MigrationState.PENDING)).extracting(MigrationInfo::version)
			.containsExactly("2");
	}

	@Test
	void repeatableFilesWaitUntilNoVersionedMigrationIsLeftPending() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("V2__add_note.sql", "ALTER TABLE account ADD note VARCHAR(50);");
		write("R__account_notes.sql", "CREATE VIEW account_notes AS SELECT note FROM account;");
		MigrateResult first = engine().migrate("1");
		assertThat(first.applied()).extracting(MigrationRef::version).containsExactly("1");
		assertThat(first.pendingAfter()).isEqualTo(2);
		MigrateResult second = engine().migrate("2");
		assertThat(second.applied()).extracting(MigrationRef::toString)
			.containsExactly("2 \"add note\"", "repeatable \"account notes\"");
		assertThat(second.pendingAfter()).isZero();
	}

	@Test
	void aRemovedRepeatableFileIsUnknownAndRepairForgetsIt() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		Path repeatable = write("R__account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		engine().migrate(null);
		Files.delete(repeatable);
		DefaultMigrationEngine engine = engine();
		MigrationsInfo status = engine.status();
		assertThat(status.inState(MigrationState.UNKNOWN)).singleElement().satisfies((info) -> {
			assertThat(info.repeatable()).isTrue();
			assertThat(info.description()).isEqualTo("account names");
			assertThat(info.applied().version()).isEqualTo("R:account names");
		});
		assertThat(status.inState(MigrationState.INVALID)).isEmpty();
		assertThat(status.newerUnknownVersions()).isEmpty();
		assertThat(engine.migrate(null).applied()).isEmpty();
		assertThat(engine.repair(true).removed()).extracting(MigrationRef::toString)
			.containsExactly("repeatable \"account names\"");
		assertThat(engine().status().migrations()).extracting(MigrationInfo::version).containsExactly("1");
	}

	@Test
	void rollbackRevertsVersionedFilesThroughTheirRollbackFileAndLeavesRepeatableOnes() throws IOException {
		write("V1__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(50));");
		write("V2__create_note.sql", "CREATE TABLE note (id INT PRIMARY KEY);");
		write("U2__create_note.sql", "DROP TABLE note;");
		write("R__account_names.sql", "CREATE VIEW account_names AS SELECT name FROM account;");
		engine().migrate(null);
		assertThat(engine().rollback(null, 1)).extracting(MigrationRef::toString).containsExactly("2 \"create note\"");
		MigrationsInfo status = engine().status();
		assertThat(status.migrations()).extracting(MigrationInfo::description, MigrationInfo::state)
			.containsExactly(tuple("create account", MigrationState.APPLIED),
					tuple("create note", MigrationState.PENDING), tuple("account names", MigrationState.APPLIED));
		assertThat(database().tableExists("note")).isFalse();
	}

	@Test
	void aVersionDeclaredByAFileAndABeanIsADuplicateReportedWithBoth() throws IOException {
		write("V2__create_account.sql", "CREATE TABLE account (id INT PRIMARY KEY);");
		Migration bean = Migration.of("2.0", "Seed", (context) -> {
		});
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> engine(Map.of("seed", bean)))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("'2.0'", "'2'", "SQL file '" + this.location + "/V2__create_account.sql'", "bean 'seed'"));
	}

	@Test
	void aRepeatableFileWithALongDescriptionIsKeyedWithinTheColumn() throws IOException {
		String description = "x".repeat(150);
		write("R__" + description + ".sql", "CREATE TABLE long_named (id INT);");
		engine().migrate(null);
		String key = jdbc().queryForObject("SELECT version FROM schema_migrations", String.class);
		assertThat(key).hasSize(128).startsWith("R:xxxx").containsPattern("#[0-9a-f]{16}$");
		assertThat(engine().status().migrations()).singleElement()
			.extracting(MigrationInfo::state)
			.isEqualTo(MigrationState.APPLIED);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.location.resolve(name), content);
	}

	private String recordedChecksum(String key) {
		return jdbc().queryForObject("SELECT checksum FROM schema_migrations WHERE version = ?", String.class, key);
	}

	private static String value(Map<String, Object> row, String column) {
		return row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(column))
			.map((entry) -> String.valueOf(entry.getValue()))
			.findFirst()
			.orElseThrow();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database().dataSource());
	}

	private DefaultMigrationEngine engine() {
		return engine(Map.of());
	}

	private DefaultMigrationEngine engine(Map<String, Migration> beans) {
		return engine(database().dataSource(), beans);
	}

	private DefaultMigrationEngine engine(DataSource dataSource, Map<String, Migration> beans) {
		SqlMigrationSource files = new SqlMigrationSource(new DefaultResourceLoader(),
				DatabaseDriver.fromJdbcUrl(database().url()), new SqlMigrationSource.Settings(
						List.of("filesystem:" + this.location), List.of(), Map.of(), true, false));
		return new DefaultMigrationEngine(dataSource, () -> new DataSourceTransactionManager(dataSource),
				List.of(MigrationSource.of(beans), files),
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(10)), List.of());
	}

}
