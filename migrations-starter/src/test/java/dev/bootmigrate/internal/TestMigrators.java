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
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.bootmigrate.Migration;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Builds engines for the tests from migrations, as the auto-configuration would from
 * beans named {@code migration0}, {@code migration1}, ...
 *
 * @author the bootmigrate authors
 */
final class TestMigrators {

	private TestMigrators() {
	}

	static Migrator migrator(DataSource dataSource, Migrator.Settings settings, Migration... migrations) {
		Map<String, Migration> beans = new LinkedHashMap<>();
		for (int i = 0; i < migrations.length; i++) {
			beans.put("migration" + i, migrations[i]);
		}
		return new Migrator(dataSource, new DataSourceTransactionManager(dataSource),
				ResolvedMigration.resolveAll(beans), settings, MigrationListener.NONE);
	}

	static Migrator.Settings settings(Duration ddlLockTimeout, int retries) {
		return new Migrator.Settings(new HistoryTable(null, "schema_migrations"), null, Duration.ofSeconds(10), false,
				true, ddlLockTimeout, retries, Duration.ofSeconds(30));
	}

}
