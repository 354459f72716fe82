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
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What only PostgreSQL shows of the cluster proofs of {@link ClusterProcessStartupTests}:
 * the application name and state of the session holding the lock, and the open
 * transaction and last statement of the session applying a migration.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL")
class PostgresClusterStartupTests extends AbstractTestDatabaseTests {

	@BeforeEach
	void clearExecutions() {
		ClusterApplication.executions.clear();
	}

	@Test
	void lockTimeoutReportGivesTheHoldersApplicationNameAndState() throws Exception {
		long key = TestEngines.postgresKey(database().schema(), "schema_migrations");
		try (Connection holder = DriverManager.getConnection(database().url() + "&ApplicationName=lock-holder-test")) {
			holder.createStatement().execute("SELECT pg_advisory_lock(" + key + ")");
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> ClusterStartupTests.run(database().springProperties(), "--migrations.lock-timeout=1s")
					.close())
				.satisfies((ex) -> assertThat(ex.getHolder()).contains("application 'lock-holder-test'", "idle since",
						"last statement 'SELECT pg_advisory_lock(" + key + ")'"));
		}
		assertThat(ClusterApplication.executions).isEmpty();
	}

	@Test
	void lockTimeoutReportGivesTheLastStatementOfTheSessionApplyingTheMigration() throws Exception {
		ClusterNodes nodes = new ClusterNodes(database());
		Process holder = nodes.start("migrating", "--cluster.slow-version=2", "--cluster.slow-millis=60000");
		try {
			nodes.awaitSlowMigrationRunning(holder, "migrating");
			int migrating = new JdbcTemplate(database().dataSource())
				.queryForObject("SELECT pid FROM pg_stat_activity WHERE state = 'idle in transaction' "
						+ "AND query LIKE 'INSERT INTO applied_log%'", Integer.class);
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> ClusterStartupTests.run(database().springProperties(), "--migrations.lock-timeout=2s")
					.close())
				.satisfies((ex) -> assertThat(ex.getHolder()).startsWith("PostgreSQL backend pid " + migrating + " (")
					.contains("idle in transaction since", "last statement 'INSERT INTO applied_log"));
		}
		finally {
			holder.destroyForcibly();
			holder.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
