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
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationCallback;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Builds engines for the tests from migrations, as the auto-configuration would from
 * beans named {@code migration0}, {@code migration1}, ...
 *
 * @author the bootmigrate authors
 */
public final class TestEngines {

	private TestEngines() {
	}

	/**
	 * Create an engine of the given migrations, named as beans {@code migration0},
	 * {@code migration1}, ...
	 * @param dataSource the data source
	 * @param settings the settings
	 * @param migrations the migrations
	 * @return the engine
	 */
	public static DefaultMigrationEngine engine(DataSource dataSource, DefaultMigrationEngine.Settings settings,
			Migration... migrations) {
		Map<String, Migration> beans = new LinkedHashMap<>();
		for (int i = 0; i < migrations.length; i++) {
			beans.put("migration" + i, migrations[i]);
		}
		return engine(dataSource, settings, beans);
	}

	/**
	 * Create an engine of the given migration beans.
	 * @param dataSource the data source
	 * @param settings the settings
	 * @param beans the migrations by bean name
	 * @return the engine
	 */
	public static DefaultMigrationEngine engine(DataSource dataSource, DefaultMigrationEngine.Settings settings,
			Map<String, ? extends Migration> beans) {
		return engine(dataSource, settings, beans, List.of());
	}

	/**
	 * Create an engine of the given migration beans, with callbacks.
	 * @param dataSource the data source
	 * @param settings the settings
	 * @param beans the migrations by bean name
	 * @param callbacks the callbacks
	 * @return the engine
	 */
	public static DefaultMigrationEngine engine(DataSource dataSource, DefaultMigrationEngine.Settings settings,
			Map<String, ? extends Migration> beans, List<MigrationCallback> callbacks) {
		return new DefaultMigrationEngine(dataSource, () -> new DataSourceTransactionManager(dataSource),
				List.of(MigrationSource.of(beans)), settings, callbacks);
	}

	/**
	 * Return the settings of the starter's defaults, on {@code schema_migrations}, but
	 * for a lock timeout of 10 seconds.
	 * @return the settings
	 */
	public static DefaultMigrationEngine.Settings settings() {
		return settings("schema_migrations", null, Duration.ofSeconds(10));
	}

	/**
	 * Return the default settings with the given history table, recorder and lock
	 * timeout.
	 * @param table the history table
	 * @param installedBy who to record, or {@code null} for the database user
	 * @param lockTimeout how long to wait for the lock
	 * @return the settings
	 */
	public static DefaultMigrationEngine.Settings settings(String table, @Nullable String installedBy,
			Duration lockTimeout) {
		return new DefaultMigrationEngine.Settings(table, null, installedBy, lockTimeout, false, false, true,
				Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
	}

	/**
	 * Return the default settings with the given DDL lock timeout and retries.
	 * @param ddlLockTimeout how long a statement waits for a lock
	 * @param retries how many times a migration that gave up waiting is retried
	 * @return the settings
	 */
	public static DefaultMigrationEngine.Settings settings(Duration ddlLockTimeout, int retries) {
		return new DefaultMigrationEngine.Settings("schema_migrations", null, null, Duration.ofSeconds(10), false,
				false, true, ddlLockTimeout, retries, Duration.ofSeconds(30));
	}

	/**
	 * Return the default settings with the given lock timeout and progress interval.
	 * @param lockTimeout how long to wait for the lock
	 * @param progressInterval how often a long migration is logged
	 * @return the settings
	 */
	public static DefaultMigrationEngine.Settings settings(Duration lockTimeout, Duration progressInterval) {
		return new DefaultMigrationEngine.Settings("schema_migrations", null, null, lockTimeout, false, false, true,
				Duration.ofSeconds(10), 3, progressInterval);
	}

	/**
	 * Return the PostgreSQL advisory lock key that guards the given history table.
	 * @param schema the schema of the history table
	 * @param table the name of the history table
	 * @return the key, as taken by {@code pg_try_advisory_lock(bigint)}
	 */
	public static long postgresKey(String schema, String table) {
		return PostgresAdvisoryLock.keyFor(schema + "." + table);
	}

	/**
	 * Return the PostgreSQL advisory lock key that marks the session applying a migration
	 * to the given history table.
	 * @param schema the schema of the history table
	 * @param table the name of the history table
	 * @return the key
	 */
	public static long postgresMarkKey(String schema, String table) {
		return PostgresAdvisoryLock.markKeyFor(schema + "." + table);
	}

	/**
	 * Return the name of the MariaDB or MySQL named lock that guards the given history
	 * table.
	 * @param schema the schema (database) of the history table
	 * @param table the name of the history table
	 * @return the name, as taken by {@code GET_LOCK}
	 */
	public static String mariaDbName(String schema, String table) {
		return MariaDbNamedLock.nameFor(schema + "." + table);
	}

	/**
	 * Return the name of the MariaDB or MySQL named lock that marks the session applying
	 * a migration to the given history table.
	 * @param schema the schema (database) of the history table
	 * @param table the name of the history table
	 * @return the name
	 */
	public static String mariaDbMarkName(String schema, String table) {
		return MariaDbNamedLock.markNameFor(schema + "." + table);
	}

}
