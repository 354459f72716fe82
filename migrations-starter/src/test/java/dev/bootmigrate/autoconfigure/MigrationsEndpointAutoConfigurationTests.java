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

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.actuate.endpoint.MigrationsEndpoint;
import dev.bootmigrate.actuate.endpoint.MigrationsEndpoint.MigrationsDescriptor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationsEndpointAutoConfiguration} and {@link MigrationsEndpoint}.
 *
 * @author the bootmigrate authors
 */
class MigrationsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
		.withBean("createUsers", Migration.class,
				() -> Migration.of("1", "Create users",
						(context) -> context.jdbc().execute("CREATE TABLE users (id INT)")))
		.withBean("createAccounts", Migration.class, () -> Migration.of("2", "Create accounts",
				(context) -> context.jdbc().execute("CREATE TABLE accounts (id INT)")));

	@Test
	void endpointIsNotAvailableByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void endpointIsAvailableWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenMigrationsAreDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations", "migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void endpointDescribesAppliedAndPendingMigrations() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations").run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.migrations().pending()).isEqualTo(2);
			context.getBean(MigrationEngine.class).migrate("1");
			MigrationsDescriptor descriptor = endpoint.migrations();
			assertThat(descriptor.table()).isEqualTo("schema_migrations");
			assertThat(descriptor.currentVersion()).isEqualTo("1");
			assertThat(descriptor.applied()).isOne();
			assertThat(descriptor.pending()).isOne();
			assertThat(descriptor.migrations()).satisfiesExactly((first) -> {
				assertThat(first.version()).isEqualTo("1");
				assertThat(first.state()).isEqualTo("applied");
				assertThat(first.bean()).isEqualTo("createUsers");
				assertThat(first.type()).isEqualTo("JAVA");
				assertThat(first.installedOn()).isNotNull();
			}, (second) -> {
				assertThat(second.state()).isEqualTo("pending");
				assertThat(second.installedOn()).isNull();
			});
		});
	}

}
