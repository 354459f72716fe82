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

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.autoconfigure.MigrationsProperties;
import dev.bootmigrate.internal.sql.SqlMigrationSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * This starter's engine with the workload as SQL files in a jar on the class path, in the
 * default location ({@code classpath:db/migration}), driven as its auto-configuration
 * drives it: scan the location (list, read and checksum every file), resolve, migrate.
 * The database that decides how files are split is told by the pool's URL, as the
 * auto-configuration does with HikariCP.
 *
 * @author the bootmigrate authors
 */
final class BootmigrateSqlContender implements Contender {

	static final String NAME = "bootmigrate (SQL)";

	private SqlJar jar;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void prepare(Workload workload, Path directory) throws IOException {
		if (this.jar != null) {
			this.jar.close();
		}
		this.jar = SqlJar.write(workload, directory);
	}

	@Override
	public void migrate(DataSource dataSource) {
		engine(dataSource).migrate(null);
	}

	@Override
	public void check(DataSource dataSource) {
		MigrateResult result = engine(dataSource).migrate(null);
		if (!result.applied().isEmpty()) {
			throw new IllegalStateException("Applied " + result.applied());
		}
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		return Jdbc.count(dataSource, "schema_migrations");
	}

	private MigrationEngine engine(DataSource dataSource) {
		MigrationsProperties defaults = new MigrationsProperties();
		SqlMigrationSource files = new SqlMigrationSource(new DefaultResourceLoader(this.jar.classLoader()),
				() -> DatabaseDriver.fromJdbcUrl(((HikariDataSource) dataSource).getJdbcUrl()),
				new SqlMigrationSource.Settings(defaults.getLocations(), defaults.getIgnoredFiles(),
						defaults.getPlaceholders(), defaults.isPlaceholderReplacement(), defaults.isMixed()));
		return BootmigrateContender.engine(dataSource, List.of(files));
	}

}
