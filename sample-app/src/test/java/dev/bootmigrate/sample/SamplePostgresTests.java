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
package dev.bootmigrate.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.test.MigrationChecklist;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample app on PostgreSQL, upgrading a database created before usernames existed.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL")
class SamplePostgresTests extends AbstractTestDatabaseTests {

	private static final String LEGACY_ACCOUNT = "CREATE TABLE account (id BIGSERIAL PRIMARY KEY, "
			+ "email VARCHAR(255) NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())";

	@Test
	void upgradesALegacyDatabaseAndThenFindsItUpToDate() {
		JdbcTemplate legacy = new JdbcTemplate(database().dataSource());
		legacy.execute("CREATE TABLE account (id BIGSERIAL PRIMARY KEY, email VARCHAR(255) NOT NULL, "
				+ "created_at TIMESTAMP NOT NULL DEFAULT now())");
		legacy
			.update("INSERT INTO account (email) VALUES ('ada@example.com'), ('alan@example.com'), ('ADA@other.org')");
		try (ConfigurableApplicationContext context = run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT username FROM account ORDER BY id", String.class))
				.containsExactly("ada", "alan", "ada2");
			assertThat(columns(jdbc)).containsEntry("username", "NO")
				.containsEntry("email", "YES")
				.containsEntry("settings", "NO");
			assertThat(jdbc.queryForObject(
					"SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
							+ "AND table_name = 'account' AND column_name = 'settings'",
					String.class))
				.isEqualTo("jsonb");
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM information_schema.table_constraints "
							+ "WHERE table_schema = current_schema() AND constraint_name = 'uk_account_username'",
					Integer.class))
				.isOne();
		}
		try (ConfigurableApplicationContext context = run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
				.containsExactly("1", "2", "3", "4", "5", "6");
		}
	}

	@Test
	void databaseThatAScriptAlreadyMigratedIsRecordedWithEachMigrationSkippedAndWhy(CapturedOutput output) {
		new JdbcTemplate(database().dataSource())
			.execute("CREATE TABLE account (id BIGSERIAL PRIMARY KEY, email VARCHAR(255), "
					+ "username VARCHAR(100) NOT NULL CONSTRAINT uk_account_username UNIQUE, "
					+ "created_at TIMESTAMP NOT NULL DEFAULT now(), settings JSONB NOT NULL DEFAULT '{}'::jsonb)");
		try (ConfigurableApplicationContext context = run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
				.containsExactly("1", "2", "3", "4", "5", "6");
		}
		assertThat(output.getOut()).contains(AlreadyMigrated.SKIPPED_LINES);
	}

	@Test
	void productionPatternTheServiceWaitsForTheMigrateJob() {
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> run("--spring.profiles.active=production").close())
			.satisfies((ex) -> assertThat(ex.getPending()).hasSize(6));
		try (ConfigurableApplicationContext job = run("--migrations.command=migrate",
				"--migrations.exit-after-command=false")) {
			assertThat(SpringApplication.exit(job)).isZero();
		}
		try (ConfigurableApplicationContext service = run("--spring.profiles.active=production")) {
			assertThat(service.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM schema_migrations", Integer.class)).isEqualTo(6);
		}
	}

	@Test
	void migrateJobWithTheProductionProfileDumpsTheDatabaseBeforeApplyingAnything(@TempDir Path backups)
			throws Exception {
		database().execute(LEGACY_ACCOUNT);
		String[] job = { "--spring.profiles.active=production", "--sample.backup.directory=" + backups,
				"--migrations.command=migrate", "--migrations.exit-after-command=false" };
		try (ConfigurableApplicationContext migrate = run(job)) {
			assertThat(SpringApplication.exit(migrate)).isZero();
		}
		try (Stream<Path> files = Files.list(backups)) {
			List<Path> dumps = files.toList();
			assertThat(dumps).hasSize(1);
			Path dump = dumps.get(0);
			assertThat(dump.getFileName().toString()).endsWith("-before-1.dump");
			Process list = new ProcessBuilder("pg_restore", "--list", dump.toString()).redirectErrorStream(true)
				.start();
			assertThat(new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.containsPattern("TABLE " + database().schema() + " account ");
			assertThat(list.waitFor()).isZero();
		}
		try (ConfigurableApplicationContext upToDate = run(job)) {
			assertThat(SpringApplication.exit(upToDate)).isZero();
		}
		try (Stream<Path> files = Files.list(backups)) {
			assertThat(files).as("no dump when nothing is pending").hasSize(1);
		}
	}

	@Test
	void failedBackupStopsTheMigrateJobBeforeAnythingIsApplied(@TempDir Path backups, CapturedOutput output)
			throws Exception {
		database().execute(LEGACY_ACCOUNT);
		try (Connection blocker = database().dataSource().getConnection()) {
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("LOCK TABLE account IN ACCESS EXCLUSIVE MODE");
			int exitCode;
			try (ConfigurableApplicationContext migrate = run("--spring.profiles.active=production",
					"--sample.backup.directory=" + backups, "--sample.backup.lock-wait-timeout=1s",
					"--spring.jpa.hibernate.ddl-auto=none", "--migrations.command=migrate",
					"--migrations.exit-after-command=false")) {
				exitCode = SpringApplication.exit(migrate);
			}
			catch (RuntimeException ex) {
				exitCode = -1;
			}
			assertThat(exitCode).isNotZero();
			blocker.rollback();
		}
		assertThat(output.getOut()).contains("failed before migrating", "pg_dump exited with 1",
				"canceling statement due to statement timeout", "account IN ACCESS SHARE MODE", "Nothing was applied");
		assertThat(new JdbcTemplate(database().dataSource()).queryForObject("SELECT COUNT(*) FROM schema_migrations",
				Integer.class))
			.isZero();
		assertThat(backups).isEmptyDirectory();
	}

	@Test
	void rollbackRevertsTheNewestMigrations() {
		run().close();
		try (ConfigurableApplicationContext rollback = run("--migrations.command=rollback", "--migrations.target=3",
				"--migrations.exit-after-command=false")) {
			assertThat(SpringApplication.exit(rollback)).isZero();
		}
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2", "3");
		assertThat(columns(jdbc)).doesNotContainKey("settings").containsEntry("email", "NO");
	}

	@Test
	void migrationsPassThePreDeployChecklist() {
		database().execute("CREATE TABLE account (id BIGSERIAL PRIMARY KEY, "
				+ "email VARCHAR(255) NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
		try (ConfigurableApplicationContext context = run("--migrations.auto-migrate=false",
				"--spring.jpa.hibernate.ddl-auto=none")) {
			MigrationChecklist.verify(context);
		}
	}

	private static Map<String, String> columns(JdbcTemplate jdbc) {
		Map<String, String> columns = new java.util.HashMap<>();
		jdbc.query(
				"SELECT column_name, is_nullable FROM information_schema.columns "
						+ "WHERE table_schema = current_schema() AND table_name = 'account'",
				(RowCallbackHandler) (row) -> columns.put(row.getString(1), row.getString(2)));
		return columns;
	}

	private ConfigurableApplicationContext run(String... extra) {
		List<String> args = new java.util.ArrayList<>(
				database().springProperties().stream().map((property) -> "--" + property).toList());
		args.add("--server.port=0");
		args.addAll(List.of(extra));
		return SpringApplication.run(SampleApplication.class, args.toArray(new String[0]));
	}

}
