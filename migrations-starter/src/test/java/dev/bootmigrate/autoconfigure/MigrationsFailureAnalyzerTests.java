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
package dev.bootmigrate.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.internal.sql.SqlMigrationSource;
import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link MigrationsFailureAnalyzer}, each on a real failure.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsFailureAnalyzerTests {

	private final MigrationsFailureAnalyzer analyzer = new MigrationsFailureAnalyzer();

	@Test
	void failedMigrationReportSaysWhatHappenedWhatWasAppliedAndWhatToDo() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("createUsers", Migration.of("1", "Create users",
				(context) -> context.jdbc().execute("CREATE TABLE users (id INT, email VARCHAR(100))")));
		beans.put("backfillUsername", Migration.of("2", "Backfill username",
				(context) -> context.jdbc().update("UPDATE users SET username = email")));
		beans.put("dropEmail", Migration.of("3", "Drop email",
				(context) -> context.jdbc().execute("ALTER TABLE users DROP COLUMN email")));
		MigrationEngine migrator = TestEngines.engine(dataSource,
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(5)), beans);
		MigrationException failure = catchThrowableOfType(MigrationException.class, () -> migrator.migrate(null));
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription())
			.contains("Migration 2 \"Backfill username\" (bean 'backfillUsername') failed")
			.contains("Cause: ", "USERNAME", "(SQL state 42S22)")
			.contains("Applied by this run before it: 1 \"Create users\"")
			.contains("Not attempted: 3 \"Drop email\"")
			.contains("Nothing was recorded for version 2 in schema_migrations")
			.contains("commits schema changes (DDL) implicitly");
		assertThat(analysis.getAction()).contains("Fix migration 2 (bean 'backfillUsername')");
	}

	@Test
	void flywayHistoryWithAFailedMigrationReportsItAndTheWaysOut(@TempDir Path location) throws IOException {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Files.writeString(location.resolve("V1__create_users.sql"), "CREATE TABLE users (id INT);");
		Files.writeString(location.resolve("V2__add_email.sql"),
				"ALTER TABLE users ADD email VARCHAR(100);\nALTER TABLE users ADD email VARCHAR(100);");
		// H2 commits DDL as it goes: Flyway records the migration as failed
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(
				() -> Flyway.configure().dataSource(dataSource).locations("filesystem:" + location).load().migrate());
		SqlMigrationSource files = new SqlMigrationSource(new DefaultResourceLoader(), DatabaseDriver.H2,
				new SqlMigrationSource.Settings(List.of("filesystem:" + location), List.of(), Map.of(), true, false));
		MigrationEngine engine = new DefaultMigrationEngine(dataSource,
				() -> new DataSourceTransactionManager(dataSource), List.of(files),
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(5)), List.of());
		FailureAnalysis analysis = this.analyzer
			.analyze(catchThrowableOfType(MigrationException.class, () -> engine.migrate(null)));
		assertThat(analysis.getDescription()).contains(
				"Flyway's history table flyway_schema_history cannot be adopted, so that what Flyway applied would "
						+ "not run again:",
				"Flyway recorded version 2 \"add email\" (V2__add_email.sql, installed_rank 2) as failed",
				"Nothing was recorded or applied, and Flyway's table was left as it is.");
		assertThat(analysis.getAction()).contains("flyway repair",
				"DELETE FROM flyway_schema_history WHERE installed_rank = 2",
				"--migrations.command=mark-applied --migrations.version=2");
	}

	@Test
	void statementRefusedInsideATransactionSuggestsRunningWithoutOne() {
		try (TestDatabase postgres = TestDatabase.POSTGRESQL.get(0).create()) {
			statementRefusedInsideATransactionSuggestsRunningWithoutOne(postgres.dataSource());
		}
	}

	private void statementRefusedInsideATransactionSuggestsRunningWithoutOne(DataSource dataSource) {
		Map<String, Migration> beans = Map.of("indexAccounts", Migration.of("1", "Index accounts", (context) -> {
			context.jdbc().execute("CREATE TABLE accounts (id INT, email VARCHAR(100))");
			context.jdbc().execute("CREATE INDEX CONCURRENTLY accounts_email ON accounts (email)");
		}));
		MigrationEngine migrator = TestEngines.engine(dataSource,
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(5)), beans);
		FailureAnalysis analysis = this.analyzer
			.analyze(catchThrowableOfType(MigrationException.class, () -> migrator.migrate(null)));
		assertThat(analysis.getDescription()).contains("(SQL state 25001)",
				"Its transaction was rolled back, including its schema changes");
		assertThat(analysis.getAction()).contains("Return false from transactional() in bean 'indexAccounts'");
	}

	@Test
	void invalidMigrationsReportListsEveryProblem() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("first", Migration.of("1", "One", (context) -> {
		}));
		beans.put("second", Migration.of("1", "Also one", (context) -> {
		}));
		beans.put("third", Migration.of("v3", "Three", (context) -> {
		}));
		InvalidMigrationsException failure = catchThrowableOfType(InvalidMigrationsException.class,
				() -> TestEngines.engine(new SimpleDriverDataSource(), TestEngines.settings(), beans));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).contains("bean 'first'", "bean 'second'", "bean 'third'", "'v3'");
		assertThat(analysis.getAction()).contains("Nothing was applied");
	}

	@Test
	void invalidHistoryReportNamesTheRowsAndHowToFixThem() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		MigrationEngine migrator = TestEngines.engine(dataSource,
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(5)),
				Migration.of("1", "Create users", (context) -> context.jdbc().execute("CREATE TABLE users (id INT)")));
		migrator.migrate(null);
		new JdbcTemplate(dataSource).update("INSERT INTO schema_migrations (version, description, type, "
				+ "installed_by, installed_on, execution_ms) VALUES ('1.0', 'Create users', 'MARKED', 'dba', "
				+ "CURRENT_TIMESTAMP, 0)");
		FailureAnalysis analysis = this.analyzer
			.analyze(catchThrowableOfType(InvalidHistoryException.class, () -> migrator.migrate(null)));
		assertThat(analysis.getDescription()).contains(
				"The history table schema_migrations has rows that cannot be matched",
				"Rows '1' (\"Create users\", JAVA, recorded ", "and '1.0' (\"Create users\", MARKED, recorded ",
				"by dba)", "DELETE FROM schema_migrations WHERE version IN ('1.0')");
		assertThat(analysis.getAction()).contains("Fix the rows listed above by hand", "--migrations.command=status");
	}

	@Test
	void pendingMigrationsRefusedByPolicyTellHowToApplyThem(CapturedOutput output) {
		SpringApplication application = new SpringApplication(PendingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> application.run("--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"--migrations.auto-migrate=false", "--migrations.on-pending=fail"))
			.satisfies((ex) -> assertThat(ex.getPending()).containsExactly(new MigrationRef("1", "Create users")));
		assertThat(output).contains("APPLICATION FAILED TO START", "Pending migrations, not applied",
				"1 \"Create users\"", "--migrations.command=migrate");
	}

	@Test
	void unknownVersionsAndChecksumMismatchesSayHowToRecover() {
		MigrationValidationException failure = new MigrationValidationException("schema_migrations", List.of(),
				List.of(new MigrationRef("9", "From a newer release")), List.of(new MigrationRef("2", "Changed")));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).contains("9 \"From a newer release\"", "2 \"Changed\"");
		assertThat(analysis.getAction()).contains("--migrations.command=repair", "--migrations.command=rollback");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			MigrationsAutoConfiguration.class })
	static class PendingApplication {

		@Bean
		Migration createUsers() {
			return Migration.of("1", "Create users",
					(context) -> context.jdbc().execute("CREATE TABLE users (id INT)"));
		}

	}

}
