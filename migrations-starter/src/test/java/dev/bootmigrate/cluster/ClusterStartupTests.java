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
package dev.bootmigrate.cluster;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many instances of one application starting at once against one database: each migration
 * is applied exactly once and every instance starts. Run once per database; separate
 * processes, killed or suspended, and ended lock sessions are in
 * {@link ClusterProcessStartupTests}.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class ClusterStartupTests extends AbstractTestDatabaseTests {

	static final int CONTEXTS = 8;

	@BeforeEach
	void clearExecutions() {
		ClusterApplication.executions.clear();
	}

	@Test
	void eightContextsStartedAtOnceApplyEachMigrationExactlyOnce() throws Exception {
		// Logback cannot be initialised by several threads at once; it is set up already
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		ExecutorService executor = Executors.newFixedThreadPool(CONTEXTS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ConfigurableApplicationContext>> contexts = new ArrayList<>();
		for (int i = 0; i < CONTEXTS; i++) {
			contexts.add(executor.submit(() -> {
				start.await();
				return run("--cluster.slow-millis=3000");
			}));
		}
		long started = System.nanoTime();
		start.countDown();
		try {
			for (Future<ConfigurableApplicationContext> context : contexts) {
				assertThat(context.get(90, TimeUnit.SECONDS).isActive()).isTrue();
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(60));
			assertThat(ClusterApplication.executions).hasSize(ClusterApplication.MIGRATIONS)
				.allSatisfy((version, count) -> assertThat(count).as("executions of " + version).hasValue(1));
			assertAppliedOnce();
		}
		finally {
			for (Future<ConfigurableApplicationContext> context : contexts) {
				if (context.isDone() && !context.isCancelled()) {
					try {
						context.get().close();
					}
					catch (Exception ex) {
						// reported by the assertions above
					}
				}
			}
			executor.shutdownNow();
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@Test
	void startupFailsWhenTheRowLockIsHeldPastTheTimeout() throws Exception {
		assumeTrue(database().tableRowLock(),
				"the database locks otherwise than with a row of a lock table, proven by its own cluster tests");
		try (Connection holder = database().dataSource().getConnection()) {
			holder.createStatement().execute("CREATE TABLE schema_migrations_lock (id INT NOT NULL PRIMARY KEY)");
			holder.createStatement().execute("INSERT INTO schema_migrations_lock (id) VALUES (1)");
			holder.setAutoCommit(false);
			holder.createStatement().executeQuery("SELECT id FROM schema_migrations_lock WHERE id = 1 FOR UPDATE");
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=1s").close())
				.satisfies((ex) -> assertThat(ex.getLock()).isEqualTo("row lock on schema_migrations_lock"));
			assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(10).toNanos());
			holder.rollback();
		}
		assertThat(ClusterApplication.executions).isEmpty();
	}

	private void assertAppliedOnce() {
		assertAppliedOnce(database().dataSource());
	}

	private ConfigurableApplicationContext run(String... args) {
		return run(database().springProperties(), args);
	}

	static void assertAppliedOnce(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<String> expected = IntStream.rangeClosed(1, ClusterApplication.MIGRATIONS)
			.mapToObj(Integer::toString)
			.toList();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class))
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(jdbc.queryForList("SELECT version FROM applied_log", String.class))
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	static ConfigurableApplicationContext run(List<String> databaseProperties, String... args) {
		SpringApplication application = new SpringApplication(ClusterApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		List<String> arguments = new ArrayList<>(arguments(databaseProperties));
		arguments.addAll(List.of(args));
		return application.run(arguments.toArray(new String[0]));
	}

	static List<String> arguments(List<String> databaseProperties) {
		List<String> arguments = new ArrayList<>();
		databaseProperties.forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--spring.datasource.hikari.maximum-pool-size=3");
		return arguments;
	}

}
