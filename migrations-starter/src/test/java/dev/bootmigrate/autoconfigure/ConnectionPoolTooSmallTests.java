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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.Migration;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A HikariCP pool of one connection cannot apply migrations, which hold the lock's
 * connection and the migration's at once: the start is refused before any database
 * access, naming the pool's size property, whenever migrations would be applied, and
 * allowed when they would not.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionPoolTooSmallTests {

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private final H2Database database = H2Database.create();

	@BeforeEach
	void clearEvents() {
		events.clear();
	}

	@Test
	void startupMigrationWithAPoolOfOneIsRefusedBeforeAnyDatabaseAccess(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> run("--spring.datasource.hikari.maximum-pool-size=1"));
		assertRefused(failure, output);
	}

	@Test
	void migrateCommandWithAPoolOfOneIsRefused(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> run("--spring.datasource.hikari.maximum-pool-size=1",
				"--migrations.command=migrate", "--migrations.exit-after-command=false"));
		assertRefused(failure, output);
	}

	@Test
	void readOnlyCommandWithAPoolOfOneRuns() {
		try (ConfigurableApplicationContext context = run("--spring.datasource.hikari.maximum-pool-size=1",
				"--migrations.command=status", "--migrations.exit-after-command=false")) {
			assertThat(SpringApplication.exit(context)).isZero();
		}
	}

	@Test
	void startupWithoutAutomaticMigrationAndAPoolOfOneStarts() {
		try (ConfigurableApplicationContext context = run("--spring.datasource.hikari.maximum-pool-size=1",
				"--migrations.auto-migrate=false")) {
			assertThat(context.isActive()).isTrue();
			assertThat(events).isEmpty();
		}
	}

	@Test
	void startupMigrationWithAPoolOfTwoApplies() {
		try (ConfigurableApplicationContext context = run("--spring.datasource.hikari.maximum-pool-size=2")) {
			assertThat(events).containsExactly("migrate 1");
		}
	}

	@Test
	void poolThatCannotBeInspectedIsNotChecked() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
					MigrationsAutoConfiguration.class))
			.withBean(DataSource.class, this.database::dataSource)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MigrationsApplicationRunner.class));
	}

	private void assertRefused(Throwable failure, CapturedOutput output) {
		assertThat(failure).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((cause) -> assertThat(((InvalidConfigurationPropertyValueException) cause).getName())
				.isEqualTo("spring.datasource.hikari.maximum-pool-size"));
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Invalid value '1' for configuration property 'spring.datasource.hikari.maximum-pool-size' "
					+ "(originating from '\"spring.datasource.hikari.maximum-pool-size\" from property source "
					+ "\"commandLineArgs\"').")
			.contains("Applying migrations holds 2 connections at once (the migration lock's own connection and "
					+ "the migration's), so the pool must allow at least 2.")
			.doesNotContain("Connection is not available");
		assertThat(events).isEmpty();
		assertThat(new JdbcTemplate(this.database.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'SCHEMA_MIGRATIONS'",
				Integer.class))
			.isZero();
	}

	private ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(PoolApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>(
				List.of("--spring.main.banner-mode=off", "--spring.datasource.url=" + this.database.url(),
						// Fail fast on the code this test guards against
						"--spring.datasource.hikari.connection-timeout=1000"));
		arguments.addAll(List.of(args));
		return application.run(arguments.toArray(new String[0]));
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			MigrationsAutoConfiguration.class })
	static class PoolApplication {

		@Bean
		Migration createItems() {
			return Migration.of("1", "Create items", (context) -> {
				events.add("migrate 1");
				context.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY)");
			});
		}

	}

}
