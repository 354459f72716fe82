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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.InvalidIndexException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.InterruptedIndexBuild;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real starts on PostgreSQL after a {@code CREATE INDEX CONCURRENTLY} was interrupted and
 * left an invalid index, which the migration's {@code IF NOT EXISTS} then skips: the
 * migration fails and is not recorded, and the report says how to recover.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL")
@ExtendWith(OutputCaptureExtension.class)
class PostgresInterruptedIndexBuildStartupTests extends AbstractTestDatabaseTests {

	@Test
	void migrationThatSkipsAnInvalidIndexFailsIsNotRecordedAndRunsAgainOnceTheIndexIsDropped(CapturedOutput output)
			throws Exception {
		app().run().close();
		InterruptedIndexBuild.leaveInvalid(database(), "items", "items_name", "name");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> app().migration("indexItemNames", (context) -> new IndexItemNames()).run());
		String index = database().schema() + ".items_name";
		assertThat(failure.getMigration().version()).isEqualTo("2");
		assertThat(failure.getCause()).isInstanceOfSatisfying(InvalidIndexException.class,
				(invalid) -> assertThat(invalid.getDropStatements())
					.containsExactly("DROP INDEX CONCURRENTLY " + index + ";"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Migration 2 \"Index item names\" (bean 'indexItemNames') failed",
				index + " on " + database().schema() + ".items", "Nothing was recorded for version 2",
				"DROP INDEX CONCURRENTLY " + index + ";");
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1");
		jdbc().execute("DROP INDEX CONCURRENTLY " + index);
		app().migration("indexItemNames", (context) -> new IndexItemNames()).run().close();
		assertThat(jdbc().queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2");
		assertThat(jdbc().queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)",
				Boolean.class, index))
			.isTrue();
	}

	private Application app() {
		return new Application(database().springProperties()).migration("createItems",
				(context) -> Migration.of("1", "Create items",
						(migration) -> migration.jdbc().execute("CREATE TABLE items (id INT, name VARCHAR(50))")));
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database().dataSource());
	}

	/**
	 * The example of the getting started guide: an index built concurrently, outside a
	 * transaction, and safe to run again.
	 */
	private static final class IndexItemNames implements Migration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "Index item names";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void migrate(MigrationContext context) {
			context.jdbc().execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name ON items (name)");
		}

	}

}
