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
package dev.bootmigrate.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.opentest4j.TestAbortedException;

import dev.bootmigrate.internal.TestEngines;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of its own on the MariaDB server of {@link MariaDbServer}, dropped on close.
 *
 * @author the bootmigrate authors
 */
final class MariaDbTestDatabase implements TestDatabase {

	static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			MariaDbServer server = MariaDbServer.get();
			if (server == null) {
				String reason = MariaDbServer.unavailableReason();
				if (System.getenv("CI") != null) {
					throw new IllegalStateException(reason + " (CI is set, so MariaDB tests must run)");
				}
				TestConsole.printOnce("*** SKIPPING MARIADB TESTS: " + reason + " ***");
				throw new TestAbortedException(reason);
			}
			return new MariaDbTestDatabase(server, server.createDatabase());
		}

		@Override
		public String toString() {
			return "mariadb";
		}

	};

	private final MariaDbServer server;

	private final String name;

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	private final DataSource dataSource;

	private final List<String> otherSchemas = new ArrayList<>();

	private final List<String> users = new ArrayList<>();

	private MariaDbTestDatabase(MariaDbServer server, String name) {
		this.server = server;
		this.name = name;
		this.dataSource = newDataSource();
	}

	@Override
	public String url() {
		return this.server.url(this.name);
	}

	@Override
	public List<String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url());
		if (this.server.username() != null) {
			properties.put("spring.datasource.username", this.server.username());
			properties.put("spring.datasource.password", this.server.password());
		}
		return properties.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

	@Override
	public String schema() {
		return this.name;
	}

	@Override
	public String newSchemaName(String suffix) {
		String schema = this.name + "_" + suffix;
		this.otherSchemas.add(schema);
		return schema;
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	private HikariDataSource newDataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url());
		if (this.server.username() != null) {
			dataSource.setUsername(this.server.username());
			dataSource.setPassword(this.server.password());
		}
		dataSource.setMaximumPoolSize(5);
		this.dataSources.add(dataSource);
		return dataSource;
	}

	@Override
	public Connection connect() throws SQLException {
		return this.server.connect(this.name);
	}

	/**
	 * Create a user whose only privilege on the database is to see the definitions of its
	 * views: without any, it could not connect to it.
	 */
	@Override
	public DatabaseUser createUser() {
		String user = "bm_app_" + UUID.randomUUID().toString().substring(0, 8);
		String account = "'" + user + "'@'%'";
		this.server.execute("CREATE USER " + account + " IDENTIFIED BY 'bm'");
		this.users.add(account);
		this.server.execute("GRANT SHOW VIEW ON " + this.name + ".* TO " + account);
		return new DatabaseUser(account,
				List.of("spring.datasource.url=" + this.server.urlWithoutCredentials(this.name),
						"spring.datasource.username=" + user, "spring.datasource.password=bm"));
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public LockSessions lockSessions() {
		return new NamedLockSessions();
	}

	@Override
	public boolean sharedByProcesses() {
		return true;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return false;
	}

	@Override
	public boolean partialIndexes() {
		return false;
	}

	@Override
	public void close() {
		this.dataSources.forEach(HikariDataSource::close);
		// This one first: its tables may reference the others' (foreign keys)
		this.server.execute("DROP DATABASE IF EXISTS " + this.name);
		this.otherSchemas.forEach((schema) -> this.server.execute("DROP DATABASE IF EXISTS " + schema));
		this.users.forEach((account) -> this.server.execute("DROP USER IF EXISTS " + account));
	}

	/**
	 * The named lock the engine takes on {@code schema_migrations} of this database.
	 */
	private final class NamedLockSessions implements LockSessions {

		private final String name = TestEngines.mariaDbName(MariaDbTestDatabase.this.name, "schema_migrations");

		private final String markName = TestEngines.mariaDbMarkName(MariaDbTestDatabase.this.name, "schema_migrations");

		@Override
		public Holder hold() throws SQLException {
			Connection connection = connect();
			try (PreparedStatement statement = connection.prepareStatement("SELECT CONNECTION_ID(), GET_LOCK(?, 0)")) {
				statement.setString(1, this.name);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getInt(2) != 1) {
						throw new SQLException("The lock is taken");
					}
					return new Holder(connection, result.getLong(1));
				}
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}

		@Override
		public boolean isFree() {
			return Integer.valueOf(1)
				.equals(new JdbcTemplate(dataSource()).queryForObject("SELECT IS_FREE_LOCK(?)", Integer.class,
						this.name));
		}

		@Override
		public long holder() {
			return usedBy(this.name);
		}

		@Override
		public boolean endHolder() throws SQLException {
			long id = holder();
			if (id == 0) {
				return false;
			}
			execute("KILL " + id);
			awaitEnded(id);
			return true;
		}

		@Override
		public long migrating() {
			return usedBy(this.markName);
		}

		private long usedBy(String lock) {
			Long id = new JdbcTemplate(dataSource()).queryForObject("SELECT IS_USED_LOCK(?)", Long.class, lock);
			return (id != null) ? id : 0;
		}

		@Override
		public String lockDescription() {
			return "MariaDB named lock '" + this.name + "'";
		}

		@Override
		public String session(long id) {
			return "MariaDB connection " + id;
		}

		@Override
		public String endSessionStatement() {
			return "KILL";
		}

	}

}
