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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationLockException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * A database-level lock that serialises migration runs across processes and within one
 * JVM.
 * <p>
 * The lock is held on a dedicated connection for the whole run and is never a committed
 * flag: it belongs to that connection's session (or open transaction), so the database
 * releases it when the holder closes the connection, rolls back, or dies. A crashed
 * instance therefore never leaves a stale lock behind. While waiting, the waiter polls
 * without blocking and reports who holds the lock every few seconds, when the database
 * can tell.
 * <p>
 * Because the lock lives on its own session, that session can die while the holder goes
 * on (an operator terminates it, the network drops it). So each migration is
 * {@linkplain Held#enter entered} on its own connection, which checks that the lock is
 * still held and, where the database allows, marks the session as migrating so that a new
 * holder waits for it; and the history row of a migration is completed only while the
 * lock is still held (see {@link Held#ownershipCondition()}). A holder that lost the lock
 * stops before it starts or commits another migration.
 *
 * @author the bootmigrate authors
 */
abstract class DatabaseLock {

	private static final Log logger = LogFactory.getLog(DatabaseLock.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final Dialect dialect;

	private final SQLErrorCodeSQLExceptionTranslator exceptionTranslator;

	/**
	 * Create a lock that takes its dedicated connection from the given data source.
	 * @param dataSource the data source
	 * @param dialect the database
	 */
	DatabaseLock(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.exceptionTranslator = new SQLErrorCodeSQLExceptionTranslator(dialect.productName());
	}

	/**
	 * Create the lock suited to the given database, as its dialect chooses: an advisory
	 * lock on PostgreSQL, a named lock on MariaDB and MySQL, a row lock in an open
	 * transaction on a lock table elsewhere.
	 * @param dialect the database
	 * @param dataSource the data source
	 * @param table the history table the lock protects
	 * @return the lock
	 */
	static DatabaseLock forDialect(Dialect dialect, DataSource dataSource, HistoryTable table) {
		return dialect.lock(dataSource, table);
	}

	/**
	 * Acquire the lock, waiting at most the given time.
	 * @param timeout how long to wait
	 * @return the held lock, to close when the run is over
	 * @throws MigrationLockException on timeout
	 */
	public final Held acquire(Duration timeout) {
		long start = System.nanoTime();
		long nextReport = start + REPORT_INTERVAL.toNanos();
		Connection connection = openConnection();
		try {
			prepare(connection);
			while (true) {
				if (tryLock(connection)) {
					logger.debug("Acquired the " + describe());
					return new Held(connection);
				}
				long now = System.nanoTime();
				if (now - start >= timeout.toNanos()) {
					String holder = holder(connection);
					throw new MigrationLockException(describe(), timeout, holder,
							(holder != null) ? this.dialect.endSessionHint() : null);
				}
				if (now >= nextReport) {
					nextReport = now + REPORT_INTERVAL.toNanos();
					String holder = holder(connection);
					logger.info("Waiting for the " + describe() + ((holder != null) ? ", held by " + holder : "") + " ("
							+ Duration.ofNanos(now - start).toSeconds() + " s of " + timeout.toSeconds() + " s)");
				}
				Thread.sleep(Math.min(POLL_INTERVAL.toMillis(),
						Math.max(1, (timeout.toNanos() - (now - start)) / 1_000_000)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon(connection);
			throw new MigrationException("Interrupted while waiting for the " + describe(), ex);
		}
		catch (SQLException ex) {
			abandon(connection);
			throw new MigrationException("Could not acquire the " + describe() + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			abandon(connection);
			throw ex;
		}
	}

	private Connection openConnection() {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			throw new MigrationException("Could not open a connection for the " + describe() + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Return a description of this lock for messages, such as "PostgreSQL advisory lock
	 * 42 on public.schema_migrations".
	 * @return the description
	 */
	public abstract String describe();

	/**
	 * Prepare the dedicated connection before the first attempt.
	 * @param connection the dedicated connection
	 * @throws SQLException on failure
	 */
	protected void prepare(Connection connection) throws SQLException {
	}

	/**
	 * Try once to take the lock, without waiting.
	 * @param connection the dedicated connection
	 * @return whether the lock is now held
	 * @throws SQLException on failure other than contention
	 */
	protected abstract boolean tryLock(Connection connection) throws SQLException;

	/**
	 * Release the lock held on the given connection.
	 * @param connection the dedicated connection
	 * @throws SQLException on failure
	 */
	protected abstract void unlock(Connection connection) throws SQLException;

	/**
	 * Describe who holds the lock, if the database can tell: the session that is
	 * migrating first, then the session that holds the lock.
	 * @param connection the dedicated connection, not holding the lock
	 * @return the holder or {@code null}
	 */
	protected @Nullable String holder(Connection connection) {
		return null;
	}

	/**
	 * Enter a migration on its own connection: check that the lock is still held and mark
	 * the connection's session as the one migrating, where the database allows.
	 * @param lockConnection the dedicated connection, holding the lock
	 * @param migration the migration's connection, in its transaction or in auto-commit
	 * mode
	 * @param transactional whether the migration runs in a transaction, which ends the
	 * mark with it
	 * @param lockTimeout how long the statements of a transactional migration may wait
	 * for a lock, which this lock {@linkplain #setsLockTimeout() may set} on the way
	 * @return whether the lock is still held; when not, the migration must not run
	 * @throws SQLException on failure
	 */
	protected abstract boolean enter(Connection lockConnection, Connection migration, boolean transactional,
			Duration lockTimeout) throws SQLException;

	/**
	 * Whether {@link #enter} also sets the lock timeout of a transactional migration,
	 * with the statements that enter it and that end its mark, and gives the session its
	 * own back when the transaction completes.
	 * @return whether the lock sets the lock timeout
	 */
	protected boolean setsLockTimeout() {
		return false;
	}

	/**
	 * Leave a non-transactional migration entered before: remove the mark of its session.
	 * @param migration the migration's connection
	 * @throws SQLException on failure
	 */
	protected void leave(Connection migration) throws SQLException {
	}

	/**
	 * Return an SQL condition, to be appended with {@code AND} to the statement that
	 * completes a migration's history row, that holds only while the lock is held; or
	 * {@code null} when the database cannot tell, in which case {@link #owns} is asked
	 * before.
	 * @return the condition or {@code null}
	 */
	protected @Nullable String ownershipCondition() {
		return null;
	}

	/**
	 * Bind the parameters of the {@linkplain #ownershipCondition() ownership condition}.
	 * @param statement the statement
	 * @param index the index of the first parameter
	 * @throws SQLException on failure
	 */
	protected void bindOwnership(PreparedStatement statement, int index) throws SQLException {
	}

	/**
	 * Return an SQL condition, to be appended with {@code AND} to the statement that
	 * completes a transactional migration's history row, that holds only while the
	 * migration's session still has the mark taken when it was entered: false once the
	 * migration ended its transaction itself. {@code null} when the database cannot tell.
	 * @return the condition or {@code null}
	 */
	protected @Nullable String markCondition() {
		return null;
	}

	/**
	 * Bind the parameters of the {@linkplain #markCondition() mark condition}.
	 * @param statement the statement
	 * @param index the index of the first parameter
	 * @throws SQLException on failure
	 */
	protected void bindMark(PreparedStatement statement, int index) throws SQLException {
	}

	/**
	 * Note that the transactional migration entered last has ended.
	 */
	protected void exited() {
	}

	/**
	 * Return whether the lock is still held.
	 * @param lockConnection the dedicated connection
	 * @param migration the migration's connection
	 * @return whether the lock is still held
	 * @throws SQLException on failure
	 */
	protected abstract boolean owns(Connection lockConnection, Connection migration) throws SQLException;

	/**
	 * Describe the sessions that block the session of the migration entered last, if the
	 * database can tell.
	 * @param lockConnection the dedicated connection, idle while the migration runs
	 * @return the blockers or {@code null} when there are none or the database cannot
	 * tell
	 */
	protected @Nullable String blockers(Connection lockConnection) {
		return null;
	}

	/**
	 * Return whether the given exception means the lock is held by someone else.
	 * @param ex the exception
	 * @return whether the exception reports contention
	 */
	protected boolean isContention(SQLException ex) {
		DataAccessException translated = this.exceptionTranslator.translate("lock", null, ex);
		return translated instanceof PessimisticLockingFailureException || translated instanceof QueryTimeoutException;
	}

	/**
	 * Give up a connection that did not get the lock, releasing what it took on the way:
	 * it goes back to the pool without it, or is discarded.
	 */
	private void abandon(Connection connection) {
		try {
			unlock(connection);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException | RuntimeException abortFailure) {
				logger.debug("Could not abort the lock connection", abortFailure);
			}
		}
		closeQuietly(connection);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the lock connection", ex);
		}
	}

	/**
	 * A held lock; closing it releases the lock and its connection. Its dedicated
	 * connection is used by one thread at a time (the run, or the monitor that reports
	 * what blocks a running migration); entering a migration and checking ownership use
	 * the migration's connection, or only validate the dedicated one.
	 */
	final class Held implements AutoCloseable {

		private final Connection connection;

		private Held(Connection connection) {
			this.connection = connection;
		}

		/**
		 * Return a description of the lock.
		 * @return the description
		 */
		public String describe() {
			return DatabaseLock.this.describe();
		}

		/**
		 * Enter a migration on its connection.
		 * @param migration the migration's connection
		 * @param transactional whether it runs in a transaction
		 * @param lockTimeout how long a transactional migration's statements may wait for
		 * a lock
		 * @return whether the lock is still held
		 * @throws SQLException on failure
		 * @see DatabaseLock#enter
		 */
		public boolean enter(Connection migration, boolean transactional, Duration lockTimeout) throws SQLException {
			return DatabaseLock.this.enter(this.connection, migration, transactional, lockTimeout);
		}

		/**
		 * Whether entering a transactional migration also sets its lock timeout.
		 * @return whether the lock sets the lock timeout
		 */
		public boolean setsLockTimeout() {
			return DatabaseLock.this.setsLockTimeout();
		}

		/**
		 * Leave a non-transactional migration.
		 * @param migration the migration's connection
		 * @throws SQLException on failure
		 */
		public void leave(Connection migration) throws SQLException {
			DatabaseLock.this.leave(migration);
		}

		/**
		 * Return the ownership condition for the statement that completes a history row.
		 * @return the condition, or {@code null}
		 * @see DatabaseLock#ownershipCondition()
		 */
		public @Nullable String ownershipCondition() {
			return DatabaseLock.this.ownershipCondition();
		}

		/**
		 * Bind the parameters of the ownership condition.
		 * @param statement the statement
		 * @param index the index of the first parameter
		 * @throws SQLException on failure
		 */
		public void bindOwnership(PreparedStatement statement, int index) throws SQLException {
			DatabaseLock.this.bindOwnership(statement, index);
		}

		/**
		 * Return the mark condition for the statement that completes a history row.
		 * @return the condition, or {@code null}
		 * @see DatabaseLock#markCondition()
		 */
		public @Nullable String markCondition() {
			return DatabaseLock.this.markCondition();
		}

		/**
		 * Bind the parameters of the mark condition.
		 * @param statement the statement
		 * @param index the index of the first parameter
		 * @throws SQLException on failure
		 */
		public void bindMark(PreparedStatement statement, int index) throws SQLException {
			DatabaseLock.this.bindMark(statement, index);
		}

		/**
		 * Note that the transactional migration entered last has ended.
		 */
		public void exited() {
			DatabaseLock.this.exited();
		}

		/**
		 * Return whether the lock is still held.
		 * @param migration the migration's connection
		 * @return whether the lock is held
		 * @throws SQLException on failure
		 */
		public boolean owns(Connection migration) throws SQLException {
			return DatabaseLock.this.owns(this.connection, migration);
		}

		/**
		 * Describe what blocks the running migration.
		 * @return the blockers or {@code null}
		 */
		public @Nullable String blockers() {
			synchronized (this) {
				return DatabaseLock.this.blockers(this.connection);
			}
		}

		@Override
		public synchronized void close() {
			try {
				unlock(this.connection);
			}
			catch (SQLException ex) {
				// A session that cannot unlock must not go back to the pool holding the
				// lock
				logger.warn(
						"Could not release the " + describe() + "; closing its connection instead: " + ex.getMessage());
				abortQuietly();
			}
			finally {
				closeQuietly(this.connection);
			}
		}

		private void abortQuietly() {
			try {
				this.connection.abort(Runnable::run);
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not abort the lock connection", ex);
			}
		}

	}

}
