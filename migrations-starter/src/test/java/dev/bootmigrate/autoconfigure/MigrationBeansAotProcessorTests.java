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

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the classes of migration beans are registered for reflection in a native
 * image, where {@link Migration#canRollback()} looks for an override of {@code rollback}.
 *
 * @author the bootmigrate authors
 */
class MigrationBeansAotProcessorTests {

	@Test
	void migrationClassAndItsSuperclassesAreRegisteredForReflection() {
		RuntimeHints hints = process(AddColumn.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(AddColumn.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ReversibleMigration.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Migration.class)).accepts(hints);
		assertThat(new AddColumn().canRollback()).isTrue();
	}

	@Test
	void otherBeansAreLeftAlone() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("other", new RootBeanDefinition(StringBuilder.class));
		assertThat(new MigrationBeansAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "other")))
			.isNull();
	}

	@Test
	void theProcessorIsRegisteredForAheadOfTimeProcessing() {
		assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
			.anyMatch(MigrationBeansAotProcessor.class::isInstance);
	}

	private RuntimeHints process(Class<?> type) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("migration", new RootBeanDefinition(type));
		BeanRegistrationAotContribution contribution = new MigrationBeansAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "migration"));
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
		contribution.applyTo(generationContext, null);
		return generationContext.getRuntimeHints();
	}

	abstract static class ReversibleMigration implements Migration {

		@Override
		public void rollback(MigrationContext context) {
		}

	}

	static class AddColumn extends ReversibleMigration {

		@Override
		public String version() {
			return "1";
		}

		@Override
		public void migrate(MigrationContext context) {
		}

	}

}
