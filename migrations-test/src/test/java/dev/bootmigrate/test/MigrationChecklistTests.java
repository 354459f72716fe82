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
package dev.bootmigrate.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.test.app.ChecklistApplication;
import dev.bootmigrate.test.changed.ChangedApplication;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link MigrationChecklist}, on real {@code SpringApplication} runs, once per
 * database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class MigrationChecklistTests extends AbstractTestDatabaseTests {

	@BeforeEach
	void entitiesNeedSequences() {
		assumeTrue(database().sequences(), "the entities' ids come from sequences");
	}

	@Test
	void passesWhenEveryRollbackRestoresTheSchemaAndTheEntitiesMatch() {
		try (ConfigurableApplicationContext context = run(ChecklistApplication.class)) {
			assertThatCode(() -> MigrationChecklist.verify(context)).doesNotThrowAnyException();
		}
	}

	@Test
	void catchesARollbackThatForgetsAColumn() {
		try (ConfigurableApplicationContext context = run(ChecklistApplication.class, "test.forget-nickname=true")) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> MigrationChecklist.verify(context))
				.withMessageContaining("Rolling back migration 3 \"Add nickname\" does not return the schema to what "
						+ "it was before it:")
				.withMessageContaining("  - column customer.nickname (")
				.withMessageContaining(") was not there")
				.withMessageContaining("Migration 2 \"Seed customers\" cannot be rolled back");
		}
	}

	@Test
	void catchesAnEntityChangeWithoutAMigration() {
		try (ConfigurableApplicationContext context = run(ChangedApplication.class)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> MigrationChecklist.verify(context))
				.withMessageContaining("After every migration, the entities and the database differ")
				.withMessageContaining("  - Customer.reportConfig: column customer.report_config is missing");
		}
	}

	@Test
	void refusesADatabaseWhoseMigrationsAreApplied() {
		try (ConfigurableApplicationContext context = run(ChecklistApplication.class, "migrations.auto-migrate=true")) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> MigrationChecklist.verify(context))
				.withMessageContaining("starts from a database with no migration applied")
				.withMessageContaining("migrations.auto-migrate=false");
		}
	}

	private ConfigurableApplicationContext run(Class<?> application, String... properties) {
		SpringApplication springApplication = new SpringApplication(application);
		springApplication.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--spring.jpa.open-in-view=false");
		arguments.add("--spring.jpa.hibernate.ddl-auto=none");
		List<String> extra = List.of(properties);
		if (extra.stream().noneMatch((property) -> property.startsWith("migrations.auto-migrate"))) {
			arguments.add("--migrations.auto-migrate=false");
		}
		extra.forEach((property) -> arguments.add("--" + property));
		return springApplication.run(arguments.toArray(new String[0]));
	}

}
