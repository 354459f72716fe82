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

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.autoconfigure.startup.StartupContractTests.Application;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real starts of an application whose connection pool hands out connections with
 * auto-commit off ({@code spring.datasource.hikari.auto-commit=false}): the history is
 * read, created and written as with the default pool. Run once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class AutoCommitOffStartupTests extends AbstractTestDatabaseTests {

	private List<String> databaseProperties() {
		return database().springProperties();
	}

	private DataSource dataSource() {
		return database().dataSource();
	}

	/**
	 * Return a statement that must run outside a transaction on this database, or may.
	 * @return the statement
	 */
	private String createIndexOutsideATransaction() {
		return database().concurrentIndexBuilds() ? "CREATE INDEX CONCURRENTLY items_name ON items (name)"
				: "CREATE INDEX items_name ON items (name)";
	}

	@BeforeEach
	void clearEvents() {
		StartupApplication.events.clear();
	}

	@Test
	void firstStartCreatesTheHistoryAndCommitsEveryRowAndTheSecondFindsItUpToDate() {
		try (ConfigurableApplicationContext context = app().run()) {
			assertThat(context.getBean(HikariDataSource.class).isAutoCommit()).isFalse();
		}
		assertThat(StartupApplication.events).containsExactly("migrate 1", "migrate 2");
		assertThat(committed("schema_migrations")).containsExactly("1 JAVA", "2 JAVA_NO_TX");
		app().run().close();
		assertThat(StartupApplication.events).containsExactly("migrate 1", "migrate 2");
		assertThat(committed("schema_migrations")).containsExactly("1 JAVA", "2 JAVA_NO_TX");
	}

	@Test
	void firstStartCreatesAndCommitsTheHistorySchemaToo() {
		assumeTrue(database().schemas(), "the database has no schemas");
		String newSchema = database().newSchemaName("history");
		app().property("migrations.schema=" + newSchema).run().close();
		assertThat(committed(newSchema + ".schema_migrations")).containsExactly("1 JAVA", "2 JAVA_NO_TX");
		app().property("migrations.schema=" + newSchema).run().close();
		assertThat(StartupApplication.events).containsExactly("migrate 1", "migrate 2");
	}

	private List<String> committed(String table) {
		return new JdbcTemplate(dataSource())
			.queryForList("SELECT CONCAT(version, ' ', type) FROM " + table + " ORDER BY version", String.class);
	}

	private Application app() {
		return new Application(databaseProperties()).property("spring.datasource.hikari.auto-commit=false")
			.migration("createItems", (context) -> Migration.of("1", "Create items", (migration) -> {
				StartupApplication.events.add("migrate 1");
				migration.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))");
			}))
			.migration("indexItems", (context) -> new IndexItems(createIndexOutsideATransaction()));
	}

	/**
	 * A migration that runs without a transaction.
	 */
	private static final class IndexItems implements Migration {

		private final String sql;

		IndexItems(String sql) {
			this.sql = sql;
		}

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "Index items";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void migrate(MigrationContext context) {
			StartupApplication.events.add("migrate 2");
			context.jdbc().execute(this.sql);
		}

	}

}
