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

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.SchemaDriftDetector;
import dev.bootmigrate.autoconfigure.jpa.Customer;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the JPA part of {@link MigrationsAutoConfiguration}: what it adds with
 * Hibernate, and that an application without it sees no change.
 *
 * @author the bootmigrate authors
 */
class JpaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withUserConfiguration(Entities.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	/**
	 * An application with JPA's API and Spring's ORM support, but no Hibernate.
	 */
	private final ApplicationContextRunner withoutHibernate = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("org.hibernate."))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void withHibernateTheEntitiesAreComparedWithTheDatabase() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SchemaDriftDetector.class)
			.hasSingleBean(EntitySchema.class)
			.hasSingleBean(HibernateModels.class));
	}

	@Test
	void validateIsDeferredUntilAfterTheMigrations() {
		this.contextRunner.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(HibernateModels.class).models()).singleElement()
				.satisfies((model) -> assertThat(model.validate()).isTrue());
			assertThat(context.getBean(SchemaDriftDetector.class).detect()).isNotEmpty();
		});
	}

	@Test
	void otherDdlAutoValuesKeepTheirMeaning() {
		this.contextRunner.withPropertyValues("spring.jpa.hibernate.ddl-auto=create").run((context) -> {
			assertThat(context.getBean(HibernateModels.class).models()).singleElement()
				.satisfies((model) -> assertThat(model.validate()).isFalse());
			assertThat(context.getBean(SchemaDriftDetector.class).detect()).isEmpty();
		});
	}

	@Test
	void withoutHibernateNothingIsAddedAndStartupIsUnchanged() {
		this.withoutHibernate.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(SchemaDriftDetector.class)
			.doesNotHaveBean(HibernateModels.class)
			.hasSingleBean(MigrationsApplicationRunner.class));
	}

	@Test
	void withoutHibernateOnDriftFailIsRefusedAtStartup() {
		this.withoutHibernate.withPropertyValues("migrations.on-drift=fail")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("needs JPA with Hibernate"));
	}

	@Test
	void withoutHibernateOnDriftFailIsRefusedByCommands() {
		this.withoutHibernate.withPropertyValues("migrations.on-drift=fail", "migrations.command=migrate")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("needs JPA with Hibernate"));
	}

	@Test
	void withoutHibernateDiffIsRefused() {
		this.withoutHibernate.withPropertyValues("migrations.command=diff", "migrations.exit-after-command=false")
			.run((context) -> assertThatExceptionOfType(MigrationCommandException.class)
				.isThrownBy(() -> context.getBean(MigrationsCommandRunner.class).run(new DefaultApplicationArguments()))
				.withMessageContaining("needs JPA with Hibernate"));
	}

	@Test
	void withoutJpaAtAllNothingChanges() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.withClassLoader(new FilteredClassLoader("jakarta.persistence.", "org.hibernate."))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SchemaDriftDetector.class)
				.hasSingleBean(MigrationsApplicationRunner.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Customer.class)
	static class Entities {

	}

}
