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

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationEngine;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationsAutoConfiguration}.
 *
 * @author the bootmigrate authors
 */
class MigrationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				MigrationsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void configuresTheEngineAndTheRunner() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MigrationEngine.class)
				.hasSingleBean(MigrationsApplicationRunner.class)
				.hasSingleBean(MigrationsProperties.class)
				.doesNotHaveBean(MigrationsSchedulingConfigurer.class);
			assertThat(context.getBean(MigrationsApplicationRunner.class).getOrder())
				.isEqualTo(MigrationsAutoConfiguration.RUNNER_ORDER)
				.isLessThan(Ordered.LOWEST_PRECEDENCE);
		});
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationEngine.class)
				.doesNotHaveBean(MigrationsApplicationRunner.class));
	}

	@Test
	void backsOffWithSeveralDataSourcesAndNoPrimary() {
		this.contextRunner.withUserConfiguration(TwoDataSources.class)
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationEngine.class));
	}

	@Test
	void usesThePrimaryOfSeveralDataSources() {
		this.contextRunner.withUserConfiguration(TwoDataSources.class, PrimaryDataSource.class)
			.run((context) -> assertThat(context).hasSingleBean(MigrationEngine.class));
	}

	@Test
	void disabledConfiguresNothing() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withPropertyValues("migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationEngine.class)
				.doesNotHaveBean(MigrationsApplicationRunner.class)
				.doesNotHaveBean(MigrationsSchedulingConfigurer.class)
				.doesNotHaveBean(StartupGate.class));
	}

	@Test
	void recordsMetricsWhenMicrometerIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MigrationsMetrics.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsMetrics.class));
	}

	@Test
	void commandModeReplacesTheStartupRunner() {
		this.contextRunner.withPropertyValues("migrations.command=status")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsCommandRunner.class)
				.doesNotHaveBean(MigrationsApplicationRunner.class)
				.hasSingleBean(ExitCodeExceptionMapper.class));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationsCommandRunner.class)
			.doesNotHaveBean(ExitCodeExceptionMapper.class));
	}

	@Test
	void holdsBackScheduledTasksOnlyWhenSchedulingIsEnabled() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.run((context) -> assertThat(context).hasSingleBean(MigrationsSchedulingConfigurer.class));
	}

	@Test
	void bindsProperties() {
		this.contextRunner
			.withPropertyValues("migrations.auto-migrate=false", "migrations.table=app_history",
					"migrations.schema=ops", "migrations.installed-by=deployer", "migrations.lock-timeout=30s",
					"migrations.on-pending=fail", "migrations.on-unknown=fail", "migrations.on-checksum-mismatch=warn")
			.run((context) -> {
				MigrationsProperties properties = context.getBean(MigrationsProperties.class);
				assertThat(properties.isAutoMigrate()).isFalse();
				assertThat(properties.getTable()).isEqualTo("app_history");
				assertThat(properties.getSchema()).isEqualTo("ops");
				assertThat(properties.getInstalledBy()).isEqualTo("deployer");
				assertThat(properties.getLockTimeout()).hasSeconds(30);
				assertThat(properties.getOnPending()).isEqualTo(MigrationsProperties.Policy.FAIL);
				assertThat(properties.getOnUnknown()).isEqualTo(MigrationsProperties.Policy.FAIL);
				assertThat(properties.getOnChecksumMismatch()).isEqualTo(MigrationsProperties.Policy.WARN);
				assertThat(context.getBean(MigrationEngine.class).status().table()).isEqualTo("ops.app_history");
			});
	}

	@Test
	void refusesATableNameThatIsNotAnIdentifier() {
		this.contextRunner.withPropertyValues("migrations.table=history; DROP TABLE users")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.table")
				.hasMessageContaining("not a plain SQL identifier"));
	}

	@Test
	void refusesASchemaNameThatIsNotAnIdentifier() {
		this.contextRunner.withPropertyValues("migrations.schema=\"ops\"")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.schema"));
	}

	@Test
	void duplicateVersionsFailTheContextNamingBothBeans() {
		this.contextRunner.withUserConfiguration(DuplicateMigrations.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidMigrationsException.class)
				.hasMessageContaining("bean 'createUsers'")
				.hasMessageContaining("bean 'createAccounts'"));
	}

	@Test
	void runnerAppliesMigrationBeans() {
		this.contextRunner.withUserConfiguration(ValidMigrations.class).run((context) -> {
			context.getBean(MigrationsApplicationRunner.class).run(null);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
				.containsExactly("1", "2");
			assertThat(context.getBean(StartupGate.class).isOpen()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		DataSource firstDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:first").build();
		}

		@Bean
		DataSource secondDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:second").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryDataSource {

		@Bean
		@Primary
		DataSource primaryDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:primary").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidMigrations {

		@Bean
		Migration createAccounts() {
			return Migration.of("2", "Create accounts",
					(context) -> context.jdbc().execute("CREATE TABLE accounts (id INT)"));
		}

		@Bean
		Migration createUsers() {
			return Migration.of("1", "Create users",
					(context) -> context.jdbc().execute("CREATE TABLE users (id INT)"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateMigrations {

		@Bean
		Migration createUsers() {
			return Migration.of("1", "Create users",
					(context) -> context.jdbc().execute("CREATE TABLE users (id INT)"));
		}

		@Bean
		Migration createAccounts() {
			return Migration.of("1.0", "Create accounts", (context) -> {
			});
		}

	}

}
