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
package dev.bootmigrate.autoconfigure.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The startup contract on real {@code SpringApplication} runs of a JPA application:
 * migrations run after schema creation, before the application's own runners, and take
 * part in the transaction together with the application's JDBC and JPA access. Run once
 * per database.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class StartupContractTests extends AbstractTestDatabaseTests {

	private List<String> databaseProperties() {
		return database().springProperties();
	}

	@BeforeEach
	void clearEvents() {
		StartupApplication.events.clear();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "spring.main.lazy-initialization=false", "spring.main.lazy-initialization=true",
			"spring.data.jpa.repositories.bootstrap-mode=deferred" })
	void runsAfterHibernateCreatedTheSchema(String setup) {
		try (ConfigurableApplicationContext context = app().property("spring.jpa.hibernate.ddl-auto=create")
			.property(setup)
			.migration("addUsername", (ctx) -> Migration.of("1", "Add username",
					(migration) -> migration.jdbc().execute("ALTER TABLE app_user ADD COLUMN username VARCHAR(100)")))
			.run()) {
			assertThat(columns(context, "app_user")).contains("username");
		}
	}

	@ParameterizedTest(name = "lazy-initialization={0}")
	@ValueSource(booleans = { false, true })
	void runsAfterSchemaSql(boolean lazy) {
		try (ConfigurableApplicationContext context = app().property("spring.sql.init.mode=always")
			.property("spring.sql.init.schema-locations=classpath:startup/schema.sql")
			.property("spring.main.lazy-initialization=" + lazy)
			.migration("seedNotes",
					(ctx) -> Migration.of("1", "Seed notes",
							(migration) -> migration.jdbc().update("INSERT INTO notes (id, body) VALUES (1, 'hello')")))
			.run()) {
			assertThat(jdbc(context).queryForObject("SELECT body FROM notes", String.class)).isEqualTo("hello");
		}
	}

	@Test
	void runsAfterDataSqlDeferredUntilHibernateCreatedTheSchema() {
		try (ConfigurableApplicationContext context = app().property("spring.jpa.hibernate.ddl-auto=create")
			.property("spring.jpa.defer-datasource-initialization=true")
			.property("spring.sql.init.mode=always")
			.property("spring.sql.init.data-locations=classpath:startup/data.sql")
			.migration("renameAda",
					(ctx) -> Migration.of("1", "Rename Ada",
							(migration) -> assertThat(migration.jdbc()
								.update("UPDATE app_user SET email = 'ada@lovelace.dev' WHERE id = 1")).isOne()))
			.run()) {
			assertThat(jdbc(context).queryForObject("SELECT email FROM app_user", String.class))
				.isEqualTo("ada@lovelace.dev");
		}
	}

	@Test
	void applicationRunnersWithTheDefaultOrderRunAfterMigrations() {
		try (ConfigurableApplicationContext context = app().property("spring.jpa.hibernate.ddl-auto=create")
			.migration("createAudit", (ctx) -> Migration.of("1", "Create audit", (migration) -> {
				StartupApplication.events.add("migration");
				migration.jdbc().execute("CREATE TABLE audit (id INT)");
			}))
			.bean("userRunner", ApplicationRunner.class, (ctx) -> (args) -> {
				StartupApplication.events.add("runner saw "
						+ jdbc(ctx).queryForObject("SELECT COUNT(*) FROM schema_migrations", Integer.class));
			})
			.run()) {
			assertThat(StartupApplication.events).containsExactly("migration", "runner saw 1");
		}
	}

	@Test
	void jpaRepositoryInAMigrationTakesPartInItsTransaction() {
		Function<ApplicationContext, Migration> failing = (ctx) -> Migration.of("1", "Seed users then fail",
				(migration) -> {
					ctx.getBean(AppUserRepository.class).saveAndFlush(new AppUser(1L, "ada@example.com"));
					migration.jdbc().update("INSERT INTO app_user (id, email) VALUES (2, 'grace@example.com')");
					throw new IllegalStateException("boom");
				});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> app().property("spring.jpa.hibernate.ddl-auto=update")
				.migration("seedUsers", failing)
				.run()
				.close());
		try (ConfigurableApplicationContext context = app().property("spring.jpa.hibernate.ddl-auto=update")
			.migration("seedUsers", (ctx) -> Migration.of("1", "Seed users", (migration) -> {
				assertThat(ctx.getBean(AppUserRepository.class).count()).isZero();
				ctx.getBean(AppUserRepository.class).saveAndFlush(new AppUser(1L, "ada@example.com"));
				JdbcClient client = ctx.getBean(JdbcClient.class);
				client.sql("INSERT INTO app_user (id, email) VALUES (2, 'grace@example.com')").update();
				assertThat(client.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single()).isEqualTo(2);
			}))
			.run()) {
			assertThat(jdbc(context).queryForObject("SELECT COUNT(*) FROM app_user", Integer.class)).isEqualTo(2);
		}
	}

	@Test
	void autoMigrateOffAppliesNothingAndListsThePendingMigrationsInOneWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = app().property("migrations.auto-migrate=false")
			.migration("one",
					(ctx) -> Migration.of("1", "Create one",
							(migration) -> migration.jdbc().execute("CREATE TABLE one (id INT)")))
			.migration("two",
					(ctx) -> Migration.of("2", "Create two",
							(migration) -> migration.jdbc().execute("CREATE TABLE two (id INT)")))
			.run()) {
			assertThat(List.of("one", "two", "schema_migrations")).noneMatch(database()::tableExists);
		}
		// The MariaDB driver logs each error the server returns, such as the missing
		// history table a first start expects, at WARN
		List<String> warnings = output.getOut()
			.lines()
			.filter((line) -> line.contains("WARN") && !line.contains("o.m.jdbc.message.server.ErrorPacket"))
			.toList();
		assertThat(warnings).singleElement()
			.asString()
			.contains("migrations.auto-migrate=false", "2 migration(s) are pending", "1 \"Create one\"",
					"2 \"Create two\"", "--migrations.command=migrate");
	}

	@Test
	void changedChecksumStopsStartupUnlessToldOtherwise() {
		app().migration("checked", (ctx) -> checksummed("original")).run().close();
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> app().migration("checked", (ctx) -> checksummed("edited")).run().close())
			.satisfies((ex) -> assertThat(ex.getChecksumMismatches()).extracting(MigrationRef::version)
				.containsExactly("1"));
		app().property("migrations.on-checksum-mismatch=warn")
			.migration("checked", (ctx) -> checksummed("edited"))
			.run()
			.close();
	}

	@Test
	void historySchemaIsRefusedWhereTheDatabaseHasNoSchemas(CapturedOutput output) {
		assumeFalse(database().schemas(), "the database has schemas");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> app().property("migrations.schema=history")
				.migration("one",
						(ctx) -> Migration.of("1", "Create one",
								(migration) -> migration.jdbc().execute("CREATE TABLE one (id INT)")))
				.run()
				.close())
			.withMessageContaining("migrations.schema is set to 'history', but SQLite has no schemas")
			.withMessageContaining("Remove migrations.schema");
		assertThat(output).contains("APPLICATION FAILED TO START");
		assertThat(List.of("one", "schema_migrations", "schema_migrations_lock")).noneMatch(database()::tableExists);
	}

	@Test
	void unknownVersionsStopStartupOnlyWhenAsked(CapturedOutput output) {
		app().migration("one", (ctx) -> Migration.of("1", "One", (migration) -> {
		})).migration("two", (ctx) -> Migration.of("2", "Two", (migration) -> {
		})).run().close();
		app().migration("one", (ctx) -> Migration.of("1", "One", (migration) -> {
		})).run().close();
		assertThat(output).contains("records 1 version(s) this application does not know: [2 \"Two\"]");
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> app().property("migrations.on-unknown=fail")
				.migration("one", (ctx) -> Migration.of("1", "One", (migration) -> {
				}))
				.run()
				.close())
			.satisfies((ex) -> assertThat(ex.getUnknown()).extracting(MigrationRef::version).containsExactly("2"));
	}

	private static Migration checksummed(String checksum) {
		return new Migration() {

			@Override
			public String version() {
				return "1";
			}

			@Override
			public String description() {
				return "Create checked";
			}

			@Override
			public String checksum() {
				return checksum;
			}

			@Override
			public void migrate(dev.bootmigrate.MigrationContext context) {
				context.jdbc().execute("CREATE TABLE checked (id INT)");
			}

		};
	}

	@Test
	void logsEachMigrationWhenItStartsAndEndsASummaryAndOneLineWhenUpToDate(CapturedOutput output) {
		Application app = app()
			.migration("one",
					(ctx) -> Migration.of("1", "Create one",
							(migration) -> migration.jdbc().execute("CREATE TABLE one (id INT)")))
			.migration("two", (ctx) -> Migration.of("2", "Create two",
					(migration) -> migration.jdbc().execute("CREATE TABLE two (id INT)")));
		app.run().close();
		assertThat(output.getOut()).containsPattern("Applying 1/2: 1 \"Create one\"\\R")
			.containsPattern("Applied 1/2: 1 \"Create one\" in \\d+ ms")
			.containsPattern("Applying 2/2: 2 \"Create two\"\\R")
			.containsPattern("Applied 2/2: 2 \"Create two\" in \\d+ ms")
			.containsPattern("Applied 2 migrations to schema_migrations in \\d+ ms; now at version 2");
		app.run().close();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Schema is up to date"))).singleElement()
			.asString()
			.contains("version 2", "2 applied, none pending");
	}

	@Test
	void migrationThatFindsNothingToDoLogsSkippedWithItsReasonInsteadOfItsDuration(CapturedOutput output) {
		Application app = app()
			.migration("one",
					(ctx) -> Migration.of("1", "Create one",
							(migration) -> migration.jdbc().execute("CREATE TABLE one (id INT)")))
			.migration("two", (ctx) -> Migration.of("2", "Create one if missing", (migration) -> {
				if (migration.schema().tableExists("one")) {
					migration.skip("table one already exists");
					return;
				}
				migration.jdbc().execute("CREATE TABLE one (id INT)");
			}));
		try (ConfigurableApplicationContext context = app.run()) {
			assertThat(
					jdbc(context).queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
				.containsExactly("1", "2");
		}
		assertThat(output.getOut()).containsPattern("Applied 1/2: 1 \"Create one\" in \\d+ ms")
			.contains("Applied 2/2: 2 \"Create one if missing\" (skipped: table one already exists)")
			.containsPattern("Applied 2 migrations \\(1 skipped\\) to schema_migrations in \\d+ ms; now at version 2");
	}

	@Test
	void upToDateLineSaysTheNewestVersionTheApplicationKnowsAndTheNewerOnesItDoesNot(CapturedOutput output) {
		Application newer = app().migration("one", (ctx) -> Migration.of("1", "One", (migration) -> {
		})).migration("two", (ctx) -> Migration.of("2", "Two", (migration) -> {
		})).migration("three", (ctx) -> Migration.of("3", "Three", (migration) -> {
		}));
		newer.run().close();
		Application older = app().migration("one", (ctx) -> Migration.of("1", "One", (migration) -> {
		}));
		older.run().close();
		older.property("migrations.auto-migrate=false").run().close();
		assertThat(output.getOut().lines().filter((line) -> line.contains("up to date"))).hasSize(2)
			.allSatisfy(
					(line) -> assertThat(line).contains("up to date at version 1, the newest this application knows",
							"; the database also records 2, 3, unknown to it (applied by a newer release?)"))
			.anySatisfy((line) -> assertThat(line).contains("Schema is up to date at version 1, the newest this "
					+ "application knows (3 applied, none pending, checked in "))
			.anySatisfy((line) -> assertThat(line).contains("Automatic migration is off"));
	}

	protected static JdbcTemplate jdbc(ApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class));
	}

	protected List<String> columns(ApplicationContext context, String table) {
		return database().columns(table);
	}

	protected Application app() {
		return new Application(databaseProperties());
	}

	/**
	 * Builds a run of {@link StartupApplication}.
	 */
	protected static final class Application {

		private final List<String> properties = new ArrayList<>();

		private final Map<String, Registration<?>> beans = new LinkedHashMap<>();

		Application(List<String> databaseProperties) {
			this.properties.addAll(databaseProperties);
			this.properties.add("spring.main.banner-mode=off");
			this.properties.add("spring.jpa.open-in-view=false");
		}

		Application property(String property) {
			this.properties.add(property);
			return this;
		}

		Application migration(String name, Function<ApplicationContext, Migration> migration) {
			return bean(name, Migration.class, migration);
		}

		<T> Application bean(String name, Class<T> type, Function<ApplicationContext, T> factory) {
			this.beans.put(name, new Registration<>(type, factory));
			return this;
		}

		ConfigurableApplicationContext run(String... args) {
			SpringApplication application = new SpringApplication(StartupApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.addInitializers((context) -> this.beans
				.forEach((name, registration) -> registration.register((GenericApplicationContext) context, name)));
			List<String> arguments = new ArrayList<>(
					this.properties.stream().map((property) -> "--" + property).toList());
			arguments.addAll(List.of(args));
			return application.run(arguments.toArray(new String[0]));
		}

		private record Registration<T>(Class<T> type, Function<ApplicationContext, T> factory) {

			void register(GenericApplicationContext context, String name) {
				context.registerBean(name, this.type, () -> this.factory.apply(context));
			}

		}

	}

}
