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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationPrivilegeException;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real start on H2 as a database user that may not read the history table: H2 says "not
 * enough rights" in a SQL state of its own, and the report names the privilege.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class H2MissingPrivilegeStartupTests {

	private final H2Database database = H2Database.create();

	@Test
	void userWhoMayNotReadTheHistoryIsToldWhichPrivilegeToGrant(CapturedOutput output) {
		app(this.database.springProperties()).run().close();
		new JdbcTemplate(this.database.dataSource()).execute("CREATE USER app PASSWORD 'app'");
		StartupApplication.events.clear();
		MigrationPrivilegeException failure = catchThrowableOfType(MigrationPrivilegeException.class,
				() -> app(List.of("spring.datasource.url=" + userUrl(), "spring.datasource.username=app",
						"spring.datasource.password=app", "spring.jpa.hibernate.ddl-auto=none"))
					.run());
		assertThat(failure.getUser()).isEqualTo("APP");
		assertThat(failure.getGrant()).isEqualTo("GRANT SELECT ON PUBLIC.schema_migrations TO APP");
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The database user APP may not read the history table PUBLIC.schema_migrations: Not enough rights "
						+ "for object \"PUBLIC.SCHEMA_MIGRATIONS\" (SQL state 90096).",
				"GRANT SELECT ON PUBLIC.schema_migrations TO APP;", "Nothing was applied.");
		assertThat(StartupApplication.events).isEmpty();
	}

	/**
	 * Return the URL without its settings, which only an admin may change; the database
	 * stays open all the same.
	 */
	private String userUrl() {
		return this.database.url().substring(0, this.database.url().indexOf(';'));
	}

	private static Application app(List<String> properties) {
		return new Application(properties).migration("createItems",
				(context) -> Migration.of("1", "Create items", (migration) -> {
					StartupApplication.events.add("migrate 1");
					migration.jdbc().execute("CREATE TABLE items (id INT)");
				}));
	}

}
