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
package dev.bootmigrate.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationRef;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the SQL-file migrations that {@link MigrationsAutoConfiguration} registers
 * next to the beans.
 *
 * @author the bootmigrate authors
 */
class SqlMigrationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@TempDir
	Path temp;

	@Test
	void sqlFilesOfTheDefaultLocationInAJarAreMigrationsReadWithoutAConnectionWhenThePoolTellsItsUrl()
			throws IOException {
		try (URLClassLoader classLoader = jar(Map.of("db/migration/V1__create_account.sql",
				"CREATE TABLE account (id INT PRIMARY KEY);", "db/migration/R__account_ids.sql",
				"CREATE OR REPLACE VIEW account_ids AS SELECT id FROM account;"))) {
			this.contextRunner.withClassLoader(classLoader).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationEngine.class).migrations()).extracting(MigrationRef::toString)
					.containsExactly("1 \"create account\"");
				// The pool starts with its first connection
				assertThat(context.getBean(HikariDataSource.class).getHikariPoolMXBean()).isNull();
				context.getBean(MigrationEngine.class).migrate(null);
				assertThat(context.getBean(MigrationEngine.class).status().migrations()).hasSize(2);
			});
		}
	}

	@Test
	void theDatabaseIsAskedOnlyWhenALocationHasAFileAndThePoolDoesNotTellItsUrl() throws IOException {
		this.contextRunner.withUserConfiguration(CountingDataSourceConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MigrationEngine.class);
			assertThat(context.getBean(CountingDataSource.class).connections).hasValue(0);
		});
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__create_account.sql"), "CREATE TABLE account (id INT PRIMARY KEY);");
		this.contextRunner.withUserConfiguration(CountingDataSourceConfiguration.class)
			.withPropertyValues("migrations.locations=filesystem:" + location)
			.run((context) -> {
				assertThat(context.getBean(MigrationEngine.class).migrations()).hasSize(1);
				assertThat(context.getBean(CountingDataSource.class).connections).hasValue(1);
			});
	}

	@Test
	void locationsIgnoredFilesAndPlaceholdersAreBound() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__create_table.sql"), "CREATE TABLE ${table} (id INT PRIMARY KEY);");
		Files.writeString(location.resolve("beforeMigrate.sql"), "SELECT 1;");
		this.contextRunner
			.withPropertyValues("migrations.locations=filesystem:" + location,
					"migrations.ignored-files=beforeMigrate.sql", "migrations.placeholders.table=account")
			.run((context) -> {
				context.getBean(MigrationEngine.class).migrate(null);
				assertThat(context.getBean(MigrationEngine.class).status().appliedCount()).isOne();
			});
		this.contextRunner.withPropertyValues("migrations.locations=filesystem:" + location)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidMigrationsException.class)
				.hasMessageContaining("beforeMigrate.sql' is not named as a migration")
				.hasMessageContaining("V1__create_table.sql': ")
				.hasMessageContaining("${table}"));
	}

	@Test
	void refusesAFlywayTableNameThatIsNotAnIdentifier() {
		this.contextRunner.withPropertyValues("migrations.flyway.table=flyway_schema_history; DROP TABLE users")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("migrations.flyway.table"));
		this.contextRunner
			.withPropertyValues("migrations.flyway.table=flyway_schema_history; DROP TABLE users",
					"migrations.flyway.adopt=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private URLClassLoader jar(Map<String, String> files) throws IOException {
		Path jar = this.temp.resolve("migrations.jar");
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
			// With their directories, as build tools write them
			for (String directory : List.of("db/", "db/migration/")) {
				output.putNextEntry(new JarEntry(directory));
				output.closeEntry();
			}
			for (Map.Entry<String, String> file : files.entrySet()) {
				output.putNextEntry(new JarEntry(file.getKey()));
				output.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				output.closeEntry();
			}
		}
		return new URLClassLoader(new URL[] { jar.toUri().toURL() }, getClass().getClassLoader());
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingDataSourceConfiguration {

		@Bean
		CountingDataSource countingDataSource() {
			return new CountingDataSource();
		}

	}

	/**
	 * A data source that does not tell its URL, and counts the connections asked of it.
	 */
	static class CountingDataSource implements DataSource {

		final AtomicInteger connections = new AtomicInteger();

		private final DataSource target = new org.h2.jdbcx.JdbcDataSource();

		CountingDataSource() {
			((org.h2.jdbcx.JdbcDataSource) this.target).setURL("jdbc:h2:mem:" + UUID.randomUUID());
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			return this.target.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
