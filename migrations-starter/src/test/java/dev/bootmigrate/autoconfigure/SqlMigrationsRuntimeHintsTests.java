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

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the SQL migrations of the locations are registered as resources of a native
 * image: those of the default location always, those of the configured class-path
 * locations at build time.
 *
 * @author the bootmigrate authors
 */
class SqlMigrationsRuntimeHintsTests {

	@Test
	void sqlFilesOfTheDefaultLocationAndItsSubDirectoriesAreRegistered() {
		RuntimeHints hints = new RuntimeHints();
		new SqlMigrationsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/V1__create_users.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/2026/R__users_view.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/README.md")).rejects(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("other/V1__create_users.sql")).rejects(hints);
	}

	@Test
	void sqlFilesOfTheConfiguredClassPathLocationsAreRegisteredAtBuildTime() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", new MockEnvironment().withProperty("migrations.locations",
				"classpath:/com/example/sql/,filesystem:/opt/sql, shared/migrations"));
		RuntimeHints hints = process(beanFactory);
		assertThat(RuntimeHintsPredicates.resource().forResource("com/example/sql/V1__create_users.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("shared/migrations/V2__add_email.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("opt/sql/V1__create_users.sql")).rejects(hints);
	}

	@Test
	void theProcessorIsRegisteredForAheadOfTimeProcessing() {
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.anyMatch(SqlMigrationsAotProcessor.class::isInstance);
	}

	private RuntimeHints process(DefaultListableBeanFactory beanFactory) {
		BeanFactoryInitializationAotContribution contribution = new SqlMigrationsAotProcessor()
			.processAheadOfTime(beanFactory);
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
		assertThat(contribution).isNotNull();
		contribution.applyTo(generationContext, null);
		return generationContext.getRuntimeHints();
	}

}
