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
package dev.bootmigrate.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.autoconfigure.MigrationsAutoConfiguration;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-file migrations through real {@code SpringApplication} runs: applied at startup,
 * shown by {@code status} with their files, rolled back through their {@code U} file, a
 * misnamed file refusing the start before the database is touched, and a failing
 * statement reported with its file and line. Run once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class SqlFileCommandTests extends AbstractTestDatabaseTests {

	private static final String LOCATION = "classpath:dev/bootmigrate/autoconfigure/sqlfiles";

	private static final String PATH = "dev/bootmigrate/autoconfigure/sqlfiles/";

	private CapturedOutput output;

	@TempDir
	Path temp;

	@BeforeEach
	void prepare(CapturedOutput output) {
		this.output = output;
	}

	@Test
	void fileMigrationsAreAppliedAtStartupVersionedFirstThenRepeatable() {
		Outcome start = start("--migrations.locations=" + LOCATION);
		assertThat(start.failure()).isNull();
		assertThat(start.output()).contains("Applying 1/4: 1 \"create items\"",
				"Applying 2/4: 1.1 \"create item count\"", "Applying 3/4: 2 \"seed items\"",
				"Applying 4/4: repeatable \"item count\"", "Applied 4 migrations to schema_migrations");
		assertThat(jdbc().queryForObject("SELECT total FROM item_count", Integer.class)).isEqualTo(2);
		assertThat(start("--migrations.locations=" + LOCATION).output())
			.contains("Schema is up to date at version 2 (4 applied, none pending");
	}

	@Test
	void statusShowsTheTypeAndTheFileOfEachMigration() {
		start("--migrations.locations=" + LOCATION);
		Outcome status = command("status", "--migrations.locations=" + LOCATION);
		assertThat(status.exitCode()).isZero();
		assertThat(status.output()).containsPattern("Version +Description +Type +State +.*Origin")
			.containsPattern("1 +create items +SQL +applied +.* ms +" + PATH + "V1__create_items.sql")
			.containsPattern("2 +seed items +SQL +applied +.* ms +" + PATH + "V2__seed_items.sql")
			.containsPattern("\n  +item count +SQL, repeatable +applied +.* ms +" + PATH + "R__item_count.sql")
			.contains("4 applied, 0 pending, 0 unknown, 0 checksum mismatches; current version 2.");
	}

	@Test
	void rollbackRunsTheRollbackFileAndLeavesTheRepeatableMigration() {
		start("--migrations.locations=" + LOCATION);
		Outcome rollback = command("rollback", "--migrations.locations=" + LOCATION, "--migrations.steps=1");
		assertThat(rollback.exitCode()).isZero();
		assertThat(rollback.output()).contains("Rolled back 1 migration(s): 2 \"seed items\".");
		assertThat(jdbc().queryForObject("SELECT count(*) FROM items", Integer.class)).isZero();
		assertThat(command("check", "--migrations.locations=" + LOCATION).output())
			.contains("pending: 2 \"seed items\"");
	}

	@Test
	void aChangedRepeatableFileMakesCheckExitWithTwoAndMigrateAppliesItAgain() throws IOException {
		Path location = copyLocation();
		start("--migrations.locations=filesystem:" + location);
		Files.writeString(location.resolve("R__item_count.sql"),
				"DELETE FROM item_count;\nINSERT INTO item_count (total) SELECT COUNT(*) + 40 FROM items;\n");
		Outcome check = command("check", "--migrations.locations=filesystem:" + location);
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("1 pending (1 repeatable to apply again)",
				"repeatable, changed since applied: repeatable \"item count\"");
		Outcome migrate = command("migrate", "--migrations.locations=filesystem:" + location);
		assertThat(migrate.exitCode()).isZero();
		assertThat(jdbc().queryForObject("SELECT total FROM item_count", Integer.class)).isEqualTo(42);
	}

	@Test
	void aMisnamedFileRefusesTheStartBeforeTheDatabaseIsTouched() throws IOException {
		Path location = copyLocation();
		Files.writeString(location.resolve("V2_42_18_Update.sql"), "UPDATE items SET name = 'x';");
		// A database nothing listens to: touching it would fail otherwise
		Outcome start = run(new SpringApplication(SqlFileApplication.class),
				List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/nowhere",
						"--migrations.locations=filesystem:" + location));
		assertThat(start.failure()).isInstanceOf(InvalidMigrationsException.class);
		assertThat(start.output())
			.contains("APPLICATION FAILED TO START", "SQL file '" + location
					+ "/V2_42_18_Update.sql' is not named as a migration: no double underscore (__) separates the "
					+ "version from the description (did you mean V2_42_18__Update.sql?)", "migrations.ignored-files")
			.doesNotContain("Connection refused", "nowhere");
	}

	@Test
	void aFailingStatementIsReportedWithItsFileLineStatementAndWhatRanBefore() throws IOException {
		Path location = copyLocation();
		Files.writeString(location.resolve("V3__add_price.sql"),
				"UPDATE items SET name = 'three' WHERE id = 2;\n\nALTER TABLE no_such_table ADD price INT;\n");
		Outcome start = start("--migrations.locations=filesystem:" + location);
		assertThat(start.failure()).isInstanceOf(MigrationFailedException.class);
		assertThat(start.output()).contains("APPLICATION FAILED TO START",
				"Migration 3 \"add price\" (SQL file '" + location + "/V3__add_price.sql') failed.",
				"The statement on line 3 of " + location + "/V3__add_price.sql failed",
				"    ALTER TABLE no_such_table ADD price INT", "1 statement of the file ran before it.",
				"Applied by this run before it: 1 \"create items\", 1.1 \"create item count\", 2 \"seed items\"",
				"Not attempted: repeatable \"item count\"");
		if (database().transactionalDdl()) {
			assertThat(start.output()).contains("Its transaction was rolled back, including its schema changes.",
					"Fix migration 3 (SQL file '" + location + "/V3__add_price.sql') and start the application again");
			assertThat(jdbc().queryForObject("SELECT name FROM items WHERE id = 2", String.class)).isEqualTo("two");
		}
		else {
			// The database committed the update implicitly before the failing DDL
			assertThat(start.output()).contains("It is recorded as failed in schema_migrations",
					"--migrations.command=mark-applied --migrations.version=3");
			assertThat(jdbc().queryForObject("SELECT name FROM items WHERE id = 2", String.class)).isEqualTo("three");
		}
	}

	private Path copyLocation() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		for (String name : List.of("V1__create_items.sql", "V1_1__create_item_count.sql", "V2__seed_items.sql",
				"U2__seed_items.sql", "R__item_count.sql")) {
			try (var input = getClass().getClassLoader().getResourceAsStream(PATH + name)) {
				Files.copy(input, location.resolve(name));
			}
		}
		return location;
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database().dataSource());
	}

	private Outcome start(String... args) {
		return run(new SpringApplication(SqlFileApplication.class), arguments(args));
	}

	private Outcome command(String name, String... args) {
		List<String> arguments = arguments(args);
		arguments.add("--migrations.command=" + name);
		return run(new SpringApplication(SqlFileApplication.class), arguments);
	}

	private List<String> arguments(String... args) {
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.addAll(List.of(args));
		return arguments;
	}

	private Outcome run(SpringApplication application, List<String> arguments) {
		List<String> all = new ArrayList<>(arguments);
		all.add("--spring.main.banner-mode=off");
		all.add("--spring.main.web-application-type=none");
		all.add("--migrations.exit-after-command=false");
		AtomicInteger published = new AtomicInteger(-1);
		application.addListeners((ApplicationListener<ExitCodeEvent>) (event) -> published.set(event.getExitCode()));
		int start = this.output.getOut().length();
		try {
			ConfigurableApplicationContext context = application.run(all.toArray(new String[0]));
			int exitCode = SpringApplication.exit(context);
			return new Outcome(exitCode, this.output.getOut().substring(start), null);
		}
		catch (RuntimeException ex) {
			int exitCode = (published.get() != -1) ? published.get() : exitCodeOf(ex);
			return new Outcome(exitCode, this.output.getOut().substring(start), rootMigrationFailure(ex));
		}
	}

	private static Throwable rootMigrationFailure(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof dev.bootmigrate.MigrationException) {
				return candidate;
			}
		}
		return ex;
	}

	private static int exitCodeOf(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ExitCodeGenerator generator) {
				return generator.getExitCode();
			}
		}
		return 0;
	}

	/**
	 * What a run produced.
	 */
	private record Outcome(int exitCode, String output, @Nullable Throwable failure) {

	}

	/**
	 * An application whose migrations are SQL files only.
	 */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			MigrationsAutoConfiguration.class })
	static class SqlFileApplication {

	}

}
