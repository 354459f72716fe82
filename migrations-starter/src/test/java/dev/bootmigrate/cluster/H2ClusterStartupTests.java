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
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cluster contract on one in-memory H2 database shared by the contexts of this JVM,
 * serialised by the row lock.
 *
 * @author the bootmigrate authors
 */
class H2ClusterStartupTests extends AbstractClusterStartupTests {

	private final H2Database database = H2Database.create();

	@Override
	protected List<String> databaseProperties() {
		return this.database.springProperties();
	}

	@Override
	protected DataSource dataSource() {
		return this.database.dataSource();
	}

	@Test
	void startupFailsWhenTheLockIsHeldPastTheTimeout() throws Exception {
		try (Connection holder = dataSource().getConnection()) {
			holder.createStatement().execute("CREATE TABLE schema_migrations_lock (id INT NOT NULL PRIMARY KEY)");
			holder.createStatement().execute("INSERT INTO schema_migrations_lock (id) VALUES (1)");
			holder.setAutoCommit(false);
			holder.createStatement().executeQuery("SELECT id FROM schema_migrations_lock WHERE id = 1 FOR UPDATE");
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> run("--migrations.lock-timeout=1s").close())
				.satisfies((ex) -> assertThat(ex.getLock()).isEqualTo("row lock on schema_migrations_lock"));
			assertThat(System.nanoTime() - started).isLessThan(java.time.Duration.ofSeconds(10).toNanos());
			holder.rollback();
		}
		assertThat(ClusterApplication.executions).isEmpty();
	}

}
