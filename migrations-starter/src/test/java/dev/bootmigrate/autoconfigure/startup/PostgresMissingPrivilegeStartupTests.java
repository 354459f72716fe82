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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.PostgresExtension;
import dev.bootmigrate.testsupport.PostgresSchema;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real starts on PostgreSQL as a database user that lacks a privilege the starter needs:
 * the report names the privilege, the user and the history table, and nothing is applied.
 * Each test creates its own login role and drops it afterwards.
 *
 * @author the bootmigrate authors
 */
@ExtendWith({ PostgresExtension.class, OutputCaptureExtension.class })
class PostgresMissingPrivilegeStartupTests {

	private final String role = "bm_app_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	private PostgresSchema schema;

	@BeforeEach
	void createRole(PostgresSchema schema) throws SQLException {
		this.schema = schema;
		StartupApplication.events.clear();
		asOwner("CREATE ROLE " + this.role + " LOGIN PASSWORD 'bm'",
				"GRANT USAGE ON SCHEMA " + schema.name() + " TO " + this.role);
	}

	@AfterEach
	void dropRole() throws SQLException {
		asOwner("DROP SCHEMA IF EXISTS " + historySchema() + " CASCADE", "DROP OWNED BY " + this.role,
				"DROP ROLE " + this.role);
	}

	@Test
	void userWhoMayNotCreateTheHistoryTableIsToldWhichPrivilegeToGrant(CapturedOutput output) {
		MigrationException failure = catchThrowableOfType(MigrationException.class, () -> asRole().run());
		assertThat(failure).hasMessageContaining(this.role).hasMessageContaining(table());
		assertThat(output).contains("APPLICATION FAILED TO START", "may not create the history table " + table(),
				"GRANT CREATE ON SCHEMA " + this.schema.name() + " TO " + this.role,
				"create the history table beforehand", "Nothing was applied");
		assertNothingApplied();
	}

	@Test
	void userWhoMayNotCreateTheHistorySchemaIsToldWhichPrivilegeToGrant(CapturedOutput output) {
		MigrationException failure = catchThrowableOfType(MigrationException.class,
				() -> asRole().property("migrations.schema=" + historySchema()).run());
		assertThat(failure).hasMessageContaining(this.role).hasMessageContaining(historySchema());
		assertThat(output).contains("may not create the schema " + historySchema(), "GRANT CREATE ON DATABASE ",
				" TO " + this.role, "CREATE SCHEMA " + historySchema() + " AUTHORIZATION " + this.role,
				"Nothing was applied");
		assertThat(jdbc().queryForObject("SELECT to_regnamespace(?) IS NULL", Boolean.class, historySchema())).isTrue();
		assertNothingApplied();
	}

	@Test
	void userWhoMayReadButNotWriteTheHistoryIsToldWhichPrivilegesToGrant(CapturedOutput output) throws SQLException {
		asOwner().run().close();
		asOwner("GRANT SELECT ON " + table() + " TO " + this.role);
		StartupApplication.events.clear();
		MigrationException failure = catchThrowableOfType(MigrationException.class,
				() -> asRole().migration("createAudit", (context) -> Migration.of("2", "Create audit", (migration) -> {
					StartupApplication.events.add("migrate 2");
					migration.jdbc().execute("CREATE TABLE audit (id INT)");
				})).run());
		assertThat(failure).hasMessageContaining(this.role).hasMessageContaining(table());
		assertThat(output).contains("may read the history table " + table() + " but not record migrations in it",
				"GRANT INSERT, UPDATE, DELETE ON " + table() + " TO " + this.role, "Nothing was applied");
		assertThat(StartupApplication.events).isEmpty();
		assertThat(jdbc().queryForList("SELECT version FROM " + table(), String.class)).containsExactly("1");
	}

	@Test
	void userWhoMayNotReadTheHistoryIsToldWhichPrivilegeToGrant(CapturedOutput output) {
		asOwner().run().close();
		StartupApplication.events.clear();
		MigrationException failure = catchThrowableOfType(MigrationException.class, () -> asRole().run());
		assertThat(failure).hasMessageContaining(this.role).hasMessageContaining(table());
		assertThat(output).contains("may not read the history table " + table(),
				"GRANT SELECT ON " + table() + " TO " + this.role);
		assertThat(StartupApplication.events).isEmpty();
	}

	private void assertNothingApplied() {
		assertThat(StartupApplication.events).isEmpty();
		assertThat(jdbc().queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ?", String.class,
				this.schema.name()))
			.isEmpty();
	}

	private Application asOwner() {
		return withMigration(new Application(this.schema.springProperties()));
	}

	private Application asRole() {
		List<String> properties = new ArrayList<>();
		properties.add("spring.datasource.url=" + this.schema.url().replaceAll("([?&])user=[^&]*&?", "$1"));
		properties.add("spring.datasource.username=" + this.role);
		properties.add("spring.datasource.password=bm");
		return withMigration(new Application(properties));
	}

	private static Application withMigration(Application application) {
		return application.migration("createItems", (context) -> Migration.of("1", "Create items", (migration) -> {
			StartupApplication.events.add("migrate 1");
			migration.jdbc().execute("CREATE TABLE items (id INT)");
		}));
	}

	private String table() {
		return this.schema.name() + ".schema_migrations";
	}

	private String historySchema() {
		return this.schema.name() + "_history";
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.schema.dataSource());
	}

	private void asOwner(String... statements) throws SQLException {
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
