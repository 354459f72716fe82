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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Flyway, configured as Spring Boot's Flyway integration configures it by default and run
 * as its {@code FlywayMigrationInitializer} runs it: {@code load()} then
 * {@code migrate()}, which validates first. Either with Java migrations (instances, as
 * Boot registers {@code JavaMigration} beans) or with SQL migration files in a jar on the
 * class path, in Boot's default location.
 *
 * @author the bootmigrate authors
 */
final class FlywayContender implements Contender {

	private final boolean sql;

	private final List<JavaMigration> javaMigrations = new ArrayList<>();

	private SqlJar jar;

	private FlywayContender(boolean sql) {
		this.sql = sql;
	}

	static FlywayContender java() {
		return new FlywayContender(false);
	}

	static FlywayContender sql() {
		return new FlywayContender(true);
	}

	@Override
	public String name() {
		return this.sql ? "Flyway (SQL)" : "Flyway (Java)";
	}

	@Override
	public void prepare(Workload workload, Path directory) throws Exception {
		this.javaMigrations.clear();
		if (this.jar != null) {
			this.jar.close();
		}
		if (this.sql) {
			this.jar = SqlJar.write(workload, directory);
			return;
		}
		for (int i = 1; i <= workload.size(); i++) {
			this.javaMigrations.add(new CreateTable(workload.version(i), workload.description(i), workload.sql(i)));
		}
	}

	@Override
	public void migrate(DataSource dataSource) {
		configure(dataSource).load().migrate();
	}

	@Override
	public void check(DataSource dataSource) {
		int executed = configure(dataSource).load().migrate().migrationsExecuted;
		if (executed != 0) {
			throw new IllegalStateException("Applied " + executed + " migrations");
		}
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			// Flyway quotes its names: double quotes, or MariaDB's back ticks
			String quote = connection.getMetaData().getIdentifierQuoteString();
			return Jdbc.count(connection,
					quote + "flyway_schema_history" + quote + " WHERE " + quote + "version" + quote + " IS NOT NULL");
		}
	}

	private FluentConfiguration configure(DataSource dataSource) {
		// Boot's defaults: Flyway's own, with Boot's logger choice; SQL files in Boot's
		// default location, in the jar on the class path
		ClassLoader classLoader = this.sql ? this.jar.classLoader() : getClass().getClassLoader();
		FluentConfiguration configuration = Flyway.configure(classLoader).dataSource(dataSource).loggers("slf4j");
		if (this.sql) {
			return configuration.locations("classpath:" + SqlJar.LOCATION);
		}
		return configuration.javaMigrations(this.javaMigrations.toArray(JavaMigration[]::new));
	}

	/**
	 * A Java migration that creates one table, as an application would write it.
	 */
	private static final class CreateTable implements JavaMigration {

		private final MigrationVersion version;

		private final String description;

		private final String sql;

		CreateTable(String version, String description, String sql) {
			this.version = MigrationVersion.fromVersion(version);
			this.description = description;
			this.sql = sql;
		}

		@Override
		public MigrationVersion getVersion() {
			return this.version;
		}

		@Override
		public String getDescription() {
			return this.description;
		}

		@Override
		public Integer getChecksum() {
			return null;
		}

		@Override
		public boolean canExecuteInTransaction() {
			return true;
		}

		@Override
		public void migrate(Context context) throws Exception {
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute(this.sql);
			}
		}

	}

}
