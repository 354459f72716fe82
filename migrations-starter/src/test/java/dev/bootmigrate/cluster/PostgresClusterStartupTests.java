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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.testsupport.PostgresExtension;
import dev.bootmigrate.testsupport.PostgresSchema;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The cluster behaviour only PostgreSQL shows, beyond {@link ClusterStartupTests}:
 * separate JVM processes, processes killed in the middle of a migration, lock sessions
 * ended, and a held advisory lock.
 *
 * @author the bootmigrate authors
 */
@ExtendWith({ PostgresExtension.class, OutputCaptureExtension.class })
class PostgresClusterStartupTests {

	private PostgresSchema schema;

	private DataSource dataSource;

	@BeforeEach
	void createSchema(PostgresSchema schema) {
		this.schema = schema;
		this.dataSource = schema.dataSource();
	}

	@BeforeEach
	void clearExecutions() {
		ClusterApplication.executions.clear();
	}

	private void assertAppliedOnce() {
		ClusterStartupTests.assertAppliedOnce(this.dataSource);
	}

	private ConfigurableApplicationContext run(String... args) {
		return ClusterStartupTests.run(this.schema.springProperties(), args);
	}

	@Test
	void threeProcessesStartedAtOnceApplyEachMigrationExactlyOnce() throws Exception {
		List<Process> nodes = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			nodes.add(startNode("node" + i, "--cluster.slow-millis=3000"));
		}
		for (int i = 0; i < nodes.size(); i++) {
			assertThat(nodes.get(i).waitFor(120, TimeUnit.SECONDS)).as("node %d ended", i).isTrue();
			assertThat(nodes.get(i).exitValue()).as("exit code of node %d, see %s", i, log("node" + i)).isZero();
			assertThat(Files.readString(log("node" + i))).contains("NODE STARTED");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
		assertAppliedOnce();
	}

	@Test
	void killedProcessReleasesTheLockAndLeavesNoPartialMigration() throws Exception {
		Process node = startNode("killed", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		awaitSlowMigrationRunning(node);
		node.destroyForcibly();
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertCrashLeftNothingBehind();
		assertRestartAppliesEverything();
	}

	@Test
	void terminatedProcessReleasesTheLockAndLeavesNoPartialMigration() throws Exception {
		Process node = startNode("terminated", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		awaitSlowMigrationRunning(node);
		node.destroy();
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node ended after SIGTERM").isTrue();
		assertThat(node.exitValue()).isNotZero();
		assertThat(Files.readString(log("terminated")))
			.contains("Shutting down while migration 2 \"Create table t2 slowly\" is being applied: "
					+ "its transaction is rolled back and it stays pending");
		assertCrashLeftNothingBehind();
		assertRestartAppliesEverything();
	}

	@Test
	void startupFailsWithinTheTimeoutNamingTheHolder(CapturedOutput output) throws Exception {
		long key = TestEngines.postgresKey(this.schema.name(), "schema_migrations");
		try (Connection holder = DriverManager.getConnection(this.schema.url() + "&ApplicationName=lock-holder-test")) {
			int holderPid = queryInt(holder, "SELECT pg_backend_pid()");
			assertThat(queryBoolean(holder, "SELECT pg_try_advisory_lock(" + key + ")")).isTrue();
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=6s").close())
				.satisfies((ex) -> {
					assertThat(ex.getLock()).contains("PostgreSQL advisory lock " + key,
							this.schema.name() + ".schema_migrations");
					assertThat(ex.getHolder()).contains("pid " + holderPid, "application 'lock-holder-test'",
							"idle since");
				});
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(waited).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(15));
		}
		assertThat(output).contains("Waiting for the PostgreSQL advisory lock", "held by PostgreSQL backend pid",
				"APPLICATION FAILED TO START", "pg_terminate_backend");
		assertThat(ClusterApplication.executions).isEmpty();
	}

	@Test
	void lockSessionEndedDuringANonTransactionalMigrationNeverRunsItTwice() throws Exception {
		Process holder = startNode("holder", "--cluster.slow-version=2", "--cluster.non-transactional-version=2",
				"--cluster.slow-millis=8000");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertThat(holder.isAlive()).as("holder is alive, see its log").isTrue();
			return tableExists(jdbc, "applied_log")
					&& jdbc.queryForObject("SELECT COUNT(*) FROM applied_log WHERE version = '2'", Integer.class) == 1;
		});
		// What the lock-timeout report of a waiting instance used to suggest
		assertThat(terminateLockSession(jdbc)).isTrue();
		Process waiter = startNode("waiter", "--migrations.lock-timeout=60s");
		assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(waiter.exitValue()).as("exit code of the waiter, see %s", log("waiter")).isZero();
		assertThat(holder.exitValue()).isNotZero();
		assertThat(Files.readString(log("holder"))).contains("This instance lost the PostgreSQL advisory lock",
				"It stopped at migration 2 \"Create table t2 slowly\", which had completed and is recorded as applied");
		assertAppliedOnce();
	}

	@Test
	void holderSuspendedWhileItsLockSessionIsEndedStopsWhenResumedAndTheWaiterAppliesEachMigrationOnce()
			throws Exception {
		Process holder = startNode("suspended", "--cluster.slow-version=2", "--cluster.slow-millis=5000");
		awaitSlowMigrationRunning(holder);
		signal(holder, "STOP");
		try {
			assertThat(terminateLockSession(new JdbcTemplate(this.dataSource))).isTrue();
			Process waiter = startNode("taking-over", "--migrations.lock-timeout=60s");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> Files.readString(log("taking-over")).contains("Waiting for the PostgreSQL advisory lock"));
			assertThat(Files.readString(log("taking-over"))).contains("which is applying a migration");
			signal(holder, "CONT");
			assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(waiter.exitValue()).as("exit code of the waiter, see %s", log("taking-over")).isZero();
		}
		finally {
			signal(holder, "CONT");
		}
		assertThat(holder.exitValue()).isNotZero();
		assertThat(Files.readString(log("suspended"))).contains("This instance lost the PostgreSQL advisory lock",
				"It stopped at migration 2 \"Create table t2 slowly\", which was not applied");
		assertAppliedOnce();
	}

	@Test
	void lockTimeoutReportNamesTheSessionApplyingTheMigration() throws Exception {
		Process holder = startNode("migrating", "--cluster.slow-version=2", "--cluster.slow-millis=60000");
		try {
			awaitSlowMigrationRunning(holder);
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			int migrating = jdbc.queryForObject("SELECT pid FROM pg_stat_activity WHERE state = 'idle in transaction' "
					+ "AND query LIKE 'INSERT INTO applied_log%'", Integer.class);
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=2s").close())
				.satisfies((ex) -> assertThat(ex.getHolder()).startsWith("PostgreSQL backend pid " + migrating + " (")
					.contains("idle in transaction since", "transaction open since",
							"last statement 'INSERT INTO applied_log", "which is applying a migration",
							"the lock itself is held by PostgreSQL backend pid"));
		}
		finally {
			holder.destroyForcibly();
			holder.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private boolean terminateLockSession(JdbcTemplate jdbc) {
		long key = TestEngines.postgresKey(this.schema.name(), "schema_migrations");
		return jdbc.queryForObject(
				"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
						+ "AND granted AND objsubid = 1 AND classid::bigint = ? AND objid::bigint = ?",
				Boolean.class, key >>> 32, key & 0xFFFFFFFFL);
	}

	private static void signal(Process process, String signal) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
	}

	private void awaitSlowMigrationRunning(Process node) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertThat(node.isAlive()).as("node is alive, see its log").isTrue();
			return tableExists(jdbc, "schema_migrations")
					&& jdbc.queryForObject("SELECT COUNT(*) FROM schema_migrations WHERE version = '1'",
							Integer.class) == 1
					&& jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
							+ "AND query LIKE 'INSERT INTO applied_log%'", Integer.class) > 0;
		});
	}

	private void assertCrashLeftNothingBehind() throws Exception {
		long key = TestEngines.postgresKey(this.schema.name(), "schema_migrations");
		try (Connection connection = this.schema.connect()) {
			// "Immediately": within the time the server needs to see the closed socket
			await().atMost(Duration.ofSeconds(2))
				.until(() -> queryBoolean(connection, "SELECT pg_try_advisory_lock(" + key + ")"));
			queryBoolean(connection, "SELECT pg_advisory_unlock(" + key + ")");
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc
				.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' "
						+ "AND query LIKE 'INSERT INTO applied_log%'", Integer.class) == 0);
		assertThat(tableExists(jdbc, "t2")).as("partial DDL of migration 2").isFalse();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(jdbc.queryForList("SELECT version FROM applied_log", String.class)).containsExactly("1");
	}

	private void assertRestartAppliesEverything() throws Exception {
		Process node = startNode("restarted", "--cluster.slow-millis=0");
		assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as("exit code, see %s", log("restarted")).isZero();
		assertAppliedOnce();
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table);
	}

	private Process startNode(String name, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"),
				ClusterApplication.class.getName()));
		command.addAll(ClusterStartupTests.arguments(this.schema.springProperties()));
		command.add("--spring.application.name=" + name);
		command.addAll(List.of(args));
		File log = log(name).toFile();
		Files.createDirectories(log.toPath().getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private Path log(String name) {
		return Path.of("target", "cluster-nodes", this.schema.name() + "-" + name + ".log");
	}

	private static boolean queryBoolean(Connection connection, String sql) throws Exception {
		try (ResultSet result = connection.createStatement().executeQuery(sql)) {
			return result.next() && result.getBoolean(1);
		}
	}

	private static int queryInt(Connection connection, String sql) throws Exception {
		try (ResultSet result = connection.createStatement().executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

}
