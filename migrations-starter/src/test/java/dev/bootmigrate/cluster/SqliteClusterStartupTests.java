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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.SqliteDatabase;
import dev.bootmigrate.testsupport.SqliteDatabase.JournalMode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The cluster behaviour of SQLite beyond {@link ClusterStartupTests}: separate JVM
 * processes on one database file, processes killed ({@code kill -9}), terminated and
 * suspended ({@code SIGSTOP}) in the middle of a migration (killed in both of SQLite's
 * journal modes), and the lock-timeout report that names the process holding the lock
 * file.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SqliteClusterStartupTests {

	private SqliteDatabase database = SqliteDatabase.create();

	private DataSource dataSource = this.database.dataSource();

	private final List<Process> nodes = new ArrayList<>();

	@BeforeEach
	void clearExecutions() {
		ClusterApplication.executions.clear();
	}

	@AfterEach
	void stopNodesAndDeleteTheDatabase() throws Exception {
		for (Process node : this.nodes) {
			signal(node, "CONT");
			node.destroyForcibly();
			node.waitFor(30, TimeUnit.SECONDS);
		}
		this.database.close();
	}

	@Test
	void threeProcessesStartedAtOnceApplyEachMigrationExactlyOnce() throws Exception {
		long started = System.nanoTime();
		List<Process> nodes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			nodes.add(startNode("node" + i, "--cluster.slow-millis=3000"));
		}
		for (int i = 0; i < nodes.size(); i++) {
			assertThat(nodes.get(i).waitFor(120, TimeUnit.SECONDS)).as("node %d ended", i).isTrue();
			assertThat(nodes.get(i).exitValue()).as("exit code of node %d, see %s", i, log("node" + i)).isZero();
			assertThat(Files.readString(log("node" + i))).contains("NODE STARTED");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
		ClusterStartupTests.assertAppliedOnce(this.dataSource);
	}

	@ParameterizedTest
	@EnumSource(JournalMode.class)
	void killedProcessReleasesTheLockAndLeavesNoPartialMigration(JournalMode journalMode) throws Exception {
		useJournalMode(journalMode);
		Process node = startNode("killed", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		awaitSlowMigrationRunning(node, "killed");
		node.destroyForcibly();
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertCrashLeftNothingBehind();
		assertRestartAppliesEverything();
	}

	@Test
	void terminatedProcessReleasesTheLockAndLeavesNoPartialMigration() throws Exception {
		Process node = startNode("terminated", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		awaitSlowMigrationRunning(node, "terminated");
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
	void lockTimeoutReportNamesTheProcessHoldingTheLockFile(CapturedOutput output) throws Exception {
		Process holder = startNode("holding", "--cluster.slow-version=2", "--cluster.slow-millis=60000");
		awaitSlowMigrationRunning(holder, "holding");
		long started = System.nanoTime();
		assertThatExceptionOfType(MigrationLockException.class).isThrownBy(
				() -> ClusterStartupTests.run(this.database.springProperties(), "--migrations.lock-timeout=6s").close())
			.satisfies((ex) -> {
				assertThat(ex.getLock()).isEqualTo("SQLite lock file " + lockFile());
				assertThat(ex.getHolder()).startsWith("process " + holder.pid() + " on host ")
					.contains("(as it recorded in schema_migrations_lock)");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(6),
				Duration.ofSeconds(20));
		assertThat(output).contains("Waiting for the SQLite lock file " + lockFile(), "held by process " + holder.pid(),
				"APPLICATION FAILED TO START", "that is the process named above: stop it");
		assertThat(ClusterApplication.executions).isEmpty();
	}

	@Test
	void suspendedHolderKeepsTheLockAndTheWaiterTimesOutNamingItThenItFinishes() throws Exception {
		Process holder = startNode("suspended", "--cluster.slow-version=2", "--cluster.slow-millis=3000");
		awaitSlowMigrationRunning(holder, "suspended");
		signal(holder, "STOP");
		try {
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(
						() -> ClusterStartupTests.run(this.database.springProperties(), "--migrations.lock-timeout=2s")
							.close())
				.satisfies((ex) -> assertThat(ex.getHolder()).startsWith("process " + holder.pid() + " on host "));
			assertThat(ClusterApplication.executions).isEmpty();
		}
		finally {
			signal(holder, "CONT");
		}
		assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(holder.exitValue()).as("exit code, see %s", log("suspended")).isZero();
		ClusterStartupTests.assertAppliedOnce(this.dataSource);
	}

	private void useJournalMode(JournalMode journalMode) {
		this.database.close();
		this.database = SqliteDatabase.create(journalMode);
		this.dataSource = this.database.dataSource();
	}

	/**
	 * Wait until the node is in the middle of migration 2, which created its table and
	 * logged itself in a transaction that it keeps open.
	 */
	private void awaitSlowMigrationRunning(Process node, String name) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertThat(node.isAlive()).as("node is alive, see its log").isTrue();
			return Files.readString(log(name)).contains(ClusterApplication.SLOW_MIGRATION_RUNNING + "2");
		});
	}

	private void assertCrashLeftNothingBehind() throws Exception {
		// "Immediately": the operating system released the lock with the process
		try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + lockFile());
				Statement statement = lock.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			statement.execute("BEGIN IMMEDIATE");
			statement.execute("ROLLBACK");
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sqlite_schema WHERE name = 't2'", Integer.class))
			.as("partial DDL of migration 2")
			.isZero();
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
		assertThat(jdbc.queryForList("SELECT version FROM applied_log", String.class)).containsExactly("1");
	}

	private void assertRestartAppliesEverything() throws Exception {
		Process node = startNode("restarted", "--cluster.slow-millis=0");
		assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as("exit code, see %s", log("restarted")).isZero();
		ClusterStartupTests.assertAppliedOnce(this.dataSource);
	}

	private Path lockFile() {
		return Path.of(this.database.file() + "-schema_migrations.lock");
	}

	private Process startNode(String name, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"),
				ClusterApplication.class.getName()));
		command.addAll(ClusterStartupTests.arguments(this.database.springProperties()));
		command.add("--spring.application.name=" + name);
		command.addAll(List.of(args));
		File log = log(name).toFile();
		Files.createDirectories(log.toPath().getParent());
		Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		this.nodes.add(node);
		return node;
	}

	private Path log(String name) {
		return Path.of("target", "cluster-nodes",
				"sqlite-" + this.database.file().getParent().getFileName() + "-" + name + ".log");
	}

	private static void signal(Process process, String signal) throws Exception {
		if (process.isAlive()) {
			new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
		}
	}

}
