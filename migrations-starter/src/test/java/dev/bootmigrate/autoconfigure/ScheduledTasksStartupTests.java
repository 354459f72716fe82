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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The startup contract for scheduled tasks, on real {@code SpringApplication} runs: no
 * {@code @Scheduled} method body starts before the migrations have committed, and none
 * ever starts if they fail, whatever scheduler the application uses.
 *
 * @author the bootmigrate authors
 */
class ScheduledTasksStartupTests {

	private static final Duration MIGRATION_TIME = Duration.ofMillis(500);

	@ParameterizedTest(name = "{0}")
	@EnumSource(SchedulerSetup.class)
	void fixedRateTaskNeverSeesTheSchemaBeforeMigrationsCommit(SchedulerSetup setup) {
		setup.assumeSupported();
		Recorder recorder = new Recorder();
		try (ConfigurableApplicationContext context = application(setup, recorder, false).run()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(recorder.runs("immediate")).hasSizeGreaterThanOrEqualTo(3));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(recorder.runs("delayed")).hasSizeGreaterThanOrEqualTo(3));
			assertThat(recorder.failures).isEmpty();
			assertThat(recorder.runs("immediate").get(0)).isGreaterThan(recorder.migrationEnd);
			// Ten periods passed during the migration: a catch-up burst would run about
			// ten times at once
			assertThat(recorder.runsWithin("delayed", Duration.ofMillis(100))).as("catch-up burst").isLessThan(4);
			assertThat(recorder.runsWithin("immediate", Duration.ofMillis(100))).as("catch-up burst").isLessThan(4);
			setup.verify(recorder);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(SchedulerSetup.class)
	void noTaskEverRunsWhenAMigrationFails(SchedulerSetup setup) throws Exception {
		setup.assumeSupported();
		Recorder recorder = new Recorder();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> application(setup, recorder, true).run().close())
			.havingRootCause()
			.withMessageContaining("boom");
		Thread.sleep(300);
		assertThat(recorder.allRuns()).isEmpty();
	}

	@Test
	void failureReachesTheCallerAsAMigrationFailure() {
		Recorder recorder = new Recorder();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> application(SchedulerSetup.BOOT_DEFAULT, recorder, true).run())
			.satisfies((ex) -> assertThat(ex.getMigration().version()).isEqualTo("1"));
	}

	@Test
	void contextsThatNeverCallRunnersKeepTheirTasks() {
		Recorder recorder = new Recorder();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TaskSchedulingAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withUserConfiguration(ScheduledApplication.class)
			.withBean(Recorder.class, () -> recorder)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationsSchedulingConfigurer.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.runs("immediate").isEmpty());
			});
	}

	private static SpringApplication application(SchedulerSetup setup, Recorder recorder, boolean failing) {
		List<Class<?>> sources = new ArrayList<>(List.of(ScheduledApplication.class));
		sources.addAll(setup.configurations);
		SpringApplication application = new SpringApplication(sources.toArray(new Class<?>[0]));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("recorder", recorder);
			context.getBeanFactory().registerSingleton("migration", migration(recorder, failing));
		});
		Map<String, Object> properties = new java.util.HashMap<>(setup.properties);
		properties.put("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		properties.put("spring.main.banner-mode", "off");
		application.setDefaultProperties(properties);
		return application;
	}

	private static Migration migration(Recorder recorder, boolean failing) {
		return Migration.of("1", "Create ticks slowly", (context) -> {
			Thread.sleep(MIGRATION_TIME.toMillis());
			context.jdbc().execute("CREATE TABLE ticks (id INT)");
			if (failing) {
				throw new IllegalStateException("boom");
			}
			recorder.migrationEnd = System.nanoTime();
		});
	}

	enum SchedulerSetup {

		BOOT_DEFAULT(Map.of(), List.of(BootScheduling.class), "scheduling-"),

		VIRTUAL_THREADS(Map.of("spring.threads.virtual.enabled", "true"), List.of(BootScheduling.class),
				"VirtualThread"),

		USER_SIMPLE_ASYNC_TASK_SCHEDULER(Map.of(), List.of(BootScheduling.class, UserSimpleAsyncTaskScheduler.class),
				"SimpleAsyncTaskScheduler-"),

		USER_TASK_SCHEDULER(Map.of(), List.of(BootScheduling.class, UserTaskScheduler.class), "user-scheduler-"),

		USER_SCHEDULED_EXECUTOR_SERVICE(Map.of(), List.of(BootScheduling.class, UserScheduledExecutorService.class),
				"user-executor-"),

		NO_SCHEDULER_BEAN(Map.of(), List.of(), "pool-"),

		USER_SCHEDULING_CONFIGURER(Map.of(), List.of(BootScheduling.class, UserSchedulingConfigurer.class),
				"user-configurer-");

		private final Map<String, Object> properties;

		private final List<Class<?>> configurations;

		private final String thread;

		SchedulerSetup(Map<String, Object> properties, List<Class<?>> configurations, String thread) {
			this.properties = properties;
			this.configurations = configurations;
			this.thread = thread;
		}

		void assumeSupported() {
			if (this == VIRTUAL_THREADS) {
				assumeThat(JRE.currentVersionNumber()).as("virtual threads need Java 21").isGreaterThanOrEqualTo(21);
			}
		}

		/**
		 * Check that the tasks ran on the scheduler this setup is about.
		 */
		void verify(Recorder recorder) {
			assertThat(recorder.threads).isNotEmpty().allSatisfy((thread) -> assertThat(thread).contains(this.thread));
		}

	}

	/**
	 * Records each run of the scheduled methods, and whether it saw the migrated schema.
	 */
	static class Recorder {

		final Map<String, List<Long>> runs = new ConcurrentHashMap<>();

		final List<String> failures = new CopyOnWriteArrayList<>();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		volatile long migrationEnd = Long.MAX_VALUE;

		void record(String task, JdbcTemplate jdbc) {
			this.threads.add(Thread.currentThread().toString());
			this.runs.computeIfAbsent(task, (key) -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
			try {
				Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM schema_migrations WHERE version = '1'",
						Integer.class);
				jdbc.queryForObject("SELECT COUNT(*) FROM ticks", Integer.class);
				if (applied == null || applied != 1) {
					this.failures.add(task + " ran before migration 1 was recorded");
				}
			}
			catch (RuntimeException ex) {
				this.failures.add(task + " saw the schema before migration: " + ex.getMessage());
			}
		}

		List<Long> runs(String task) {
			return this.runs.getOrDefault(task, List.of());
		}

		List<Long> allRuns() {
			return this.runs.values().stream().flatMap(List::stream).toList();
		}

		long runsWithin(String task, Duration window) {
			List<Long> runs = runs(task);
			return runs.stream().filter((run) -> run - runs.get(0) < window.toNanos()).count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class ScheduledApplication {

		@Bean
		Probe probe(Recorder recorder, JdbcTemplate jdbc) {
			return new Probe(recorder, jdbc);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TaskSchedulingAutoConfiguration.class)
	static class BootScheduling {

	}

	static class Probe {

		private final Recorder recorder;

		private final JdbcTemplate jdbc;

		Probe(Recorder recorder, JdbcTemplate jdbc) {
			this.recorder = recorder;
			this.jdbc = jdbc;
		}

		@Scheduled(fixedRate = 50, initialDelay = 0)
		void immediate() {
			this.recorder.record("immediate", this.jdbc);
		}

		@Scheduled(fixedRate = 50, initialDelay = 10)
		void delayed() {
			this.recorder.record("delayed", this.jdbc);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSimpleAsyncTaskScheduler {

		@Bean
		SimpleAsyncTaskScheduler taskScheduler() {
			return new SimpleAsyncTaskScheduler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskScheduler {

		@Bean
		ThreadPoolTaskScheduler myScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("user-scheduler-");
			return scheduler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserScheduledExecutorService {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService myExecutor() {
			return Executors.newScheduledThreadPool(2, new CustomizableThreadFactory("user-executor-"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSchedulingConfigurer implements SchedulingConfigurer {

		private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
				new CustomizableThreadFactory("user-configurer-"));

		volatile boolean configured;

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.setScheduler(this.executor);
			this.configured = true;
		}

		@jakarta.annotation.PreDestroy
		void shutdown() {
			this.executor.shutdownNow();
		}

	}

}
