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
package dev.bootmigrate.benchmarks;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.autoconfigure.MigrationsProperties;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.MigrationSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * This starter's engine, driven as its auto-configuration drives it at startup: resolve
 * and validate the migration beans, create the {@link MigrationEngine}, migrate. The
 * beans themselves exist before the application starts, so they are created untimed.
 *
 * @author the bootmigrate authors
 */
final class BootmigrateContender implements Contender {

	static final String NAME = "bootmigrate";

	private Map<String, Migration> beans = Map.of();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void prepare(Workload workload, Path directory) {
		// By bean name, as a component scan finds them: not in version order
		Map<String, Migration> beans = new TreeMap<>();
		for (int i = 1; i <= workload.size(); i++) {
			String sql = workload.sql(i);
			beans.put("createT" + i, Migration.of(workload.version(i), workload.description(i),
					(context) -> context.jdbc().execute(sql)));
		}
		this.beans = beans;
	}

	@Override
	public void migrate(DataSource dataSource) {
		engine(dataSource, this.beans).migrate(null);
	}

	@Override
	public void check(DataSource dataSource) {
		MigrateResult result = engine(dataSource, this.beans).migrate(null);
		if (!result.applied().isEmpty()) {
			throw new IllegalStateException("Applied " + result.applied());
		}
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		return Jdbc.count(dataSource, "schema_migrations");
	}

	/**
	 * Create the engine as the auto-configuration does, with the default settings of the
	 * starter's properties: the migrations are resolved and checked here, as at startup.
	 * The only place that constructs it, so that a change of its constructor is adapted
	 * to once.
	 * @param dataSource the data source
	 * @param beans the migration beans by name
	 * @return the engine
	 */
	static MigrationEngine engine(DataSource dataSource, Map<String, Migration> beans) {
		return engine(dataSource, List.of(MigrationSource.of(beans)));
	}

	/**
	 * Create the engine of the given migration sources as the auto-configuration does.
	 * @param dataSource the data source
	 * @param sources where the migrations are defined
	 * @return the engine
	 */
	static MigrationEngine engine(DataSource dataSource, List<MigrationSource> sources) {
		MigrationsProperties defaults = new MigrationsProperties();
		DefaultMigrationEngine.Settings settings = new DefaultMigrationEngine.Settings(defaults.getTable(),
				defaults.getSchema(), defaults.getInstalledBy(), defaults.getLockTimeout(),
				defaults.getOnPending() == MigrationsProperties.Policy.FAIL,
				defaults.getOnUnknown() == MigrationsProperties.Policy.FAIL,
				defaults.getOnChecksumMismatch() == MigrationsProperties.Policy.FAIL, defaults.getDdlLockTimeout(),
				defaults.getDdlLockRetries(), Duration.ofSeconds(30));
		// As the auto-configuration does: the application's transaction manager, asked
		// for only when a migration runs
		return new DefaultMigrationEngine(dataSource, () -> new DataSourceTransactionManager(dataSource), sources,
				settings, List.of());
	}

}
