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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * A portable lock: a row lock taken on H2 with {@code SELECT ... FOR UPDATE NOWAIT}, and
 * elsewhere with a standard {@code UPDATE} of the row waiting at most a second per
 * attempt, on the single row of a lock table, inside a transaction that stays open for
 * the whole run.
 * <p>
 * Nothing is ever committed to mark the lock as taken: the row lock belongs to the open
 * transaction, so the database releases it when the holder rolls back, closes its
 * connection, or dies. The lock table is named after the history table, with a
 * {@code _lock} suffix, and is created when missing.
 *
 * @author the bootmigrate authors
 */
final class TableRowLock extends DatabaseLock {

	private static final int VALIDATION_TIMEOUT_SECONDS = 5;

	private final Dialect dialect;

	private final HistoryTable table;

	private final String lockTable;

	private final String selectSql;

	private final boolean standardSql;

	TableRowLock(DataSource dataSource, Dialect dialect, HistoryTable table) {
		super(dataSource, dialect);
		this.dialect = dialect;
		this.table = table;
		this.lockTable = table.table() + "_lock";
		// NOWAIT is not standard SQL (SQL Server rejects it): elsewhere an UPDATE of the
		// row locks it until the transaction ends, each attempt bounded by a query
		// timeout
		this.standardSql = !dialect.rowLockNoWait();
		this.selectSql = this.standardSql ? "UPDATE " + table.qualify(this.lockTable) + " SET id = 1 WHERE id = 1"
				: "SELECT id FROM " + table.qualify(this.lockTable) + " WHERE id = 1 FOR UPDATE NOWAIT";
	}

	@Override
	public String describe() {
		return "row lock on " + this.table.qualify(this.lockTable);
	}

	@Override
	protected void prepare(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		String qualified = this.table.qualify(this.lockTable);
		if (!this.table.schemaExists(connection, this.dialect)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA " + this.table.schema());
			}
			catch (SQLException ex) {
				// Another instance may have created it at the same moment
				if (!this.table.schemaExists(connection, this.dialect)) {
					throw ex;
				}
			}
		}
		if (!lockTableExists(connection)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE " + qualified + " (id INT NOT NULL PRIMARY KEY)");
			}
			catch (SQLException ex) {
				// Another instance may have created it at the same moment
				if (!lockTableExists(connection)) {
					throw ex;
				}
			}
		}
		try (Statement statement = connection.createStatement()) {
			if (!statement.executeQuery("SELECT id FROM " + qualified + " WHERE id = 1").next()) {
				statement.executeUpdate("INSERT INTO " + qualified + " (id) VALUES (1)");
			}
		}
		catch (SQLException ex) {
			// Another instance may have inserted the row at the same moment
			if (!this.dialect.isDuplicateKey(ex)) {
				throw ex;
			}
		}
		connection.setAutoCommit(false);
	}

	private boolean lockTableExists(Connection connection) throws SQLException {
		return SchemaMetaData.of(connection, this.dialect, this.table.schema()).tableExists(this.lockTable);
	}

	@Override
	protected boolean tryLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (this.standardSql) {
				statement.setQueryTimeout(1);
				return statement.executeUpdate(this.selectSql) == 1;
			}
			return statement.executeQuery(this.selectSql).next();
		}
		catch (SQLException ex) {
			connection.rollback();
			if (isContention(ex)) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The row lock belongs to the dedicated connection's open transaction: the lock is
	 * still held as long as that connection is valid.
	 */
	@Override
	protected boolean enter(Connection lockConnection, Connection migration, boolean transactional,
			Duration lockTimeout) throws SQLException {
		return owns(lockConnection, migration);
	}

	@Override
	protected boolean owns(Connection lockConnection, Connection migration) throws SQLException {
		return lockConnection.isValid(VALIDATION_TIMEOUT_SECONDS);
	}

	@Override
	protected void unlock(Connection connection) throws SQLException {
		connection.rollback();
		connection.setAutoCommit(true);
	}

}
