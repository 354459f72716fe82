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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A database the contenders run on, handing out fresh empty databases (H2, MariaDB,
 * SQLite) or schemas (PostgreSQL) and the pooled data sources that every contender gets
 * alike.
 *
 * @author the bootmigrate authors
 */
abstract class Database {

	/**
	 * Return the name shown in the report.
	 * @return the name
	 */
	abstract String name();

	/**
	 * Create a fresh, empty database or schema.
	 * @return the new instance, to close when done
	 * @throws SQLException on failure
	 */
	abstract Instance create() throws SQLException;

	/**
	 * Create a fresh, empty database or schema that other processes can open, one after
	 * the other.
	 * @param directory a directory for its files, if it has any
	 * @return the new instance, to close when done
	 * @throws SQLException on failure
	 */
	Instance createShared(Path directory) throws SQLException {
		return create();
	}

	/**
	 * Return the product name and version of the database server.
	 * @return the version
	 * @throws SQLException on failure
	 */
	String version() throws SQLException {
		try (Instance instance = create(); HikariDataSource pool = instance.pool()) {
			try (Connection connection = pool.getConnection()) {
				return connection.getMetaData().getDatabaseProductName() + " "
						+ connection.getMetaData().getDatabaseProductVersion();
			}
		}
	}

	/**
	 * Return a counter of the statements sent to this database, if it can count them.
	 * @param options the options of the run
	 * @param notes where to say why statements are not counted
	 * @return the counter, or {@code null}
	 * @throws SQLException on failure
	 */
	@Nullable StatementCounter counter(Options options, List<String> notes) throws SQLException {
		return null;
	}

	/**
	 * Create the connection pool every contender uses: HikariCP with its defaults, which
	 * are Spring Boot's, its connections all open before it is handed out, so that no
	 * contender pays for opening them or has them opened in the background while it runs.
	 * @param url the JDBC URL
	 * @return the pool
	 */
	static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setPoolName("bench");
		HikariDataSource pool = new HikariDataSource(config);
		fill(pool);
		return pool;
	}

	private static void fill(HikariDataSource pool) {
		List<Connection> connections = new ArrayList<>();
		try {
			while (connections.size() < pool.getMaximumPoolSize()) {
				connections.add(pool.getConnection());
			}
		}
		catch (SQLException ex) {
			pool.close();
			throw new IllegalStateException("Could not open the pool for " + pool.getJdbcUrl(), ex);
		}
		finally {
			connections.forEach(Database::closeQuietly);
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// Only the pool's bookkeeping
		}
	}

	/**
	 * Count the tables the workload created ({@code t1}, {@code t2}, ...), untimed, to
	 * verify a run.
	 * @param dataSource the data source
	 * @return the number of tables
	 * @throws SQLException on failure
	 */
	static int workloadTables(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("sqlite")) {
				return Jdbc.count(connection, "sqlite_master WHERE type = 'table' AND LOWER(name) LIKE 't%'");
			}
			String schema = (product.contains("mariadb") || product.contains("mysql")) ? "DATABASE()"
					: "CURRENT_SCHEMA";
			return Jdbc.count(connection,
					"information_schema.tables WHERE table_schema = " + schema + " AND LOWER(table_name) LIKE 't%'");
		}
	}

	/**
	 * Return whether the contender runs on this database.
	 * @param contender the contender
	 * @return whether it runs here
	 */
	boolean runs(Contender contender) {
		return true;
	}

	/**
	 * A fresh database or schema.
	 */
	abstract static class Instance implements AutoCloseable {

		private final String url;

		Instance(String url) {
			this.url = url;
		}

		String url() {
			return this.url;
		}

		/**
		 * Open a new connection pool on this instance, as a starting application does.
		 * @return the pool, to close
		 */
		HikariDataSource pool() {
			return Database.pool(this.url);
		}

		@Override
		public abstract void close() throws SQLException;

	}

	/**
	 * H2 in memory: a new named database for each instance; in a file for instances that
	 * other processes open.
	 */
	static final class H2 extends Database {

		@Override
		String name() {
			return "H2";
		}

		@Override
		Instance create() {
			String url = "jdbc:h2:mem:bench_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
			return new Instance(url) {

				@Override
				public void close() throws SQLException {
					try (Connection connection = DriverManager.getConnection(url)) {
						Jdbc.execute(connection, "SHUTDOWN");
					}
				}

			};
		}

		@Override
		Instance createShared(Path directory) {
			return new Instance("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath()) {

				@Override
				public void close() {
					// Its files go with the directory
				}

			};
		}

	}

	/**
	 * The PostgreSQL server: a new schema for each instance, made the current schema of
	 * every connection through the URL, and dropped when closed.
	 */
	static final class Postgres extends Database {

		private final String url;

		Postgres(String url) {
			this.url = url;
		}

		@Override
		String name() {
			return "PostgreSQL";
		}

		@Override
		@Nullable StatementCounter counter(Options options, List<String> notes) throws SQLException {
			if ("none".equals(options.postgresLog())) {
				return null;
			}
			Path log;
			if (!options.postgresLog().isEmpty()) {
				log = Path.of(options.postgresLog());
			}
			else {
				try (Connection connection = DriverManager.getConnection(this.url);
						Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
					rows.next();
					log = Path.of("/var/log/postgresql/postgresql-" + (rows.getInt(1) / 10000) + "-main.log");
				}
			}
			if (!Files.isReadable(log)) {
				String note = "The PostgreSQL server log " + log + " is not readable: statements were not counted "
						+ "(give its path with --postgres-log).";
				System.err.println("WARNING: " + note);
				notes.add(note);
				return null;
			}
			return new StatementCounter.PostgresLog(log);
		}

		@Override
		String version() throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.url);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_setting('server_version'), "
							+ "current_setting('fsync'), current_setting('synchronous_commit'), "
							+ "current_setting('shared_buffers')")) {
				rows.next();
				return "PostgreSQL " + rows.getString(1) + " (fsync " + rows.getString(2) + ", synchronous_commit "
						+ rows.getString(3) + ", shared_buffers " + rows.getString(4) + ")";
			}
		}

		@Override
		Instance create() throws SQLException {
			String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			try (Connection connection = DriverManager.getConnection(this.url)) {
				Jdbc.execute(connection, "CREATE SCHEMA " + schema);
			}
			return new Instance(withParameter(this.url, "currentSchema=" + schema)) {

				@Override
				public void close() throws SQLException {
					try (Connection connection = DriverManager.getConnection(Postgres.this.url)) {
						Jdbc.execute(connection, "DROP SCHEMA " + schema + " CASCADE");
					}
				}

			};
		}

		/**
		 * Drop the schemas that an interrupted run left behind.
		 * @throws SQLException on failure
		 */
		void dropLeftovers() throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.url);
					Statement statement = connection.createStatement()) {
				List<String> schemas = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery(
						"SELECT nspname FROM pg_namespace WHERE nspname ~ '^bench_[0-9a-f]{12}$' OR nspname LIKE 'bench\\_c\\_%'")) {
					while (rows.next()) {
						schemas.add(rows.getString(1));
					}
				}
				for (String schema : schemas) {
					statement.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}

		static String withParameter(String url, String parameter) {
			return url + (url.contains("?") ? "&" : "?") + parameter;
		}

	}

	/**
	 * The MariaDB server: a new database for each instance, named in the URL, and dropped
	 * when closed. DDL commits there, so every tool runs each migration's DDL outside any
	 * transaction alike.
	 */
	static final class MariaDb extends Database {

		private static final Pattern URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/?]+)/?([^?]*)(\\?.*)?$");

		private final String url;

		MariaDb(String url) {
			if (!URL.matcher(url).matches()) {
				throw new IllegalArgumentException("Not a MariaDB URL: " + url);
			}
			this.url = url;
		}

		@Override
		String name() {
			return "MariaDB";
		}

		@Override
		String version() throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.url);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit, "
							+ "@@sync_binlog, @@innodb_buffer_pool_size / 1048576")) {
				rows.next();
				return "MariaDB " + rows.getString(1) + " (innodb_flush_log_at_trx_commit " + rows.getString(2)
						+ ", sync_binlog " + rows.getString(3) + ", innodb_buffer_pool_size " + rows.getLong(4)
						+ " MB)";
			}
		}

		@Override
		@Nullable StatementCounter counter(Options options, List<String> notes) {
			return new StatementCounter.MariaDbGeneralLog(this.url);
		}

		@Override
		Instance create() throws SQLException {
			String database = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			try (Connection connection = DriverManager.getConnection(this.url)) {
				Jdbc.execute(connection, "CREATE DATABASE " + database);
			}
			return new Instance(withDatabase(this.url, database)) {

				@Override
				public void close() throws SQLException {
					try (Connection connection = DriverManager.getConnection(MariaDb.this.url)) {
						Jdbc.execute(connection, "DROP DATABASE " + database);
					}
				}

			};
		}

		/**
		 * Drop the databases that an interrupted run left behind.
		 * @throws SQLException on failure
		 */
		void dropLeftovers() throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.url);
					Statement statement = connection.createStatement()) {
				List<String> databases = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery("SELECT schema_name FROM information_schema.schemata "
						+ "WHERE schema_name REGEXP '^bench_[0-9a-f]{12}$'")) {
					while (rows.next()) {
						databases.add(rows.getString(1));
					}
				}
				for (String database : databases) {
					statement.execute("DROP DATABASE " + database);
				}
			}
		}

		static String withDatabase(String url, String database) {
			Matcher matcher = URL.matcher(url);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Not a MariaDB URL: " + url);
			}
			return matcher.group(1) + "/" + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
		}

	}

	/**
	 * SQLite: a new database file for each instance, in a directory of the run, deleted
	 * with the lock file next to it when closed. Only the floors and the starter run on
	 * it.
	 */
	static final class Sqlite extends Database {

		private final Path directory;

		Sqlite(Path directory) {
			this.directory = directory;
		}

		@Override
		String name() {
			return "SQLite";
		}

		@Override
		boolean runs(Contender contender) {
			return contender instanceof Floor || contender instanceof SqlFloor
					|| contender instanceof BootmigrateContender || contender instanceof BootmigrateSqlContender;
		}

		@Override
		Instance create() throws SQLException {
			return createShared(this.directory);
		}

		@Override
		Instance createShared(Path directory) throws SQLException {
			Path file = directory
				.resolve("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ".db");
			try {
				Files.createDirectories(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Instance("jdbc:sqlite:" + file.toAbsolutePath()) {

				@Override
				public void close() {
					try (Stream<Path> files = Files.list(file.getParent())) {
						for (Path sibling : files.toList()) {
							if (sibling.getFileName().toString().startsWith(file.getFileName().toString())) {
								Files.deleteIfExists(sibling);
							}
						}
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}

			};
		}

	}

}
