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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.LockSessions;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Instances of one application in separate JVM processes on one database: started at
 * once, killed ({@code kill -9}) or stopped ({@code SIGTERM}) in the middle of a
 * migration, suspended ({@code SIGSTOP}) while their lock session is ended, and waiting
 * for a lock held past the timeout. Run on every database that other processes can use;
 * the proofs that need another session to see or end the lock's session run where the
 * lock is a session-level lock ({@link LockSessions}). What only PostgreSQL shows is in
 * {@link PostgresClusterStartupTests}.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class ClusterProcessStartupTests extends AbstractTestDatabaseTests {

	private ClusterNodes nodes;

	@BeforeEach
	void startNodesOnTheDatabase() {
		assumeTrue(database().sharedByProcesses(), "processes other than this JVM cannot use the database");
		ClusterApplication.executions.clear();
		this.nodes = new ClusterNodes(database());
	}

	@Test
	void threeProcessesStartedAtOnceApplyEachMigrationExactlyOnce() throws Exception {
		List<Process> nodes = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			nodes.add(this.nodes.start("node" + i, "--cluster.slow-millis=3000"));
		}
		for (int i = 0; i < nodes.size(); i++) {
			assertThat(nodes.get(i).waitFor(120, TimeUnit.SECONDS)).as("node %d ended", i).isTrue();
			assertThat(nodes.get(i).exitValue()).as("exit code of node %d, see %s", i, this.nodes.log("node" + i))
				.isZero();
			assertThat(this.nodes.output("node" + i)).contains("NODE STARTED");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
		assertAppliedOnce();
	}

	@Test
	void killedProcessReleasesTheLockAndLeavesNoPartialMigration() throws Exception {
		Process node = this.nodes.start("killed", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		this.nodes.awaitSlowMigrationRunning(node, "killed");
		node.destroyForcibly();
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertCrashLeftNothingBehind();
		assertRestartAppliesEverything();
	}

	@Test
	void terminatedProcessReleasesTheLockAndLeavesNoPartialMigration() throws Exception {
		Process node = this.nodes.start("terminated", "--cluster.slow-version=2", "--cluster.slow-millis=120000");
		this.nodes.awaitSlowMigrationRunning(node, "terminated");
		node.destroy();
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node ended after SIGTERM").isTrue();
		assertThat(node.exitValue()).isNotZero();
		assertThat(this.nodes.output("terminated"))
			.contains("Shutting down while migration 2 \"Create table t2 slowly\" is being applied: "
					+ "its transaction is rolled back")
			.contains(database().transactionalDdl() ? "rolled back and it stays pending"
					: "what it committed so far stays, and the next start reports it as failed");
		assertCrashLeftNothingBehind();
		assertRestartAppliesEverything();
	}

	@Test
	void startupFailsWithinTheTimeoutNamingTheHolder(CapturedOutput output) throws Exception {
		LockSessions lock = lockSessions();
		long holderId;
		try (LockSessions.Holder holder = lock.hold()) {
			holderId = holder.id();
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=6s").close())
				.satisfies((ex) -> {
					assertThat(ex.getLock()).startsWith(lock.lockDescription())
						.endsWith(" on " + database().schema() + ".schema_migrations");
					assertThat(ex.getHolder()).startsWith(lock.session(holderId) + " (");
				});
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(waited).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(15));
		}
		assertThat(output).contains("Waiting for the " + lock.lockDescription(),
				"held by " + lock.session(holderId) + " (", "APPLICATION FAILED TO START", lock.endSessionStatement());
		assertThat(ClusterApplication.executions).isEmpty();
	}

	@Test
	void lockSessionEndedDuringANonTransactionalMigrationNeverRunsItTwice() throws Exception {
		LockSessions lock = lockSessions();
		Process holder = this.nodes.start("holder", "--cluster.slow-version=2", "--cluster.non-transactional-version=2",
				"--cluster.slow-millis=8000");
		this.nodes.awaitSlowMigrationRunning(holder, "holder");
		// What the lock-timeout report of a waiting instance suggests
		assertThat(lock.endHolder()).isTrue();
		Process waiter = this.nodes.start("waiter", "--migrations.lock-timeout=60s");
		assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(waiter.exitValue()).as("exit code of the waiter, see %s", this.nodes.log("waiter")).isZero();
		assertThat(holder.exitValue()).isNotZero();
		assertThat(this.nodes.output("holder")).contains("This instance lost the " + lock.lockDescription(),
				"It stopped at migration 2 \"Create table t2 slowly\", which had completed and is recorded as applied");
		assertAppliedOnce();
	}

	@Test
	void holderSuspendedWhileItsLockSessionIsEndedStopsWhenResumedAndTheWaiterAppliesEachMigrationOnce()
			throws Exception {
		LockSessions lock = lockSessions();
		Process holder = this.nodes.start("suspended", "--cluster.slow-version=2", "--cluster.slow-millis=5000");
		this.nodes.awaitSlowMigrationRunning(holder, "suspended");
		ClusterNodes.signal(holder, "STOP");
		try {
			assertThat(lock.endHolder()).isTrue();
			Process waiter = this.nodes.start("taking-over", "--migrations.lock-timeout=60s");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.nodes.output("taking-over").contains("Waiting for the " + lock.lockDescription()));
			assertThat(this.nodes.output("taking-over")).contains("which is applying a migration");
			ClusterNodes.signal(holder, "CONT");
			assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
			if (database().transactionalDdl()) {
				assertThat(waiter.exitValue()).as("exit code of the waiter, see %s", this.nodes.log("taking-over"))
					.isZero();
			}
			else {
				// The holder's DDL and claim were committed before it found the lock lost
				assertThat(waiter.exitValue()).isNotZero();
				assertThat(this.nodes.output("taking-over")).contains("records a migration as failed");
				assertRestartAppliesEverything();
			}
		}
		finally {
			ClusterNodes.signal(holder, "CONT");
		}
		assertThat(holder.exitValue()).isNotZero();
		assertThat(this.nodes.output("suspended")).contains("This instance lost the " + lock.lockDescription(),
				"It stopped at migration 2 \"Create table t2 slowly\", which was not applied");
		assertAppliedOnce();
	}

	@Test
	void lockTimeoutReportNamesTheSessionApplyingTheMigration() throws Exception {
		LockSessions lock = lockSessions();
		Process holder = this.nodes.start("migrating", "--cluster.slow-version=2", "--cluster.slow-millis=60000");
		try {
			this.nodes.awaitSlowMigrationRunning(holder, "migrating");
			long migrating = lock.migrating();
			long holding = lock.holder();
			assertThat(migrating).isNotZero().isNotEqualTo(holding);
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=2s").close())
				.satisfies((ex) -> assertThat(ex.getHolder()).startsWith(lock.session(migrating) + " (")
					.contains("transaction open since", "which is applying a migration",
							"the lock itself is held by " + lock.session(holding) + " ("));
		}
		finally {
			holder.destroyForcibly();
			holder.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private LockSessions lockSessions() {
		LockSessions lock = database().lockSessions();
		assumeTrue(lock != null,
				"the lock is a row lock in a transaction of its holder, which no other session " + "can see or end");
		return lock;
	}

	/**
	 * The lock is free, nothing of the migration that was running is recorded as applied
	 * nor has its effect, and where DDL is transactional its DDL is gone too.
	 */
	private void assertCrashLeftNothingBehind() throws Exception {
		LockSessions lock = database().lockSessions();
		if (lock != null) {
			// "Immediately": within the time the server needs to see the closed socket
			await().atMost(Duration.ofSeconds(2)).until(lock::isFree);
		}
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations WHERE execution_ms >= 0", String.class))
			.containsExactly("1");
		assertThat(jdbc.queryForList("SELECT version FROM applied_log", String.class)).containsExactly("1");
		if (database().transactionalDdl()) {
			assertThat(jdbc.queryForList("SELECT version FROM schema_migrations", String.class)).containsExactly("1");
			assertThat(tableExists(jdbc, "t2")).as("partial DDL of migration 2").isFalse();
		}
	}

	/**
	 * Restart: where DDL is transactional the crash left nothing, and the restart applies
	 * everything. Elsewhere the database committed the migration's DDL and its claim
	 * before the crash, recording it as failed: the restart refuses until an operator
	 * clears the record (the migration's DDL is idempotent), then applies everything.
	 */
	private void assertRestartAppliesEverything() throws Exception {
		if (hasFailedRecord()) {
			Process refused = this.nodes.start("refused", "--cluster.slow-millis=0");
			assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(refused.exitValue()).isNotZero();
			assertThat(this.nodes.output("refused")).contains("records a migration as failed", "2 \"Create table t2\"");
			Process repair = this.nodes.start("repair", "--migrations.command=repair");
			assertThat(repair.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(this.nodes.output("repair")).contains("cleared the failed record of 2");
		}
		Process node = this.nodes.start("restarted", "--cluster.slow-millis=0");
		assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as("exit code, see %s", this.nodes.log("restarted")).isZero();
		assertAppliedOnce();
	}

	/**
	 * Whether the history records a migration as failed: its claim was committed (on a
	 * database that commits before DDL) and not completed.
	 */
	private boolean hasFailedRecord() {
		return new JdbcTemplate(database().dataSource())
			.queryForObject("SELECT COUNT(*) FROM schema_migrations WHERE execution_ms = -1", Integer.class) > 0;
	}

	private boolean tableExists(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? " + "AND LOWER(table_name) = ?",
				Integer.class, database().schema(), table) > 0;
	}

	private void assertAppliedOnce() {
		ClusterStartupTests.assertAppliedOnce(database().dataSource());
	}

	private ConfigurableApplicationContext run(String... args) {
		return ClusterStartupTests.run(database().springProperties(), args);
	}

}
