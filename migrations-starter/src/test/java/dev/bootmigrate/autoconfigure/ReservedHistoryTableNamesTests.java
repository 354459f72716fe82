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
package dev.bootmigrate.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * History table and schema names that the databases reserve, and PostgreSQL's system
 * schemas, are refused when the application starts, before anything reaches the database.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ReservedHistoryTableNamesTests {

	private final H2Database database = H2Database.create();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withPropertyValues(this.database.springProperties().toArray(new String[0]));

	@ParameterizedTest
	@ValueSource(strings = { "order", "user", "select", "value", "table", "group", "Order", "VALUES", "limit", "key",
			"offset", "window", "rows", "index" })
	void reservedWordAsTableNameIsRefused(String name) {
		this.contextRunner.withPropertyValues("migrations.table=" + name)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.table")
				.hasMessageContaining("'" + name + "'")
				.hasMessageContaining("is a reserved word in ")
				.hasMessageContaining("the starter does not quote names")
				.hasMessageContaining(
						"Set migrations.table to another name, such as 'schema_migrations' or '" + name + "_history'"));
		assertThat(userTables()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "user", "order", "select", "schema", "table" })
	void reservedWordAsSchemaNameIsRefused(String name) {
		this.contextRunner.withPropertyValues("migrations.schema=" + name)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.schema")
				.hasMessageContaining("'" + name + "'")
				.hasMessageContaining("is a reserved word in ")
				.hasMessageContaining("Set migrations.schema to a schema of the application's own"));
		assertThat(userTables()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pg_temp", "pg_temp_3", "PG_TEMP_12", "pg_toast", "pg_toast_temp_1", "pg_catalog",
			"Pg_Catalog", "information_schema", "INFORMATION_SCHEMA" })
	void systemSchemaIsRefused(String schema) {
		this.contextRunner.withPropertyValues("migrations.schema=" + schema)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.schema")
				.hasMessageContaining("'" + schema + "'")
				.hasMessageContaining("is a system schema")
				.hasMessageContaining("leave it unset"));
		assertThat(userTables()).isEmpty();
		assertThat(List.of("public", "PUBLIC", "pg_temporary", "app_pg_temp", "migrations"))
			.allSatisfy((name) -> assertThat(DefaultMigrationEngine.schemaNameProblem(name)).isNull());
	}

	@Test
	void startWithAReservedTableNameReportsThePropertyTheValueAndTheFixAndCreatesNothing(CapturedOutput output) {
		SpringApplication application = new SpringApplication(OneMigration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThat(catchThrowable(
				() -> application.run("--spring.datasource.url=" + this.database.url(), "--migrations.table=order")))
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
					(ex) -> assertThat(ex.getName()).isEqualTo("migrations.table"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value 'order' for configuration property 'migrations.table'",
				"is a reserved word in SQL:2016, PostgreSQL, MySQL, MariaDB, H2 and SQLite",
				"Set migrations.table to another name, such as 'schema_migrations' or 'order_history'");
		assertThat(userTables()).isEmpty();
		assertThat(OneMigration.ran).isFalse();
	}

	private List<String> userTables() {
		return new JdbcTemplate(this.database.dataSource())
			.queryForList("SELECT TABLE_SCHEMA || '.' || TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
					+ "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'", String.class);
	}

	/**
	 * An application with one migration, which must never run.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			MigrationsAutoConfiguration.class })
	static class OneMigration {

		static volatile boolean ran;

		@Bean
		Migration createUsers() {
			return Migration.of("1", "Create users", (context) -> {
				ran = true;
				context.jdbc().execute("CREATE TABLE users (id INT)");
			});
		}

	}

}
