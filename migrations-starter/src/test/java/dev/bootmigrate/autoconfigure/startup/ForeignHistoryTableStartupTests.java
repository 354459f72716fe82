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

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.IncompatibleHistoryTableException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real starts against a database that already has a table of the history table's name,
 * with other columns: another tool's {@code schema_migrations}. The start is refused
 * before any migration runs, and the table is left as it is. Run once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class ForeignHistoryTableStartupTests extends AbstractTestDatabaseTests {

	private static final String EXPECTED = "version, description, type, checksum, installed_by, installed_on, "
			+ "execution_ms";

	private List<String> databaseProperties() {
		return database().springProperties();
	}

	private DataSource dataSource() {
		return database().dataSource();
	}

	private String schema() {
		return database().schema();
	}

	@BeforeEach
	void clearEvents() {
		StartupApplication.events.clear();
	}

	@Test
	void railsSchemaMigrationsTableIsRefusedBeforeAnyMigrationRuns(CapturedOutput output) {
		jdbc().execute("CREATE TABLE schema_migrations (version VARCHAR(255) NOT NULL PRIMARY KEY)");
		jdbc().update("INSERT INTO schema_migrations (version) VALUES ('20240101120000')");
		IncompatibleHistoryTableException failure = catchThrowableOfType(IncompatibleHistoryTableException.class,
				() -> app().run());
		assertThat(failure.getTable()).isEqualTo(schema() + ".schema_migrations");
		assertThat(failure.getColumns()).containsExactly("version");
		assertThat(String.join(", ", failure.getExpectedColumns())).isEqualTo(EXPECTED);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The table " + schema() + ".schema_migrations is not a history table of this starter",
				"it has the column version, where a history table has " + EXPECTED,
				"Nothing was applied, and the table was left as it is.", "set migrations.table to another name");
		assertLeftAsItWas("version");
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations", String.class))
			.containsExactly("20240101120000");
	}

	@Test
	void tableWithOtherColumnsAltogetherIsRefusedBeforeAnyMigrationRuns(CapturedOutput output) {
		jdbc().execute("CREATE TABLE schema_migrations (id INT, name VARCHAR(50))");
		IncompatibleHistoryTableException failure = catchThrowableOfType(IncompatibleHistoryTableException.class,
				() -> app().run());
		assertThat(failure.getColumns()).containsExactly("id", "name");
		assertThat(output).contains("it has the columns id, name, where a history table has " + EXPECTED);
		assertLeftAsItWas("id", "name");
	}

	@Test
	void tableWithTheColumnsAStartReadsButNotTheOthersIsRefusedBeforeAnyMigrationRuns() {
		jdbc().execute("CREATE TABLE schema_migrations (version VARCHAR(50), checksum VARCHAR(64))");
		IncompatibleHistoryTableException failure = catchThrowableOfType(IncompatibleHistoryTableException.class,
				() -> app().run());
		assertThat(failure.getColumns()).containsExactly("version", "checksum");
		assertThat(failure)
			.hasMessageContaining("missing: description, type, installed_by, installed_on, " + "execution_ms");
		assertLeftAsItWas("version", "checksum");
	}

	private void assertLeftAsItWas(String... columns) {
		assertThat(StartupApplication.events).isEmpty();
		assertThat(database().columns("schema_migrations")).containsExactly(columns);
		assertThat(database().tableExists("items")).isFalse();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	private Application app() {
		return new Application(databaseProperties()).migration("createItems",
				(context) -> Migration.of("1", "Create items", (migration) -> {
					StartupApplication.events.add("migrate 1");
					migration.jdbc().execute("CREATE TABLE items (id INT)");
				}));
	}

}
