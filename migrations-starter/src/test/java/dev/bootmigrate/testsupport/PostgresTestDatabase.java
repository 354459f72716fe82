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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.opentest4j.TestAbortedException;

import dev.bootmigrate.internal.TestEngines;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A schema of its own on the test PostgreSQL server (see {@link PostgresServer} for how
 * it is found), dropped when closed.
 *
 * @author the bootmigrate authors
 */
final class PostgresTestDatabase implements TestDatabase {

	static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			PostgresServer server = PostgresServer.get();
			if (server == null) {
				String reason = PostgresServer.unavailableReason();
				if (System.getenv("CI") != null) {
					throw new IllegalStateException(reason + " (CI is set, so PostgreSQL tests must run)");
				}
				TestConsole.printOnce("*** SKIPPING POSTGRESQL TESTS: " + reason + " ***");
				throw new TestAbortedException(reason);
			}
			return new PostgresTestDatabase(server.createSchema());
		}

		@Override
		public String toString() {
			return "postgresql";
		}

	};

	private final PostgresSchema schema;

	private final DataSource dataSource;

	private final List<String> otherSchemas = new ArrayList<>();

	private final List<String> roles = new ArrayList<>();

	private PostgresTestDatabase(PostgresSchema schema) {
		this.schema = schema;
		this.dataSource = schema.dataSource();
	}

	@Override
	public String url() {
		return this.schema.url();
	}

	@Override
	public List<String> springProperties() {
		return this.schema.springProperties();
	}

	@Override
	public String schema() {
		return this.schema.name();
	}

	@Override
	public String newSchemaName(String suffix) {
		String name = this.schema.name() + "_" + suffix;
		this.otherSchemas.add(name);
		return name;
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public Connection connect() throws SQLException {
		return this.schema.connect();
	}

	@Override
	public DatabaseUser createUser() {
		String role = "bm_app_" + UUID.randomUUID().toString().substring(0, 8);
		execute("CREATE ROLE " + role + " LOGIN PASSWORD 'bm'");
		execute("GRANT USAGE ON SCHEMA " + schema() + " TO " + role);
		this.roles.add(role);
		return new DatabaseUser(role,
				List.of("spring.datasource.url=" + url().replaceAll("([?&])(user|password)=[^&]*&?", "$1"),
						"spring.datasource.username=" + role, "spring.datasource.password=bm"));
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public LockSessions lockSessions() {
		return new AdvisoryLockSessions();
	}

	@Override
	public boolean sharedByProcesses() {
		return true;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return true;
	}

	@Override
	public boolean partialIndexes() {
		return true;
	}

	@Override
	public void close() {
		this.otherSchemas.forEach((name) -> execute("DROP SCHEMA IF EXISTS " + name + " CASCADE"));
		this.roles.forEach((role) -> {
			execute("DROP OWNED BY " + role);
			execute("DROP ROLE " + role);
		});
		this.schema.close();
	}

	/**
	 * The advisory lock the engine takes on {@code schema_migrations} of this schema.
	 */
	private final class AdvisoryLockSessions implements LockSessions {

		private final long key = TestEngines.postgresKey(schema(), "schema_migrations");

		private final long markKey = TestEngines.postgresMarkKey(schema(), "schema_migrations");

		private static final String HOLDER_SQL = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
				+ "AND objsubid = 1 AND classid::bigint = ? AND objid::bigint = ?";

		@Override
		public Holder hold() throws SQLException {
			Connection connection = connect();
			try (Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("SELECT pg_backend_pid(), pg_try_advisory_lock(" + this.key + ")")) {
				result.next();
				if (!result.getBoolean(2)) {
					throw new SQLException("The lock is taken");
				}
				return new Holder(connection, result.getLong(1));
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}

		@Override
		public boolean isFree() throws SQLException {
			try (Connection connection = connect();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + this.key + ")")) {
				return result.next() && result.getBoolean(1);
			}
		}

		@Override
		public long holder() {
			return holderOf(this.key);
		}

		@Override
		public boolean endHolder() throws SQLException {
			long pid = holder();
			if (pid == 0 || !Boolean.TRUE.equals(new JdbcTemplate(dataSource())
				.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, (int) pid))) {
				return false;
			}
			awaitEnded(pid);
			return true;
		}

		@Override
		public long migrating() {
			return holderOf(this.markKey);
		}

		private long holderOf(long key) {
			List<Long> pids = new JdbcTemplate(dataSource()).queryForList(HOLDER_SQL, Long.class, key >>> 32,
					key & 0xFFFFFFFFL);
			return pids.isEmpty() ? 0 : pids.get(0);
		}

		@Override
		public String lockDescription() {
			return "PostgreSQL advisory lock " + this.key;
		}

		@Override
		public String session(long id) {
			return "PostgreSQL backend pid " + id;
		}

		@Override
		public String endSessionStatement() {
			return "pg_terminate_backend";
		}

	}

}
