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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * PostgreSQL: transactional DDL, an advisory lock, {@code lock_timeout}, and the catalog
 * questions of {@link PostgresInspector} (invalid indexes, missing privileges).
 *
 * @author the bootmigrate authors
 */
final class PostgresDialect extends Dialect {

	/**
	 * PostgreSQL's {@code lock_not_available}.
	 */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/**
	 * PostgreSQL's {@code undefined_table}.
	 */
	private static final String UNDEFINED_TABLE = "42P01";

	/**
	 * PostgreSQL's {@code undefined_column}.
	 */
	private static final String UNDEFINED_COLUMN = "42703";

	PostgresDialect(String productName) {
		super(DatabaseDriver.POSTGRESQL, productName);
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public String timestampType() {
		return "TIMESTAMP WITH TIME ZONE";
	}

	@Override
	DatabaseLock lock(DataSource dataSource, HistoryTable table) {
		return new PostgresAdvisoryLock(dataSource, this, table);
	}

	@Override
	boolean isTableNotFound(SQLException ex) {
		return UNDEFINED_TABLE.equals(ex.getSQLState());
	}

	@Override
	boolean isColumnNotFound(SQLException ex) {
		return UNDEFINED_COLUMN.equals(ex.getSQLState());
	}

	@Override
	boolean isLockTimeout(SQLException ex) {
		return LOCK_NOT_AVAILABLE.equals(ex.getSQLState());
	}

	@Override
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		long millis = timeout.toMillis();
		if (transactional) {
			execute(connection, "SET LOCAL lock_timeout = " + millis);
			return LockTimeoutReset.NONE;
		}
		String previous;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW lock_timeout")) {
			result.next();
			previous = result.getString(1);
		}
		execute(connection, "SET lock_timeout = " + millis);
		return (reset) -> {
			try (var statement = reset.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
				statement.setString(1, previous);
				statement.executeQuery().close();
			}
		};
	}

	@Override
	String endSessionHint() {
		return "SELECT pg_cancel_backend(<pid>) cancels its statement, pg_terminate_backend(<pid>) "
				+ "ends its session; use the pid of the session applying the migration";
	}

	@Override
	List<String> tableTypes() {
		return List.of("TABLE", "PARTITIONED TABLE");
	}

	@Override
	@Nullable String columnDefault(@Nullable String reported) {
		// A default of NULL keeps its cast: NULL::character varying
		String value = super.columnDefault(reported);
		return (value != null && value.regionMatches(true, 0, "NULL::", 0, 6)) ? null : value;
	}

	@Override
	List<InvalidIndex> invalidIndexes(Connection connection, @Nullable String schema) throws SQLException {
		return PostgresInspector.invalidIndexes(connection, schema);
	}

	@Override
	List<String> missingWritePrivileges(Connection connection, String table) throws SQLException {
		return PostgresInspector.missingWritePrivileges(connection, table);
	}

}
