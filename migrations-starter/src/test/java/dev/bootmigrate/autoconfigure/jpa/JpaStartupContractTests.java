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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.SchemaDifference;
import dev.bootmigrate.SchemaDriftDetector;
import dev.bootmigrate.SchemaDriftException;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The entities and the database after migrating, on real {@code SpringApplication} runs
 * of a JPA application whose schema its migrations create: Hibernate's
 * {@code ddl-auto=validate} runs after the migrations, and drift is reported completely.
 * Run once per database.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class JpaStartupContractTests extends AbstractTestDatabaseTests {

	@BeforeEach
	void entitiesNeedSequences() {
		assumeTrue(database().sequences(), "the entities' ids come from sequences");
	}

	@Test
	void validateRunsAfterThePendingMigrationThatAddsTheValidatedColumn() {
		run(Map.of("createTables", JpaApplication::createTables), "spring.jpa.hibernate.ddl-auto=none").close();
		try (ConfigurableApplicationContext context = run(
				Map.of("createTables", JpaApplication::createTables, "addReportConfig",
						JpaApplication::addReportConfig),
				"spring.jpa.hibernate.ddl-auto=validate", "migrations.on-drift=fail")) {
			CustomerRepository customers = context.getBean(CustomerRepository.class);
			customers.save(new Customer("Ada", "{\"weekly\": true}"));
			assertThat(customers.findAll()).extracting(Customer::getReportConfig).containsExactly("{\"weekly\": true}");
		}
	}

	@Test
	void withoutTheStarterHibernateValidatesBeforeTheMigrationCanAddTheColumn() {
		run(Map.of("createTables", JpaApplication::createTables), "spring.jpa.hibernate.ddl-auto=none").close();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> run(
					Map.of("createTables", JpaApplication::createTables, "addReportConfig",
							JpaApplication::addReportConfig),
					"spring.jpa.hibernate.ddl-auto=validate", "migrations.enabled=false"))
			.havingRootCause()
			.isInstanceOf(SchemaManagementException.class)
			.withMessageContaining("missing column [report_config]");
	}

	@Test
	void validateThatFailsAfterMigratingReportsEveryDifference() {
		assertThatExceptionOfType(SchemaDriftException.class)
			.isThrownBy(() -> run(Map.of("createDriftedTables", JpaApplication::createDriftedTables),
					"spring.jpa.hibernate.ddl-auto=validate"))
			.satisfies((ex) -> {
				assertThat(ex.getCheck()).isEqualTo("spring.jpa.hibernate.ddl-auto=validate");
				assertThat(ex.getCause()).isInstanceOf(SchemaManagementException.class);
				assertThat(ex.getDifferences()).map(SchemaDifference::toString)
					.allSatisfy((line) -> assertThat(JpaApplication.DRIFT).anySatisfy(line::startsWith))
					.hasSize(4);
			});
	}

	@Test
	void driftIsLoggedAsAWarningListingEveryDifference(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(
				Map.of("createDriftedTables", JpaApplication::createDriftedTables),
				"spring.jpa.hibernate.ddl-auto=none")) {
			assertThat(context.getBean(SchemaDriftDetector.class).detect()).hasSize(4);
		}
		assertThat(output).contains("The entities and the database differ after migrating (4 differences)")
			.contains(JpaApplication.DRIFT);
	}

	@Test
	void driftRefusesToStartWhenOnDriftIsFail() {
		assertThatExceptionOfType(SchemaDriftException.class)
			.isThrownBy(() -> run(Map.of("createDriftedTables", JpaApplication::createDriftedTables),
					"spring.jpa.hibernate.ddl-auto=none", "migrations.on-drift=fail"))
			.satisfies((ex) -> {
				assertThat(ex.getCheck()).isEqualTo("migrations.on-drift=fail");
				assertThat(ex.getDifferences()).hasSize(4);
				assertThat(ex.getDifferences()).filteredOn((difference) -> difference.field() != null)
					.extracting(SchemaDifference::entity, SchemaDifference::field, SchemaDifference::table,
							SchemaDifference::column)
					.containsExactlyInAnyOrder(tuple("Customer", "reportConfig", "customer", "report_config"),
							tuple("Customer", "name", "customer", "name"));
			});
	}

	@Test
	void driftFailureReportListsEveryDifferenceAndTheFix(CapturedOutput output) {
		assertThatExceptionOfType(SchemaDriftException.class)
			.isThrownBy(() -> run(Map.of("createDriftedTables", JpaApplication::createDriftedTables),
					"spring.jpa.hibernate.ddl-auto=validate"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The migrations were applied and committed, but the JPA entities and the database differ: "
					+ "Hibernate's validation (spring.jpa.hibernate.ddl-auto=validate) failed after them.")
			.contains("Every difference (4):")
			.contains(JpaApplication.DRIFT)
			.contains("--migrations.command=diff prints its SQL");
	}

	@Test
	void columnOfAnotherTypeIsReported() {
		Supplier<Migration> wrongType = () -> Migration.of("2", "Add report config as a number",
				(context) -> context.jdbc().execute("ALTER TABLE customer ADD COLUMN report_config INTEGER"));
		try (ConfigurableApplicationContext context = run(
				Map.of("createTables", JpaApplication::createTables, "wrongType", wrongType),
				"spring.jpa.hibernate.ddl-auto=none")) {
			assertThat(context.getBean(SchemaDriftDetector.class).detect()).singleElement().satisfies((difference) -> {
				assertThat(difference.kind()).isEqualTo(SchemaDifference.Kind.COLUMN_TYPE);
				// The database's own words: integer on H2, int4 on PostgreSQL, int on
				// MariaDB
				assertThat(difference.toString()).matches("Customer.reportConfig: column customer.report_config is "
						+ "(integer|int4|int), the entity expects varchar\\(2000\\)");
			});
		}
	}

	@Test
	void pendingMigrationsWithAutomaticMigrationOffAreNotReportedAsDrift(CapturedOutput output) {
		run(Map.of("createDriftedTables", JpaApplication::createDriftedTables), "spring.jpa.hibernate.ddl-auto=none",
				"migrations.auto-migrate=false", "migrations.on-drift=fail")
			.close();
		assertThat(output).contains("Automatic migration is off").doesNotContain("differ after migrating");
	}

	@Test
	void ignoreSkipsTheComparison(CapturedOutput output) {
		run(Map.of("createDriftedTables", JpaApplication::createDriftedTables), "spring.jpa.hibernate.ddl-auto=none",
				"migrations.on-drift=ignore")
			.close();
		assertThat(output).doesNotContain("differ after migrating");
	}

	@Test
	void schemaCreatedByHibernateBeforeTheMigrationsHasNoDrift(CapturedOutput output) {
		Supplier<Migration> seed = () -> Migration.of("1", "Seed customers",
				(context) -> context.jdbc().update("INSERT INTO customer (id, name) VALUES (1, 'Ada')"));
		try (ConfigurableApplicationContext context = run(Map.of("seed", seed), "spring.jpa.hibernate.ddl-auto=create",
				"migrations.on-drift=fail")) {
			assertThat(context.getBean(CustomerRepository.class).count()).isOne();
		}
	}

	private ConfigurableApplicationContext run(Map<String, Supplier<Migration>> migrations, String... properties) {
		SpringApplication application = new SpringApplication(JpaApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Supplier<Migration>> ordered = new LinkedHashMap<>(migrations);
		application.addInitializers((context) -> ordered.forEach((name,
				migration) -> ((GenericApplicationContext) context).registerBean(name, Migration.class, migration)));
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--spring.jpa.open-in-view=false");
		for (String property : properties) {
			arguments.add("--" + property);
		}
		return application.run(arguments.toArray(new String[0]));
	}

}
