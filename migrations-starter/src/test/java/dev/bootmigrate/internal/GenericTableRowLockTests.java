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
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.MigrationLockException;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the standard-SQL row lock used on databases that are not among the tested
 * ones, run on H2 treated as such a database.
 */
class GenericTableRowLockTests {

	@Test
	void secondSessionTimesOutWhileTheFirstHoldsTheLockThenGetsItAfterRelease() throws Exception {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100");
		Dialect generic = new GenericDialect(DatabaseDriver.UNKNOWN, "H2");
		HistoryTable table = new HistoryTable(null, "schema_migrations");
		TableRowLock first = new TableRowLock(dataSource, generic, table);
		TableRowLock second = new TableRowLock(dataSource, generic, table);
		try (DatabaseLock.Held held = first.acquire(Duration.ofSeconds(5))) {
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> second.acquire(Duration.ofMillis(500)));
		}
		try (DatabaseLock.Held held = second.acquire(Duration.ofSeconds(5))) {
			assertThat(held.describe()).contains("schema_migrations_lock");
		}
	}

}
