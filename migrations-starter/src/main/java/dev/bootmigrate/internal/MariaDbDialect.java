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
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * MariaDB and MySQL: DDL that commits implicitly, a named lock ({@code GET_LOCK}),
 * {@code lock_wait_timeout} and {@code innodb_lock_wait_timeout}, the error codes of
 * missing privileges and {@code GRANT} statements on databases (which JDBC calls catalogs
 * and this starter calls schemas).
 *
 * @author the bootmigrate authors
 */
final class MariaDbDialect extends Dialect {

	private static final Log logger = LogFactory.getLog(MariaDbDialect.class);

	/**
	 * Database, table and column access denied, "you need the ... privilege", and
	 * "command denied to user": reported in the general SQL state 42000.
	 */
	private static final Set<Integer> ACCESS_DENIED = Set.of(1044, 1142, 1143, 1227, 1370);

	/**
	 * "Lock wait timeout exceeded", for row locks (innodb_lock_wait_timeout) and for
	 * metadata locks (lock_wait_timeout) alike; MySQL's "statement aborted because
	 * lock(s) could not be acquired immediately and NOWAIT is set".
	 */
	private static final Set<Integer> LOCK_TIMEOUT = Set.of(1205, 3572);

	/**
	 * "Connection was killed", by {@code KILL} from another session.
	 */
	private static final int CONNECTION_KILLED = 1927;

	/**
	 * The largest {@code lock_wait_timeout}, one year: what "wait forever" is.
	 */
	private static final long MAX_LOCK_WAIT_SECONDS = 31_536_000;

	MariaDbDialect(DatabaseDriver driver, String productName) {
		super(driver, productName);
		logger.info(productName + " cannot roll back schema changes: each DDL statement (CREATE, ALTER, DROP, "
				+ "RENAME, TRUNCATE) first commits what the migration did before it, and is committed itself. A "
				+ "migration that fails after one keeps what was committed, and is recorded as failed rather than "
				+ "run again; write one DDL statement per migration, first, and make it safe to run again (see the "
				+ "databases guide)");
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	/**
	 * Microseconds, without a time zone, and none of the automatic initialisation of a
	 * {@code TIMESTAMP} column or its end in 2038.
	 */
	@Override
	public String timestampType() {
		return "DATETIME(6)";
	}

	@Override
	DatabaseLock lock(DataSource dataSource, HistoryTable table) {
		return new MariaDbNamedLock(dataSource, this, table);
	}

	@Override
	boolean isConnectionLost(Throwable failure) {
		return super.isConnectionLost(failure) || anyCause(failure, (ex) -> ex.getErrorCode() == CONNECTION_KILLED);
	}

	@Override
	boolean isLockTimeout(SQLException ex) {
		return LOCK_TIMEOUT.contains(ex.getErrorCode());
	}

	@Override
	boolean isPermissionDenied(SQLException ex) {
		return super.isPermissionDenied(ex)
				|| ("42000".equals(ex.getSQLState()) && ACCESS_DENIED.contains(ex.getErrorCode()));
	}

	/**
	 * Set {@code lock_wait_timeout} (metadata locks, which DDL takes) and
	 * {@code innodb_lock_wait_timeout} (row locks) for the session, in whole seconds, and
	 * restore both afterwards: neither can be set for one transaction only.
	 */
	@Override
	LockTimeoutReset setLockTimeout(Connection connection, Duration timeout, boolean transactional)
			throws SQLException {
		long previousMetadata;
		long previousRow;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
			result.next();
			previousMetadata = result.getLong(1);
			previousRow = result.getLong(2);
		}
		String restore = setLockTimeout(connection, timeout, previousMetadata, previousRow);
		return (restore != null) ? (reset) -> execute(reset, restore) : LockTimeoutReset.NONE;
	}

	/**
	 * Set both lock timeouts of a session whose own values are known, unless it has them.
	 * @param connection the session's connection
	 * @param timeout the lock timeout, rounded up to whole seconds; zero to wait as long
	 * as the server allows
	 * @param previousMetadata the session's {@code lock_wait_timeout}
	 * @param previousRow the session's {@code innodb_lock_wait_timeout}
	 * @return the {@code SET} statement that gives the session its own values back, or
	 * {@code null} when nothing was changed
	 * @throws SQLException on failure
	 */
	static @Nullable String setLockTimeout(Connection connection, Duration timeout, long previousMetadata,
			long previousRow) throws SQLException {
		long seconds = timeout.isZero() ? MAX_LOCK_WAIT_SECONDS
				: Math.min(MAX_LOCK_WAIT_SECONDS, Math.max(1, (timeout.toMillis() + 999) / 1000));
		if (previousMetadata == seconds && previousRow == seconds) {
			return null;
		}
		execute(connection, setLockTimeoutSql(seconds, seconds));
		return setLockTimeoutSql(previousMetadata, previousRow);
	}

	private static String setLockTimeoutSql(long metadataSeconds, long rowSeconds) {
		return "SET SESSION lock_wait_timeout = " + metadataSeconds + ", SESSION innodb_lock_wait_timeout = "
				+ rowSeconds;
	}

	/**
	 * Return the account of the session as {@code GRANT} names it, {@code 'user'@'host'}:
	 * the user name alone would name the account of any host.
	 */
	@Override
	String grantee(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
			String account = result.next() ? result.getString(1) : null;
			if (account == null) {
				return super.grantee(connection);
			}
			int at = account.lastIndexOf('@');
			return (at < 0) ? quoteString(account)
					: quoteString(account.substring(0, at)) + "@" + quoteString(account.substring(at + 1));
		}
	}

	private static String quoteString(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	@Override
	String quoteIfNeeded(String identifier) {
		if (HistoryTable.identifierProblem(identifier) == null) {
			return identifier;
		}
		return "`" + identifier.replace("`", "``") + "`";
	}

	/**
	 * On the whole database: the server answers a user without privileges on a table that
	 * it may not read it also when it does not exist, and a privilege on a table that
	 * does not exist cannot be granted.
	 */
	@Override
	String grantRead(String table, String schema, String user) {
		return "GRANT SELECT ON " + schema + ".* TO " + user;
	}

	/**
	 * With the privileges to write the table: tables have no owner who may use them.
	 */
	@Override
	String grantCreateTable(String schema, String user) {
		return "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON " + quoteIfNeeded(schema) + ".* TO " + user;
	}

	/**
	 * The privileges on a database that does not exist yet let the user create it, and no
	 * other, and then write the history table in it.
	 */
	@Override
	String grantCreateSchema(String database, String schema, String user) {
		return grantCreateTable(schema, user);
	}

	@Override
	String createSchemaOwnedBy(String schema, String user) {
		return "CREATE SCHEMA " + quoteIfNeeded(schema) + "; GRANT ALL ON " + quoteIfNeeded(schema) + ".* TO " + user;
	}

	@Override
	String endSessionHint() {
		return "KILL QUERY <id> cancels its statement, KILL <id> ends its session; use the id of the connection "
				+ "applying the migration";
	}

	/**
	 * Try each statement that records a migration in a form that changes no row: the
	 * server checks privileges before it looks at rows, so a missing one fails at once
	 * and nothing else happens. Privileges come from the user, its roles, its database
	 * and its tables, which no single catalog view gathers.
	 */
	@Override
	List<String> missingWritePrivileges(Connection connection, String table) throws SQLException {
		List<String> missing = new ArrayList<>();
		tryWrite(connection, "INSERT",
				"INSERT INTO " + table + " (version, description, type, installed_by, "
						+ "installed_on, execution_ms) SELECT version, description, type, installed_by, installed_on, "
						+ "execution_ms FROM " + table + " WHERE 1 = 0",
				missing);
		tryWrite(connection, "UPDATE", "UPDATE " + table + " SET execution_ms = execution_ms WHERE 1 = 0", missing);
		tryWrite(connection, "DELETE", "DELETE FROM " + table + " WHERE 1 = 0", missing);
		return missing;
	}

	private void tryWrite(Connection connection, String privilege, String sql, List<String> missing)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			if (!isPermissionDenied(ex)) {
				throw ex;
			}
			missing.add(privilege);
		}
	}

	@Override
	IdentifierCase columnNameCase(DatabaseMetaData metaData) throws SQLException {
		// Column and index names compare ignoring case on every platform, whatever
		// lower_case_table_names says of table names
		return IdentifierCase.ANY_CASE;
	}

}
