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
package dev.bootmigrate.autoconfigure.jpa;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands that only read leave the database as they found it, even in an application
 * that asks Hibernate to create its schema ({@code ddl-auto=update}) and runs a
 * {@code schema.sql}; {@code migrate} still creates that schema before it applies the
 * migrations. Real {@code SpringApplication} runs with {@code --migrations.command} on an
 * empty schema, once per database.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class JpaReadOnlyCommandTests extends AbstractTestDatabaseTests {

	private static final List<String> WRITING_STARTUP = List.of("--spring.jpa.hibernate.ddl-auto=update",
			"--spring.sql.init.mode=always", "--spring.sql.init.schema-locations=classpath:startup/schema.sql");

	@BeforeEach
	void entitiesNeedSequences() {
		assumeTrue(database().sequences(), "the entities' ids come from sequences");
	}

	@ParameterizedTest
	@ValueSource(strings = { "status", "check", "validate", "show --migrations.version=1", "diff" })
	void readOnlyCommandLeavesAnEmptySchemaEmpty(String command, CapturedOutput output) {
		run(command, WRITING_STARTUP);
		assertThat(output).doesNotContain("APPLICATION FAILED TO START");
		assertThat(tables()).isEmpty();
	}

	@Test
	void readOnlyCommandIgnoresSchemaActionsGivenAsHibernateProperties(CapturedOutput output) {
		run("status",
				List.of("--spring.jpa.properties.hibernate.hbm2ddl.auto=create",
						"--spring.jpa.properties.jakarta.persistence.schema-generation.database.action=create",
						"--spring.jpa.generate-ddl=true"));
		assertThat(output).contains("1 pending");
		assertThat(tables()).isEmpty();
	}

	@Test
	void readOnlyCommandWithDeferredValidationReportsDriftInsteadOfFailing(CapturedOutput output) {
		run("status", List.of("--spring.jpa.hibernate.ddl-auto=validate"));
		assertThat(output).doesNotContain("APPLICATION FAILED TO START")
			.contains("1 pending")
			.contains("Invoice: table invoice is missing");
		assertThat(tables()).isEmpty();
	}

	@Test
	void migrateCreatesTheSchemaBeforeApplyingTheMigrations(CapturedOutput output) {
		run("migrate", WRITING_STARTUP);
		assertThat(output).contains("Applied 1 migration(s)");
		assertThat(tables()).contains("customer", "invoice", "notes", "schema_migrations");
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isOne();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer", Integer.class)).isOne();
	}

	/**
	 * A migration that writes to the tables {@code ddl-auto} and {@code schema.sql}
	 * create, which fails if it runs before them.
	 */
	private static Migration fillTables() {
		return Migration.of("1", "Fill tables", (context) -> {
			context.jdbc().update("INSERT INTO notes (id, body) VALUES (1, 'created by schema.sql')");
			context.jdbc().update("INSERT INTO customer (id, name) VALUES (1, 'created by ddl-auto')");
		});
	}

	private void run(String command, List<String> extra) {
		SpringApplication application = new SpringApplication(JpaApplication.class);
		application.addInitializers((context) -> ((GenericApplicationContext) context).registerBean("fillTables",
				Migration.class, JpaReadOnlyCommandTests::fillTables));
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--spring.jpa.open-in-view=false");
		arguments.add("--migrations.exit-after-command=false");
		for (String part : command.split(" ")) {
			arguments.add(part.startsWith("--") ? part : "--migrations.command=" + part);
		}
		arguments.addAll(extra);
		try {
			ConfigurableApplicationContext context = application.run(arguments.toArray(new String[0]));
			SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// Reported in the output, which the tests check
		}
	}

	/**
	 * Return the tables and sequences of the test schema, in lower case.
	 */
	private List<String> tables() {
		return new JdbcTemplate(database().dataSource()).execute((ConnectionCallback<List<String>>) (connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = metaData.getTables(connection.getCatalog(), null, "%", null)) {
				while (rows.next()) {
					String schema = Objects.toString(rows.getString("TABLE_SCHEM"), database().schema());
					String type = Objects.toString(rows.getString("TABLE_TYPE"), "");
					if (database().schema().equalsIgnoreCase(schema) && !type.contains("SYSTEM")
							&& !type.contains("INDEX")) {
						tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
					}
				}
			}
			return tables;
		});
	}

}
