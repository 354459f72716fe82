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

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * H2: non-transactional DDL, a row lock tried with {@code NOWAIT}, and a lock timeout
 * that bounds every lock wait already.
 *
 * @author the bootmigrate authors
 */
final class H2Dialect extends Dialect {

	/**
	 * H2's lock timeout when the URL does not set one.
	 */
	private static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 2000;

	/**
	 * H2's "timeout trying to lock table".
	 */
	private static final int LOCK_TIMEOUT_ERROR_CODE = 50200;

	/**
	 * H2's "not enough rights for object".
	 */
	private static final String NOT_ENOUGH_RIGHTS = "90096";

	/**
	 * H2's "admin rights are required for this operation".
	 */
	private static final String ADMIN_RIGHTS_REQUIRED = "90040";

	/**
	 * H2's "table not found (this database is empty)", where the standard's 42S02 would
	 * be.
	 */
	private static final String TABLE_NOT_FOUND_DATABASE_EMPTY = "42S04";

	H2Dialect(String productName) {
		super(DatabaseDriver.H2, productName);
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public String timestampType() {
		return "TIMESTAMP WITH TIME ZONE";
	}

	@Override
	boolean rowLockNoWait() {
		return true;
	}

	@Override
	boolean isTableNotFound(SQLException ex) {
		return super.isTableNotFound(ex) || TABLE_NOT_FOUND_DATABASE_EMPTY.equals(ex.getSQLState());
	}

	@Override
	boolean isPermissionDenied(SQLException ex) {
		// "Not enough rights", "admin rights are required"
		return NOT_ENOUGH_RIGHTS.equals(ex.getSQLState()) || ADMIN_RIGHTS_REQUIRED.equals(ex.getSQLState());
	}

	@Override
	boolean isLockTimeout(SQLException ex) {
		return ex.getErrorCode() == LOCK_TIMEOUT_ERROR_CODE;
	}

	@Override
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		long millis = timeout.toMillis();
		if (millis <= 0 || millis >= DEFAULT_LOCK_TIMEOUT_MILLIS) {
			return LockTimeoutReset.NONE;
		}
		// H2 bounds every lock wait already (2 s by default): only ever shorten it
		long previous;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
			result.next();
			previous = result.getLong(1);
		}
		if (previous <= millis) {
			return LockTimeoutReset.NONE;
		}
		execute(connection, "SET LOCK_TIMEOUT " + millis);
		return (reset) -> execute(reset, "SET LOCK_TIMEOUT " + previous);
	}

	@Override
	List<String> tableTypes() {
		// The SQL standard's name, as in H2's information schema
		return List.of("BASE TABLE");
	}

	@Override
	String grantCreateTable(String schema, String user) {
		return "GRANT ALTER ANY SCHEMA TO " + user;
	}

	@Override
	String grantCreateSchema(String database, String schema, String user) {
		return "GRANT ALTER ANY SCHEMA TO " + user;
	}

}
