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

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.MigrationSource;
import dev.bootmigrate.internal.sql.SqlMigrationSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration that applies {@link Migration} beans and SQL migrations
 * ({@code migrations.locations}) when the application starts.
 *
 * @author the bootmigrate authors
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class },
		afterName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
				"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration" })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(SqlMigrationsRuntimeHints.class)
public final class MigrationsAutoConfiguration {

	/**
	 * The order of the runner that applies migrations at startup: early, so that
	 * {@code ApplicationRunner} and {@code CommandLineRunner} beans with the default
	 * order run after the migrations. Give a runner a lower order to run before them.
	 */
	public static final int RUNNER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * How often the log says that a long migration is still running.
	 */
	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

	@Bean
	StartupGate migrationsStartupGate() {
		return new StartupGate();
	}

	private static void checkHistoryTable(MigrationsProperties properties) {
		String table = properties.getTable();
		String tableProblem = DefaultMigrationEngine.tableNameProblem(table);
		if (tableProblem != null) {
			throw new InvalidConfigurationPropertyValueException("migrations.table", table,
					"The table name '" + table + "' " + tableProblem
							+ ". Set migrations.table to another name, such as 'schema_migrations'"
							+ ((!table.isEmpty() && DefaultMigrationEngine.tableNameProblem(table + "_history") == null)
									? " or '" + table + "_history'" : "")
							+ ".");
		}
		String schema = properties.getSchema();
		String schemaProblem = (schema != null) ? DefaultMigrationEngine.schemaNameProblem(schema) : null;
		if (schemaProblem != null) {
			throw new InvalidConfigurationPropertyValueException("migrations.schema", schema,
					"The schema name '" + schema + "' " + schemaProblem
							+ ". Set migrations.schema to a schema of the application's own, such as 'migrations', "
							+ "or leave it unset to keep the history in the connection's default schema.");
		}
	}

	/**
	 * Return the application's entities, refusing {@code migrations.on-drift=fail} when
	 * there are none to compare.
	 */
	private static @Nullable EntitySchema entitySchema(ObjectProvider<EntitySchema> entities,
			MigrationsProperties properties) {
		EntitySchema entitySchema = entities.getIfAvailable();
		if (entitySchema == null && properties.getOnDrift() == MigrationsProperties.DriftPolicy.FAIL) {
			throw new InvalidConfigurationPropertyValueException("migrations.on-drift", "fail",
					"Drift detection compares the JPA entities with the database, so it needs JPA with Hibernate "
							+ "(spring-boot-starter-data-jpa) on the class path, and this application has none. Add it, "
							+ "or leave migrations.on-drift unset.");
		}
		return entitySchema;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(MigrationEngine.class)
	static class EngineConfiguration {

		@Bean
		DefaultMigrationEngine migrationEngine(DataSource dataSource,
				ObjectProvider<PlatformTransactionManager> transactionManager, ListableBeanFactory beanFactory,
				ResourceLoader resourceLoader, MigrationsProperties properties,
				ObjectProvider<MigrationCallback> callbacks) {
			checkHistoryTable(properties);
			DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings(properties.getTable(),
					properties.getSchema(), properties.getInstalledBy(), properties.getLockTimeout(),
					properties.getOnPending() == MigrationsProperties.Policy.FAIL,
					properties.getOnUnknown() == MigrationsProperties.Policy.FAIL,
					properties.getOnChecksumMismatch() == MigrationsProperties.Policy.FAIL,
					properties.getDdlLockTimeout(), properties.getDdlLockRetries(), PROGRESS_INTERVAL,
					flywayTable(properties));
			// Resolved when a migration first runs: a start with nothing to apply needs
			// none
			Supplier<PlatformTransactionManager> resolved = () -> TransactionManagerResolver
				.resolve(transactionManager.getIfUnique(), dataSource);
			List<MigrationSource> sources = List.of(MigrationSource.beans(beanFactory),
					sqlMigrations(resourceLoader, dataSource, properties));
			return new DefaultMigrationEngine(dataSource, resolved, sources, settings,
					callbacks.orderedStream().toList());
		}

		/**
		 * Flyway's history table to adopt, or {@code null} when adoption is off.
		 */
		private static @Nullable String flywayTable(MigrationsProperties properties) {
			if (!properties.getFlyway().isAdopt()) {
				return null;
			}
			String table = properties.getFlyway().getTable();
			String problem = DefaultMigrationEngine.flywayTableProblem(table);
			if (problem != null) {
				throw new InvalidConfigurationPropertyValueException("migrations.flyway.table", table,
						"Flyway's table name '" + table + "' " + problem
								+ ". Set migrations.flyway.table to the name of Flyway's history table, such as "
								+ "'flyway_schema_history' or 'flyway.flyway_schema_history', or "
								+ "migrations.flyway.adopt=false.");
			}
			return table;
		}

		/**
		 * The SQL migrations of the locations: the database they target, which decides
		 * how they are split, is told by the pool's URL where it can, and is not asked
		 * for at all when the locations hold no file.
		 */
		private static SqlMigrationSource sqlMigrations(ResourceLoader resourceLoader, DataSource dataSource,
				MigrationsProperties properties) {
			SqlMigrationSource.Settings settings = new SqlMigrationSource.Settings(properties.getLocations(),
					properties.getIgnoredFiles(), properties.getPlaceholders(), properties.isPlaceholderReplacement(),
					properties.isMixed());
			return new SqlMigrationSource(resourceLoader, () -> MigratedDatabase.driver(dataSource), settings);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoCommandCondition.class)
	static class StartupConfiguration {

		@Bean
		MigrationsApplicationRunner migrationsApplicationRunner(MigrationEngine engine, MigrationsProperties properties,
				StartupGate migrationsStartupGate, ObjectProvider<SchemaCreation> schemaCreations,
				ApplicationEventPublisher publisher, DataSource dataSource, ObjectProvider<EntitySchema> entities) {
			if (properties.isAutoMigrate()) {
				ConnectionPoolCheck.requireEnoughConnections(dataSource);
			}
			return new MigrationsApplicationRunner(engine, properties, migrationsStartupGate, schemaCreations,
					publisher, entitySchema(entities, properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("migrations.command")
	static class CommandConfiguration {

		@Bean
		static HeldBackRunners migrationsHeldBackRunners() {
			return new HeldBackRunners();
		}

		@Bean
		MigrationsCommandRunner migrationsCommandRunner(MigrationEngine engine, MigrationsProperties properties,
				ObjectProvider<SchemaCreation> schemaCreations, DataSource dataSource,
				ObjectProvider<EntitySchema> entities, HeldBackRunners migrationsHeldBackRunners) {
			// A mistyped command was refused before the context started, by the
			// CommandEnvironmentPostProcessor
			MigrationsCommand command = MigrationsCommands.find(properties.getCommand());
			if (command != null && command.changesDatabase()) {
				ConnectionPoolCheck.requireEnoughConnections(dataSource);
			}
			return new MigrationsCommandRunner(engine, properties, schemaCreations, entitySchema(entities, properties),
					migrationsHeldBackRunners, System.out);
		}

		/**
		 * A command that fails exits with code 1, also when Spring Boot would not give
		 * the failure an exit code of its own.
		 */
		@Bean
		ExitCodeExceptionMapper migrationsCommandExitCodeExceptionMapper() {
			return (exception) -> MigrationsCommand.FAILED;
		}

	}

	static class NoCommandCondition extends NoneNestedConditions {

		NoCommandCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("migrations.command")
		static class CommandGiven {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
	static class SchedulingConfiguration {

		@Bean
		MigrationsSchedulingConfigurer migrationsSchedulingConfigurer(StartupGate migrationsStartupGate) {
			return new MigrationsSchedulingConfigurer(migrationsStartupGate);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		MigrationsMetrics migrationsMetrics() {
			return new MigrationsMetrics();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, LocalContainerEntityManagerFactoryBean.class })
	static class JpaConfiguration {

		/**
		 * Hibernate runs {@code ddl-auto} when its {@code EntityManagerFactory} is built,
		 * which may be late: lazily, or in the background with a bootstrap executor.
		 * Calling any method of the factory waits for it to be built.
		 */
		@Bean
		SchemaCreation jpaSchemaCreation(ObjectProvider<EntityManagerFactory> entityManagerFactories) {
			return () -> entityManagerFactories.orderedStream().forEach(EntityManagerFactory::getMetamodel);
		}

	}

	/**
	 * Defers {@code ddl-auto=validate} until the migrations have run, and compares the
	 * entities with the database after them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, LocalContainerEntityManagerFactoryBean.class,
			SessionFactory.class })
	static class HibernateConfiguration {

		@Bean
		static HibernateModels migrationsHibernateModels() {
			return new HibernateModels();
		}

		@Bean
		HibernateEntitySchema migrationsEntitySchema(HibernateModels migrationsHibernateModels,
				MigrationsProperties properties) {
			return new HibernateEntitySchema(migrationsHibernateModels, properties.getTable());
		}

	}

}
