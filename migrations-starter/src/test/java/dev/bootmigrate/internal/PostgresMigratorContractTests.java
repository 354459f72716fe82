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
package dev.bootmigrate.internal;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.testsupport.PostgresExtension;
import dev.bootmigrate.testsupport.PostgresSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The contract on PostgreSQL, each test in a schema of its own.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(PostgresExtension.class)
class PostgresMigratorContractTests extends AbstractMigratorContractTests {

	private DataSource dataSource;

	@BeforeEach
	void createSchema(PostgresSchema schema) {
		this.dataSource = schema.dataSource();
	}

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	protected boolean transactionalDdl() {
		return true;
	}

	@Test
	void createIndexConcurrentlyRunsWithoutATransactionWhileTheLockIsHeld() {
		Migration index = nonTransactional("3", "Index item names concurrently", (context) -> context.jdbc()
			.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name ON items (name)"));
		Migrator migrator = migrator(createTable("1", "items"), insert("2", "items", 2), index);
		MigrateResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> migrator.migrate(null));
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1", "2", "3");
		assertThat(jdbc().queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('items_name')",
				Boolean.class))
			.isTrue();
		assertThat(jdbc().queryForObject("SELECT type FROM schema_migrations WHERE version = '3'", String.class))
			.isEqualTo("JAVA_NO_TX");
	}

	@Test
	void createIndexConcurrentlyInsideATransactionFailsWithTheDatabaseReason() {
		Migration index = Migration.of("2", "Index item names concurrently",
				(context) -> context.jdbc().execute("CREATE INDEX CONCURRENTLY items_name ON items (name)"));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), index).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getSqlState()).isEqualTo("25001");
				assertThat(ex.getCauseMessage()).contains("cannot run inside a transaction block");
			});
	}

	@Test
	void failedMigrationLeavesNoSchemaChangeBehind() {
		Migration failing = Migration.of("2", "Create then fail", (context) -> {
			context.jdbc().execute("CREATE TABLE half_done (id INT)");
			context.jdbc().execute("ALTER TABLE items ADD COLUMN extra INT");
			context.jdbc().execute("SELECT no_such_column FROM items");
		});
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(createTable("1", "items"), failing).migrate(null))
			.satisfies((ex) -> assertThat(ex.getSqlState()).isEqualTo("42703"));
		assertThat(jdbc().queryForObject("SELECT to_regclass('half_done') IS NULL", Boolean.class)).isTrue();
		assertThat(jdbc()
			.queryForObject("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
					+ "AND table_name = 'items' AND column_name = 'extra'", Integer.class))
			.isZero();
	}

}
