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
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationPrivilegeException;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.TestDatabase.DatabaseUser;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real database users without the privileges that the history table needs: refused before
 * any migration runs, told which {@code GRANT} to run, and the grant they are told works.
 * Run on every database that has users.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class MissingPrivilegeStartupTests extends AbstractTestDatabaseTests {

	private DatabaseUser user;

	@BeforeEach
	void createUser() {
		StartupApplication.events.clear();
		this.user = database().createUser();
		assumeTrue(this.user != null, "the database has no users");
	}

	@Test
	void userWhoMayNotCreateTheHistoryTableIsToldWhatToGrantAndThenStarts(CapturedOutput output) {
		assumeLockNeedsNoTable();
		MigrationPrivilegeException failure = failureReporting("may not create the history table " + table(), asUser());
		assertThat(failure.getUser()).isEqualTo(this.user.name());
		assertThat(failure.getGrant()).startsWith("GRANT ").endsWith(" TO " + this.user.name());
		assertThat(output).contains("APPLICATION FAILED TO START", failure.getGrant() + ";",
				"create the history table beforehand", "Nothing was applied");
		assertThat(StartupApplication.events).isEmpty();
		assertThat(tables()).isEmpty();
		database().execute(failure.getGrant());
		asUser().run().close();
		assertThat(StartupApplication.events).containsExactly("migrate 1");
		assertThat(versions()).containsExactly("1");
	}

	@Test
	void userWhoMayNotCreateTheHistorySchemaIsToldWhatToGrant(CapturedOutput output) {
		assumeLockNeedsNoTable();
		String schema = database().newSchemaName("history");
		MigrationPrivilegeException failure = failureReporting("may not create the schema " + schema,
				asUser().property("migrations.schema=" + schema));
		assertThat(failure.getUser()).isEqualTo(this.user.name());
		assertThat(failure.getGrant()).startsWith("GRANT ").endsWith(" TO " + this.user.name());
		assertThat(output).contains(failure.getGrant() + ";", "create the schema beforehand as a user who may",
				"Nothing was applied");
		assertThat(StartupApplication.events).isEmpty();
		assertThat(schemaExists(schema)).isFalse();
		database().execute(failure.getGrant());
		// Whether the migration itself may run is another matter
		catchThrowableOfType(RuntimeException.class,
				() -> asUser().property("migrations.schema=" + schema).run().close());
		assertThat(schemaExists(schema)).isTrue();
	}

	@Test
	void userWhoMayNotReadTheHistoryIsToldWhatToGrantAndThenStarts(CapturedOutput output) {
		asOwner().run().close();
		StartupApplication.events.clear();
		MigrationPrivilegeException failure = catchThrowableOfType(MigrationPrivilegeException.class,
				() -> asUser().run());
		assertThat(failure).hasMessageContaining(
				"The database user " + this.user.name() + " may not read the history table " + table() + ": ");
		assertThat(output).contains("APPLICATION FAILED TO START", failure.getGrant() + ";", "Nothing was applied");
		assertThat(StartupApplication.events).isEmpty();
		database().execute(failure.getGrant());
		asUser().run().close();
		assertThat(StartupApplication.events).isEmpty();
	}

	@Test
	void userWhoMayReadButNotWriteTheHistoryIsToldWhichPrivilegesToGrant(CapturedOutput output) {
		assumeLockNeedsNoTable();
		asOwner().run().close();
		database().execute("GRANT SELECT ON " + table() + " TO " + this.user.name());
		StartupApplication.events.clear();
		MigrationPrivilegeException failure = catchThrowableOfType(MigrationPrivilegeException.class,
				() -> asUser().migration("createAudit", (context) -> Migration.of("2", "Create audit", (migration) -> {
					StartupApplication.events.add("migrate 2");
					migration.jdbc().execute("CREATE TABLE audit (id INT)");
				})).run());
		assertThat(failure).hasMessageContaining("The database user " + this.user.name()
				+ " may read the history table " + table() + " but not record migrations in it");
		assertThat(failure.getGrant())
			.isEqualTo("GRANT INSERT, UPDATE, DELETE ON " + table() + " TO " + this.user.name());
		assertThat(output).contains(failure.getGrant() + ";", "Nothing was applied");
		assertThat(StartupApplication.events).isEmpty();
		assertThat(versions()).containsExactly("1");
	}

	/**
	 * Skip a test on a database whose lock is a row of a lock table: the user needs the
	 * privileges on that table before those on the history table, and a failure there is
	 * not yet reported as a missing privilege.
	 */
	private void assumeLockNeedsNoTable() {
		assumeTrue(database().lockSessions() != null,
				"the row lock's table is created and read before the history table, and a missing privilege on it "
						+ "is not yet reported as such");
	}

	/**
	 * Start the application, running each {@code GRANT} it asks for, until it reports the
	 * expected missing privilege: a database that hides what a user may not read (MariaDB
	 * answers "may not read" for a table that does not exist) asks for another privilege
	 * first.
	 */
	private MigrationPrivilegeException failureReporting(String expected, Application application) {
		List<String> reports = new ArrayList<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			MigrationPrivilegeException failure = catchThrowableOfType(MigrationPrivilegeException.class,
					application::run);
			assertThat(failure).as("start %d after %s", attempt + 1, reports).isNotNull();
			if (failure.getMessage().contains(expected)) {
				return failure;
			}
			reports.add(failure.getMessage());
			database().execute(failure.getGrant());
		}
		throw new AssertionError("No report says '" + expected + "': " + reports);
	}

	private List<String> versions() {
		return new JdbcTemplate(database().dataSource()).queryForList("SELECT version FROM " + table(), String.class);
	}

	private List<String> tables() {
		return new JdbcTemplate(database().dataSource()).queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = ?", String.class,
				database().schema());
	}

	private boolean schemaExists(String schema) {
		return new JdbcTemplate(database().dataSource()).queryForObject(
				"SELECT COUNT(*) FROM information_schema.schemata WHERE LOWER(schema_name) = LOWER(?)", Integer.class,
				schema) > 0;
	}

	private String table() {
		return database().schema() + ".schema_migrations";
	}

	private Application asOwner() {
		return withMigration(new Application(database().springProperties()));
	}

	private Application asUser() {
		return withMigration(new Application(this.user.springProperties()));
	}

	private static Application withMigration(Application application) {
		return application.property("spring.jpa.hibernate.ddl-auto=none")
			.migration("createItems", (context) -> Migration.of("1", "Create items", (migration) -> {
				StartupApplication.events.add("migrate 1");
				migration.jdbc().execute("CREATE TABLE items (id INT)");
			}));
	}

}
