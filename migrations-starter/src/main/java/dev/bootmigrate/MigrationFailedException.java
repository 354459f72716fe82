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
package dev.bootmigrate;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a migration fails. It was not recorded as applied, and the migrations after
 * it were not attempted.
 *
 * @author the bootmigrate authors
 */
public class MigrationFailedException extends MigrationException {

	private final MigrationRef migration;

	private final MigrationOrigin origin;

	private final String table;

	private final @Nullable String sqlState;

	private final boolean transactional;

	private final boolean transactionalDdl;

	private final List<MigrationRef> applied;

	private final List<MigrationRef> notAttempted;

	private final Outcome outcome;

	private final boolean connectionLost;

	private final @Nullable String blocker;

	/**
	 * Create a new exception.
	 * @param migration the migration that failed
	 * @param origin where it is defined: its bean or its SQL file
	 * @param table the history table in which it was not recorded
	 * @param transactional whether it ran in a transaction
	 * @param transactionalDdl whether the database rolls back DDL with the transaction
	 * @param applied the migrations this run applied before it
	 * @param notAttempted the migrations after it, which were not attempted
	 * @param cause the cause of the failure
	 */
	public MigrationFailedException(MigrationRef migration, MigrationOrigin origin, String table, boolean transactional,
			boolean transactionalDdl, List<MigrationRef> applied, List<MigrationRef> notAttempted, Throwable cause) {
		this(migration, origin, table, transactional, transactionalDdl, applied, notAttempted, cause,
				transactional ? Outcome.ROLLED_BACK : Outcome.PARTLY_COMMITTED, false, null);
	}

	/**
	 * Create a new exception.
	 * @param migration the migration that failed
	 * @param origin where it is defined: its bean or its SQL file
	 * @param table the history table in which it was not recorded
	 * @param transactional whether it ran in a transaction
	 * @param transactionalDdl whether the database rolls back DDL with the transaction
	 * @param applied the migrations this run applied before it
	 * @param notAttempted the migrations after it, which were not attempted
	 * @param cause the cause of the failure
	 * @param outcome what became of the statements the migration ran
	 * @param connectionLost whether the connection to the database was lost
	 * @param blocker the session that held a lock the migration waited for, if it failed
	 * waiting for a lock, or {@code null}
	 */
	public MigrationFailedException(MigrationRef migration, MigrationOrigin origin, String table, boolean transactional,
			boolean transactionalDdl, List<MigrationRef> applied, List<MigrationRef> notAttempted, Throwable cause,
			Outcome outcome, boolean connectionLost, @Nullable String blocker) {
		super("Migration " + migration + " failed: " + rootMessage(cause), cause);
		this.migration = migration;
		this.origin = origin;
		this.table = table;
		this.sqlState = sqlState(cause);
		this.transactional = transactional;
		this.transactionalDdl = transactionalDdl;
		this.applied = List.copyOf(applied);
		this.notAttempted = List.copyOf(notAttempted);
		this.outcome = outcome;
		this.connectionLost = connectionLost;
		this.blocker = blocker;
	}

	/**
	 * Return the migration that failed.
	 * @return the migration
	 */
	public MigrationRef getMigration() {
		return this.migration;
	}

	/**
	 * Return where the migration that failed is defined.
	 * @return its origin: its bean, or its SQL file
	 * @see MigrationOrigin#describe()
	 */
	public MigrationOrigin getOrigin() {
		return this.origin;
	}

	/**
	 * Return the name of the migration that failed in its source: the name of its bean,
	 * or the path of its SQL file.
	 * @return the name
	 * @see #getOrigin()
	 */
	public String getBeanName() {
		return this.origin.name();
	}

	/**
	 * Return the failure of the statement of an SQL-file migration that failed, with its
	 * file, line and statement.
	 * @return the failure, or {@code null} when the migration did not fail on a statement
	 * of its file
	 */
	public @Nullable SqlStatementFailedException getStatementFailure() {
		for (Throwable candidate = getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SqlStatementFailedException statementFailed) {
				return statementFailed;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	/**
	 * Return the history table, in which the failed migration was not recorded.
	 * @return the qualified table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the SQL state reported by the database, if the failure came from it.
	 * @return the SQL state or {@code null}
	 */
	public @Nullable String getSqlState() {
		return this.sqlState;
	}

	/**
	 * Return the message of the innermost cause, usually the database's own words (for a
	 * statement of an SQL file, with the file, line and statement), with any password it
	 * quotes masked.
	 * @return the message
	 */
	public String getCauseMessage() {
		return Credentials.mask(rootMessage(getCause()));
	}

	/**
	 * Whether the migration ran inside a transaction.
	 * @return whether the migration was transactional
	 */
	public boolean isTransactional() {
		return this.transactional;
	}

	/**
	 * Whether the database rolls back schema changes (DDL) with the transaction, as
	 * PostgreSQL does; on databases that commit DDL implicitly (H2, MySQL, MariaDB) the
	 * statements that ran before the failure may remain.
	 * @return whether DDL is transactional on this database
	 */
	public boolean isTransactionalDdl() {
		return this.transactionalDdl;
	}

	/**
	 * Return the migrations applied by this run before the failure.
	 * @return the applied migrations, in order
	 */
	public List<MigrationRef> getApplied() {
		return this.applied;
	}

	/**
	 * Return the migrations after the failed one, which were not attempted.
	 * @return the migrations not attempted, in order
	 */
	public List<MigrationRef> getNotAttempted() {
		return this.notAttempted;
	}

	/**
	 * Return what became of the statements the migration ran.
	 * @return the outcome
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Whether the migration is recorded as failed in the history table: it ran in a
	 * transaction, and part of it was committed before it failed (see
	 * {@link MigrationState#FAILED}). Later runs refuse to apply anything until an
	 * operator records it as applied or clears it.
	 * @return whether it is recorded as failed
	 */
	public boolean isRecordedAsFailed() {
		return this.transactional && this.outcome == Outcome.PARTLY_COMMITTED;
	}

	/**
	 * Whether the connection to the database was lost while the migration ran (the server
	 * ended it, restarted, or the network dropped it): the server rolled its transaction
	 * back.
	 * @return whether the connection was lost
	 */
	public boolean isConnectionLost() {
		return this.connectionLost;
	}

	/**
	 * Return the session that held a lock the migration gave up waiting for
	 * ({@code migrations.ddl-lock-timeout}), when the database can tell.
	 * @return the blocking session, or {@code null}
	 */
	public @Nullable String getBlocker() {
		return this.blocker;
	}

	private static @Nullable String sqlState(@Nullable Throwable cause) {
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof java.sql.SQLException sqlException && sqlException.getSQLState() != null) {
				return sqlException.getSQLState();
			}
		}
		return null;
	}

	private static String rootMessage(@Nullable Throwable cause) {
		Throwable root = cause;
		// The failure of a file's statement names the file, the line and the statement,
		// which the database's exception below it does not
		while (root != null && !(root instanceof SqlStatementFailedException) && root.getCause() != null
				&& root.getCause() != root) {
			root = root.getCause();
		}
		if (root == null) {
			return "unknown cause";
		}
		String message = root.getMessage();
		if (message == null || message.isBlank()) {
			return root.getClass().getName();
		}
		// The database's own words speak for themselves; other exceptions need their type
		return (root instanceof java.sql.SQLException || root instanceof SqlStatementFailedException) ? message.strip()
				: root.getClass().getSimpleName() + ": " + message.strip();
	}

	/**
	 * What became of the statements a failed migration ran.
	 */
	public enum Outcome {

		/**
		 * Its transaction was rolled back, and nothing it did remains. On a database that
		 * commits schema changes (DDL) implicitly, this means that no statement of it
		 * that had completed was committed.
		 */
		ROLLED_BACK,

		/**
		 * Part of what it did was committed before the failure and remains: it ran
		 * without a transaction, or it committed the transaction itself, or the database
		 * committed it implicitly before a schema change (DDL). A migration that ran in a
		 * transaction is then {@linkplain MigrationFailedException#isRecordedAsFailed()
		 * recorded as failed}.
		 */
		PARTLY_COMMITTED,

		/**
		 * It ended its transaction itself with a rollback, then went on: nothing it did
		 * remains.
		 */
		ENDED_ITS_TRANSACTION,

		/**
		 * Whether part of what it did was committed could not be checked: the database
		 * could not be reached after the failure. Its history row may say that it is
		 * applied; check with the {@code status} command.
		 */
		UNKNOWN

	}

}
