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

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.FailedMigrationsException;
import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the manual entry point, run through a real {@code SpringApplication}
 * with {@code --migrations.command=...} and its exit code asserted, including the bad
 * input. Run once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class CommandContractTests extends AbstractTestDatabaseTests {

	private CapturedOutput output;

	private List<String> databaseProperties() {
		return database().springProperties();
	}

	private DataSource dataSource() {
		return database().dataSource();
	}

	@BeforeEach
	void prepare(CapturedOutput output) {
		this.output = output;
		CommandApplication.events.clear();
	}

	@Test
	void statusOfAFreshDatabaseListsEveryMigrationAsPending() {
		Outcome status = command("status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.output()).contains("Migrations of schema_migrations on ")
			.containsPattern("1 +Create items +bean +pending +createItems")
			.containsPattern("5 +Index names +bean +pending")
			.contains("0 applied, 5 pending, 0 unknown, 0 checksum mismatches; current version none "
					+ "(the history table does not exist yet).");
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void readOnlyCommandsCreateNoHistoryTable() {
		assertThat(command("status").exitCode()).isZero();
		assertThat(command("check").exitCode()).isEqualTo(2);
		assertThat(command("validate").exitCode()).isZero();
		assertThat(command("show", "--migrations.version=1").exitCode()).isZero();
		assertThat(database().tableExists("schema_migrations")).isFalse();
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void mistypedCommandIsRefusedBeforeTheApplicationStarts() {
		AtomicBoolean started = new AtomicBoolean();
		SpringApplication application = application();
		application.addInitializers((context) -> started.set(true));
		Outcome outcome = run(application, arguments("--migrations.command=stauts"));
		assertRefused(outcome, "'stauts' is not a migrations command: did you mean status? Nothing was done.");
		assertThat(outcome.output()).contains(
				"- migrations.command=stauts (\"migrations.command\" from property source \"commandLineArgs\")",
				"Run --migrations.command=status if that is what you meant.");
		assertThat(started).as("the application context was created").isFalse();
		assertThat(database().tableExists("schema_migrations")).isFalse();
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void unknownCommandFarFromAnyIsRefusedWithTheListOfCommands() {
		Outcome outcome = command("launch");
		assertRefused(outcome, "'launch' is not a migrations command. Nothing was done.");
		assertThat(outcome.output()).doesNotContain("did you mean");
	}

	@Test
	void migrateAppliesEverythingAndStatusShowsWhenByWhomAndHowLong() {
		Outcome migrate = command("migrate");
		assertThat(migrate.exitCode()).isZero();
		assertThat(migrate.output()).contains("Applied 5 migration(s) in ", "Now at version 5.");
		assertThat(CommandApplication.events).containsExactly("migrate 1", "migrate 2", "migrate 3", "migrate 4",
				"migrate 5");
		Outcome status = command("status");
		assertThat(status.output())
			.containsPattern("1 +Create items +bean +applied +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +\\S+ +\\d+ ms")
			.contains("5 applied, 0 pending, 0 unknown, 0 checksum mismatches; current version 5.");
		assertThat(command("migrate").output())
			.contains("Nothing to apply: schema_migrations is up to date at version 5.");
	}

	@Test
	void migrateStopsAtTheTarget() {
		Outcome migrate = command("migrate", "--migrations.target=3");
		assertThat(migrate.exitCode()).isZero();
		assertThat(migrate.output()).contains("Now at version 3. 2 pending beyond the target.");
		assertThat(recorded()).containsExactly("1", "2", "3");
	}

	@Test
	void commandModeStartsNoWebServerAndNoScheduledTask() throws Exception {
		// Spring MVC is on the class path: without the command this would be a web
		// application
		try (ConfigurableApplicationContext context = application().run(arguments("--migrations.command=status"))) {
			assertThat(context.getClass().getName()).doesNotContain("Web");
			Thread.sleep(200);
			assertThat(CommandApplication.events).doesNotContain("tick");
			assertThat(SpringApplication.exit(context)).isZero();
		}
	}

	@Test
	void commandModeCreatesTheApplicationsBeansOnlyWhenUsed() {
		SpringApplication application = new SpringApplication(CommandApplication.class, UnusedBean.class);
		assertThat(run(application, arguments("--migrations.command=migrate")).exitCode()).isZero();
		assertThat(CommandApplication.events).doesNotContain("unused bean created").contains("migrate 5");
		CommandApplication.events.clear();
		application = new SpringApplication(CommandApplication.class, UnusedBean.class);
		assertThat(run(application, arguments("--migrations.command=status", "--spring.main.lazy-initialization=false"))
			.exitCode()).isZero();
		assertThat(CommandApplication.events).as("the application's own setting wins").contains("unused bean created");
	}

	@Test
	void commandFromTheEnvironmentVariable() {
		SpringApplication application = application();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("MIGRATIONS_COMMAND", "check")));
		application.setEnvironment(environment);
		Outcome check = run(application, arguments());
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("Action needed");
	}

	@Test
	void checkExitsWithTwoWhenMigrationsArePendingAndZeroWhenUpToDate() {
		Outcome pending = command("check");
		assertThat(pending.exitCode()).isEqualTo(2);
		assertThat(pending.output()).contains("Action needed: 0 applied, 5 pending",
				"pending: 1 \"Create items\", 2 \"Seed items\"", "--migrations.command=migrate");
		command("migrate");
		Outcome upToDate = command("check");
		assertThat(upToDate.exitCode()).isZero();
		assertThat(upToDate.output()).contains("Up to date: 5 applied, 0 pending");
	}

	@Test
	void checkExitsWithTwoOnUnknownVersionsAndChecksumMismatches() {
		command("migrate");
		jdbc().update("INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
				+ "execution_ms) VALUES ('9', 'From a newer release', 'JAVA', 'ci', CURRENT_TIMESTAMP, 1)");
		Outcome check = command("check", "--test.checksum-5=changed");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("unknown to this application: 9 \"From a newer release\"",
				"changed since applied (checksum mismatch): 5 \"Index names\"");
	}

	@Test
	void historyValuesCannotForgeTheOutputWithLineBreaksOrEscapeSequences() {
		command("migrate");
		jdbc().update(
				"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
						+ "execution_ms) VALUES (?, ?, 'JAVA', ?, CURRENT_TIMESTAMP, 1)",
				"9", "Forged\n  10  Drop accounts  applied\u001b[2J", "ci\u001b]0;owned\u0007");
		Outcome status = command("status");
		assertThat(status.output()).contains("Forged\\n  10  Drop accounts  applied\\u001b[2J",
				"ci\\u001b]0;owned\\u0007");
		Outcome check = command("check");
		assertThat(check.output())
			.contains("unknown to this application: 9 \"Forged\\n  10  Drop accounts  applied\\u001b[2J\"");
		Outcome validate = command("validate");
		assertThat(validate.output()).contains("[9 \"Forged\\n  10  Drop accounts  applied\\u001b[2J\"]");
		for (Outcome outcome : List.of(status, check, validate)) {
			assertThat(outcome.output()).doesNotContain("\u001b", "\u0007", "Forged\n");
		}
	}

	@Test
	void migrationWhoseVersionIsSpelledDifferentlyIsShownAppliedAndNotAppliedAgain() {
		command("migrate", "--migrations.target=3");
		CommandApplication.events.clear();
		Outcome status = command("status", "--test.version-2=2.0");
		assertThat(status.output())
			.containsPattern("2\\.0 +Seed items +bean +applied +.* ms +seedItems +recorded as 2\n")
			.contains("3 applied, 2 pending, 0 unknown, 0 checksum mismatches; current version 3.");
		assertThat(command("migrate", "--migrations.target=3", "--test.version-2=2.0").output())
			.contains("Nothing to apply: schema_migrations is up to date at version 3.");
		Outcome rollback = command("rollback", "--migrations.steps=2", "--test.version-2=02");
		assertThat(rollback.exitCode()).isZero();
		assertThat(rollback.output()).contains("Rolled back 2 migration(s): 3 \"Add price\", 02 \"Seed items\".");
		assertThat(CommandApplication.events).containsExactly("rollback 3", "rollback 2");
		assertThat(recorded()).containsExactly("1");
	}

	@Test
	void rowsOfEqualVersionsAreShownByStatusAndRefusedByEveryOtherCommand() {
		command("migrate", "--migrations.target=3");
		// Recorded after '2' also where CURRENT_TIMESTAMP has whole seconds (MariaDB,
		// SQLite)
		jdbc().update(
				"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
						+ "execution_ms) VALUES ('02', 'Seed items', 'JAVA', 'dba', ?, 1)",
				Timestamp.from(Instant.now().plusSeconds(1)));
		CommandApplication.events.clear();
		Outcome status = command("status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.output())
			.containsPattern("02 +Seed items +bean +invalid \\(another row has an equal version\\)")
			.containsPattern("\n  2 +Seed items +bean +invalid \\(another row has an equal version\\)")
			.contains(
					"Every command but status refuses to work on schema_migrations until these rows are fixed by hand:",
					"DELETE FROM schema_migrations WHERE version IN ('02')",
					"4 applied, 2 pending, 0 unknown, 0 checksum mismatches, 2 invalid rows; current version 3.");
		List<Outcome> refused = List.of(command("migrate"), command("check"), command("validate"),
				command("rollback", "--migrations.steps=1"), command("mark-applied", "--migrations.target=4"),
				command("repair", "--migrations.remove-unknown=true"));
		assertThat(refused).allSatisfy((outcome) -> {
			assertThat(outcome.exitCode()).isOne();
			assertThat(outcome.failure()).isInstanceOf(InvalidHistoryException.class);
			assertThat(outcome.output()).contains("APPLICATION FAILED TO START",
					"Rows '2' (\"Seed items\", JAVA, recorded ", "and '02' (\"Seed items\", JAVA, recorded ",
					"Keep the one recorded first, '2'", "DELETE FROM schema_migrations WHERE version IN ('02')");
		});
		assertThat(CommandApplication.events).isEmpty();
		assertThat(recorded()).containsExactly("02", "1", "2", "3");
	}

	@Test
	void upToDateSaysTheNewestVersionTheApplicationKnowsAndTheNewerOnesItDoesNot() {
		command("migrate");
		for (String version : List.of("9", "10")) {
			jdbc().update(
					"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
							+ "execution_ms) VALUES (?, 'From a newer release', 'JAVA', 'ci', CURRENT_TIMESTAMP, 1)",
					version);
		}
		String current = "current version 5, the newest this application knows; the database also records 9, 10, "
				+ "unknown to it (applied by a newer release?).";
		assertThat(command("migrate").output()).contains("Nothing to apply: schema_migrations is up to date at "
				+ "version 5, the newest this application knows; the database also records 9, 10, unknown to it "
				+ "(applied by a newer release?).");
		assertThat(command("status").output())
			.contains("7 applied, 0 pending, 2 unknown, 0 checksum mismatches; " + current);
		assertThat(command("check").output())
			.contains("Action needed: 7 applied, 0 pending, 2 unknown, " + "0 checksum mismatches; " + current);
		assertThat(command("validate").output()).contains("Valid: 5 migration(s) in the application. ", current);
	}

	@Test
	void validateFailsOnAChecksumMismatchAndPassesAfterRepair() {
		command("migrate");
		Outcome validate = command("validate", "--test.checksum-5=changed");
		assertThat(validate.exitCode()).isOne();
		assertThat(validate.failure()).isInstanceOf(MigrationValidationException.class);
		assertThat(validate.output()).contains("APPLICATION FAILED TO START", "5 \"Index names\"",
				"--migrations.command=repair");
		Outcome repair = command("repair", "--test.checksum-5=changed");
		assertThat(repair.exitCode()).isZero();
		assertThat(repair.output()).contains("re-recorded the checksum and description of 5 \"Index names\"");
		assertThat(jdbc().queryForObject("SELECT checksum FROM schema_migrations WHERE version = '5'", String.class))
			.isEqualTo("changed");
		assertThat(command("validate", "--test.checksum-5=changed").exitCode()).isZero();
	}

	@Test
	void checksumNotRecordedIsReportedAsAWarningAndRepairRecordsIt() {
		command("migrate");
		jdbc().update("UPDATE schema_migrations SET checksum = NULL WHERE version = '5'");
		assertThat(command("status").output())
			.containsPattern("5 +Index names +bean +applied +.* ms +\\S+ +checksum not recorded\n")
			.contains("5 applied, 0 pending, 0 unknown, 0 checksum mismatches, 1 checksum not recorded; "
					+ "current version 5.");
		Outcome check = command("check");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("checksum not recorded: 5 \"Index names\" (record the declared checksums "
				+ "with --migrations.command=repair)");
		Outcome validate = command("validate", "--migrations.on-checksum-mismatch=fail");
		assertThat(validate.exitCode()).isZero();
		assertThat(validate.output().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("declare a checksum that schema_migrations does not record: [5 \"Index names\"]",
					"'repair' command");
		assertThat(command("migrate").exitCode()).isZero();
		assertThat(command("repair").output())
			.contains("re-recorded the checksum and description of 5 \"Index names\"");
		assertThat(jdbc().queryForObject("SELECT checksum FROM schema_migrations WHERE version = '5'", String.class))
			.isEqualTo("c5");
		assertThat(command("check").exitCode()).isZero();
	}

	@Test
	void changedDescriptionIsShownByStatusAndRecordedByRepair() {
		command("migrate");
		jdbc().update("UPDATE schema_migrations SET description = 'Add a price' WHERE version = '3'");
		assertThat(command("status").output()).containsPattern(
				"3 +Add price +bean +applied +.* ms +addPrice +description changed \\(recorded: \"Add a price\"\\)\n");
		assertThat(command("repair").output()).contains("re-recorded the checksum and description of 3 \"Add price\"");
		assertThat(jdbc().queryForObject("SELECT description FROM schema_migrations WHERE version = '3'", String.class))
			.isEqualTo("Add price");
		assertThat(command("status").output()).doesNotContain("description changed").doesNotContain("Notes");
	}

	@Test
	void validateFollowsTheUnknownVersionsPolicy() {
		command("migrate");
		jdbc().update("INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
				+ "execution_ms) VALUES ('9', 'From a newer release', 'JAVA', 'ci', CURRENT_TIMESTAMP, 1)");
		Outcome lenient = command("validate");
		assertThat(lenient.exitCode()).isZero();
		assertThat(lenient.output()).contains("Valid: 5 migration(s)",
				"records 1 version(s) this application does not know");
		Outcome strict = command("validate", "--migrations.on-unknown=fail");
		assertThat(strict.exitCode()).isOne();
		assertThat(strict.output()).contains("9 \"From a newer release\"");
	}

	@Test
	void repairRemovesUnknownVersionsOnlyWhenAsked() {
		command("migrate");
		jdbc().update("INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
				+ "execution_ms) VALUES ('9', 'From a newer release', 'JAVA', 'ci', CURRENT_TIMESTAMP, 1)");
		Outcome kept = command("repair");
		assertThat(kept.exitCode()).isZero();
		assertThat(kept.output()).contains("Unknown version(s) kept: 9 \"From a newer release\"",
				"--migrations.remove-unknown=true");
		assertThat(recorded()).contains("9");
		Outcome removed = command("repair", "--migrations.remove-unknown=true");
		assertThat(removed.output()).contains("removed unknown version(s) 9 \"From a newer release\"");
		assertThat(recorded()).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void rollbackByStepsRevertsTheNewestAndRemovesTheirRows() {
		command("migrate", "--migrations.target=3");
		CommandApplication.events.clear();
		Outcome rollback = command("rollback", "--migrations.steps=2");
		assertThat(rollback.exitCode()).isZero();
		assertThat(rollback.output())
			.contains("Rolled back 2 migration(s): 3 \"Add price\", 2 \"Seed items\". " + "Now at version 1.");
		assertThat(CommandApplication.events).containsExactly("rollback 3", "rollback 2");
		assertThat(recorded()).containsExactly("1");
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM items", Integer.class)).isZero();
		assertThat(command("migrate").exitCode()).isZero();
		assertThat(recorded()).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void rollbackToATargetKeepsTheTarget() {
		command("migrate", "--migrations.target=3");
		Outcome rollback = command("rollback", "--migrations.target=1");
		assertThat(rollback.exitCode()).isZero();
		assertThat(recorded()).containsExactly("1");
		assertThat(command("rollback", "--migrations.target=1").output())
			.contains("Nothing to roll back: no applied migration is above version 1.");
	}

	@Test
	void rollbackRangeWithAMigrationThatCannotBeRolledBackChangesNothing() {
		command("migrate");
		CommandApplication.events.clear();
		Outcome rollback = command("rollback", "--migrations.target=2");
		assertThat(rollback.exitCode()).isOne();
		assertThat(rollback.failure()).isInstanceOf(MigrationCommandException.class);
		assertThat(rollback.output()).contains("Cannot roll back 4 \"Rename items\" (bean 'renameItems'): "
				+ "no rollback is implemented. Nothing was changed.");
		assertThat(CommandApplication.events).isEmpty();
		assertThat(recorded()).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void rollbackOfAVersionTheApplicationDoesNotKnowIsRefused() {
		command("migrate");
		// Applied last, by a newer release
		jdbc().update(
				"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
						+ "execution_ms) VALUES ('9', 'From a newer release', 'JAVA', 'ci', ?, 1)",
				Timestamp.from(Instant.now().plusSeconds(60)));
		Outcome rollback = command("rollback", "--migrations.steps=1");
		assertThat(rollback.exitCode()).isOne();
		assertThat(rollback.output()).contains("Cannot roll back 9 \"From a newer release\"",
				"Run the rollback with the release of the application that applied them");
	}

	@Test
	void failedRollbackStopsAndKeepsTheMigrationRecorded() {
		command("migrate", "--migrations.target=3");
		Outcome rollback = command("rollback", "--migrations.steps=2", "--test.fail-rollback-3=true");
		assertThat(rollback.exitCode()).isOne();
		assertThat(rollback.output()).contains("Rolling back 3 \"Add price\" (bean 'addPrice') failed",
				"it is still recorded as applied", "Not attempted: [2 \"Seed items\"]");
		assertThat(recorded()).containsExactly("1", "2", "3");
	}

	@Test
	void markAppliedRecordsWithoutRunning() {
		command("migrate", "--migrations.target=1");
		CommandApplication.events.clear();
		Outcome mark = command("mark-applied", "--migrations.target=3");
		assertThat(mark.exitCode()).isZero();
		assertThat(mark.output()).contains(
				"Recorded 2 migration(s) as applied without running them: " + "2 \"Seed items\", 3 \"Add price\".");
		assertThat(CommandApplication.events).isEmpty();
		assertThat(jdbc().queryForList("SELECT type FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("JAVA", "MARKED", "MARKED");
		assertThat(command("status").output()).containsPattern("2 +Seed items +bean +applied \\(marked\\)");
	}

	@Test
	void markAppliedOfOneVersionRecordsJustIt() {
		command("migrate", "--migrations.target=1");
		CommandApplication.events.clear();
		Outcome mark = command("mark-applied", "--migrations.version=3");
		assertThat(mark.exitCode()).isZero();
		assertThat(mark.output()).contains("Recorded 3 \"Add price\" as applied without running it.");
		assertThat(recorded()).containsExactly("1", "3");
		assertThat(command("mark-applied", "--migrations.version=3").output())
			.contains("Nothing to record: version 3 is already recorded as applied.");
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void migrationRecordedAsFailedIsReportedAndRefusedUntilMarkedApplied() {
		command("migrate", "--migrations.target=1");
		recordFailedByHand("2", "Seed items");
		CommandApplication.events.clear();
		Outcome check = command("check");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("1 applied, 3 pending, 1 failed, ",
				"recorded as failed, part of it committed: 2 \"Seed items\"");
		assertThat(command("status").output())
			.containsPattern("2 +Seed items +bean +failed \\(part of it committed\\)");
		Outcome migrate = command("migrate");
		assertThat(migrate.exitCode()).isOne();
		assertThat(migrate.failure()).isInstanceOf(FailedMigrationsException.class);
		assertThat(migrate.output()).contains(
				"records a migration as failed after part of it had been committed: "
						+ "2 \"Seed items\" (bean 'seedItems')",
				"--migrations.command=mark-applied --migrations.version=2", "--migrations.command=repair");
		assertThat(command("mark-applied", "--migrations.target=3").output())
			.contains("2 \"Seed items\" is recorded as failed", "Nothing was changed.");
		assertThat(CommandApplication.events).isEmpty();
		assertThat(command("mark-applied", "--migrations.version=2").output())
			.contains("Recorded 2 \"Seed items\" as applied without running it.");
		assertThat(command("migrate").exitCode()).isZero();
		assertThat(CommandApplication.events).containsExactly("migrate 3", "migrate 4", "migrate 5");
		assertThat(jdbc().queryForObject("SELECT type FROM schema_migrations WHERE version = '2'", String.class))
			.isEqualTo("MARKED");
	}

	@Test
	void repairClearsAFailedRecordSoThatTheMigrationRunsAgain() {
		command("migrate", "--migrations.target=1");
		recordFailedByHand("2", "Seed items");
		assertThat(command("rollback", "--migrations.steps=1").output()).contains("Cannot roll back while",
				"recorded as failed");
		Outcome repair = command("repair");
		assertThat(repair.exitCode()).isZero();
		assertThat(repair.output()).contains("cleared the failed record of 2 \"Seed items\", which will run again");
		CommandApplication.events.clear();
		assertThat(command("migrate").exitCode()).isZero();
		assertThat(CommandApplication.events).containsExactly("migrate 2", "migrate 3", "migrate 4", "migrate 5");
	}

	/**
	 * Leave what a run that failed after part of a migration was committed leaves: its
	 * claimed, incomplete row.
	 */
	private void recordFailedByHand(String version, String description) {
		jdbc().update(
				"INSERT INTO schema_migrations (version, description, type, installed_by, installed_on, "
						+ "execution_ms) VALUES (?, ?, 'JAVA', 'deployer', CURRENT_TIMESTAMP, -1)",
				version, description);
	}

	@Test
	void showDescribesOneMigration() {
		command("migrate", "--migrations.target=2");
		Outcome show = command("show", "--migrations.version=2");
		assertThat(show.exitCode()).isZero();
		assertThat(show.output()).contains("Migration 2 \"Seed items\"")
			.containsPattern("State: +applied")
			.containsPattern("Origin: +bean 'seedItems' \\(")
			.containsPattern("Runs: +in a transaction")
			.containsPattern("Recorded type: +JAVA")
			.containsPattern("Applied: +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC by \\S+, took \\d+ ms");
		assertThat(command("show", "--migrations.version=4").output()).containsPattern("State: +pending")
			.containsPattern("Rollback: +no");
		Outcome unknown = command("show", "--migrations.version=9");
		assertThat(unknown.exitCode()).isOne();
		assertThat(unknown.output()).contains("'9' is not the version of any migration");
		assertRefused(command("show"), "show needs --migrations.version=<version>");
	}

	@Test
	void rollbackToBaseRevertsEveryMigration() {
		command("migrate", "--migrations.target=3");
		Outcome rollback = command("rollback", "--migrations.target=base");
		assertThat(rollback.exitCode()).isZero();
		assertThat(rollback.output()).contains("Rolled back 3 migration(s): 3 \"Add price\", 2 \"Seed items\", "
				+ "1 \"Create items\". Now at version none.");
		assertThat(recorded()).isEmpty();
		assertThat(command("rollback", "--migrations.target=base").output())
			.contains("Nothing to roll back: no migration is applied.");
	}

	@Test
	void unknownCommandNamesTheValidOnes() {
		Outcome outcome = command("statuz");
		assertThat(outcome.exitCode()).isOne();
		assertThat(outcome.output()).contains("'statuz' is not a migrations command: did you mean status?",
				"The commands are: migrate [--migrations.target=<version>], status, show "
						+ "--migrations.version=<version>, check, validate, rollback "
						+ "--migrations.target=<version>|base | --migrations.steps=<n>, mark-applied "
						+ "--migrations.target=<version> | --migrations.version=<version>, repair "
						+ "[--migrations.remove-unknown=true], diff [--migrations.output=<folder> "
						+ "[--migrations.description=<text>]] [--migrations.format=sql|java].");
	}

	@Test
	void conflictingOptionsAreRefusedBeforeAnythingIsChanged() {
		assertRefused(command("migrate", "--migrations.steps=2"), "--migrations.steps does not apply to migrate");
		assertRefused(command("status", "--migrations.target=2"), "--migrations.target does not apply to status");
		assertRefused(command("check", "--migrations.remove-unknown=true"),
				"--migrations.remove-unknown does not apply to check");
		assertRefused(command("rollback"), "rollback needs --migrations.target=<version>");
		assertRefused(command("rollback", "--migrations.target=1", "--migrations.steps=1"),
				"rollback takes --migrations.target or --migrations.steps, not both");
		assertRefused(command("rollback", "--migrations.steps=0"), "--migrations.steps must be 1 or more, not 0");
		assertRefused(command("mark-applied"), "mark-applied needs --migrations.target=<version>");
		assertRefused(command("mark-applied", "--migrations.target=2", "--migrations.version=2"),
				"mark-applied takes --migrations.target or --migrations.version, not both");
		assertRefused(command("status", "--migrations.version=2"), "--migrations.version does not apply to status");
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void unknownTargetVersionIsRefused() {
		Outcome outcome = command("migrate", "--migrations.target=7");
		assertThat(outcome.exitCode()).isOne();
		assertThat(outcome.output()).contains("'7' is not the version of any migration",
				"Give one of these versions: 1, 2, 3, 4, 5 (--migrations.command=status lists them all).");
		assertThat(CommandApplication.events).isEmpty();
	}

	@Test
	void rollbackOfMoreStepsThanAppliedIsRefused() {
		command("migrate", "--migrations.target=2");
		Outcome outcome = command("rollback", "--migrations.steps=3");
		assertThat(outcome.exitCode()).isOne();
		assertThat(outcome.output()).contains("Cannot roll back 3 migration(s): only 2 are applied");
		assertThat(recorded()).containsExactly("1", "2");
	}

	private void assertRefused(Outcome outcome, String reason) {
		assertThat(outcome.exitCode()).isOne();
		assertThat(outcome.failure()).isInstanceOf(MigrationCommandException.class);
		assertThat(outcome.output()).contains("APPLICATION FAILED TO START", reason, "The commands are:");
	}

	protected List<String> recorded() {
		List<String> versions = new ArrayList<>(
				jdbc().queryForList("SELECT version FROM schema_migrations", String.class));
		versions.sort(null);
		return versions;
	}

	protected JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	protected Outcome command(String name, String... args) {
		List<String> arguments = new ArrayList<>(List.of(arguments(args)));
		arguments.add("--migrations.command=" + name);
		return run(application(), arguments.toArray(new String[0]));
	}

	private SpringApplication application() {
		return new SpringApplication(CommandApplication.class);
	}

	private String[] arguments(String... args) {
		List<String> arguments = new ArrayList<>();
		databaseProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--migrations.exit-after-command=false");
		arguments.addAll(List.of(args));
		return arguments.toArray(new String[0]);
	}

	private Outcome run(SpringApplication application, String[] arguments) {
		AtomicInteger published = new AtomicInteger(-1);
		application.addListeners((ApplicationListener<ExitCodeEvent>) (event) -> published.set(event.getExitCode()));
		int start = this.output.getOut().length();
		try {
			ConfigurableApplicationContext context = application.run(arguments);
			int exitCode = SpringApplication.exit(context);
			return new Outcome(exitCode, this.output.getOut().substring(start), null);
		}
		catch (RuntimeException ex) {
			int exitCode = (published.get() != -1) ? published.get() : exitCodeOf(ex);
			return new Outcome(exitCode, this.output.getOut().substring(start), ex);
		}
	}

	private static int exitCodeOf(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ExitCodeGenerator generator) {
				return generator.getExitCode();
			}
		}
		return 0;
	}

	static class UnusedBean {

		UnusedBean() {
			CommandApplication.events.add("unused bean created");
		}

	}

	/**
	 * What a command run produced.
	 */
	protected record Outcome(int exitCode, String output, @Nullable Throwable failure) {

	}

}
