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

import java.util.List;

import dev.bootmigrate.FailedMigrationsException;
import dev.bootmigrate.FlywayHistoryException;
import dev.bootmigrate.IncompatibleHistoryTableException;
import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.InvalidIndexException;
import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrationCallbackException;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.MigrationLockLostException;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationPrivilegeException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.SchemaDriftException;
import dev.bootmigrate.SqlStatementFailedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MigrationException} into a report that says what happened, what was and
 * was not applied, and what to do.
 *
 * @author the bootmigrate authors
 */
class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	private static final String NL = System.lineSeparator();

	/**
	 * SQL state of "cannot run inside a transaction block".
	 */
	private static final String ACTIVE_SQL_TRANSACTION = "25001";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		if (cause instanceof MigrationFailedException failed) {
			return analyzeFailed(failed);
		}
		if (cause instanceof InvalidMigrationsException invalid) {
			return new FailureAnalysis(
					"The application's migrations are invalid:" + NL + bullets(invalid.getProblems()),
					"Fix the migration beans and SQL files listed above. Nothing was applied.", cause);
		}
		if (cause instanceof InvalidHistoryException history) {
			return new FailureAnalysis(
					"The history table " + history.getTable() + " has rows that cannot be matched with the "
							+ "application's migrations one to one:" + NL + bullets(history.getProblems()),
					"Fix the rows listed above by hand, as each problem says; --migrations.command=status shows "
							+ "every row. Until then nothing is applied, rolled back, recorded or repaired.",
					cause);
		}
		if (cause instanceof MigrationLockException lock) {
			return analyzeLock(lock);
		}
		if (cause instanceof MigrationLockLostException lost) {
			return analyzeLockLost(lost);
		}
		if (cause instanceof MigrationValidationException validation) {
			return analyzeValidation(validation);
		}
		if (cause instanceof MigrationCallbackException callback) {
			return new FailureAnalysis(callback.getMessage() + ".",
					"Fix the migration callback " + callback.getCallback()
							+ " (a MigrationCallback bean) or remove it, then start again: nothing was applied.",
					callback);
		}
		if (cause instanceof FailedMigrationsException failedEarlier) {
			return analyzeFailedEarlier(failedEarlier);
		}
		if (cause instanceof IncompatibleHistoryTableException incompatible) {
			return new FailureAnalysis(
					incompatible.getMessage() + "." + NL + NL + "Nothing was applied, and the table was left as it is.",
					"Keep this application's history in a table of its own: set migrations.table to another name, "
							+ "such as 'bootmigrate_history' (or migrations.schema to another schema), and start again.",
					incompatible);
		}
		if (cause instanceof FlywayHistoryException flyway) {
			return analyzeFlyway(flyway);
		}
		if (cause instanceof MigrationPrivilegeException privilege) {
			return analyzePrivilege(privilege);
		}
		if (cause instanceof SchemaDriftException drift) {
			return analyzeDrift(drift);
		}
		if (cause instanceof MigrationCommandException command) {
			return new FailureAnalysis(command.getMessage(), command.getAction(), command);
		}
		return new FailureAnalysis("Migrations could not be applied: " + cause.getMessage(),
				"Check that the database is reachable and that its user may read and write the history table "
						+ "(migrations.table, migrations.schema).",
				cause);
	}

	private FailureAnalysis analyzeFailed(MigrationFailedException failed) {
		String origin = failed.getOrigin().describe();
		boolean sqlFile = failed.getOrigin().type() == MigrationOrigin.Type.SQL;
		StringBuilder description = new StringBuilder();
		description.append("Migration ")
			.append(failed.getMigration())
			.append(" (")
			.append(origin)
			.append(") failed.")
			.append(NL)
			.append(NL);
		SqlStatementFailedException statement = failed.getStatementFailure();
		if (statement != null) {
			statementFailed(description, statement);
		}
		else {
			description.append("Cause: ").append(failed.getCauseMessage());
			if (failed.getSqlState() != null) {
				description.append(" (SQL state ").append(failed.getSqlState()).append(")");
			}
		}
		description.append(NL).append(NL);
		description.append("Applied by this run before it: ").append(list(failed.getApplied())).append(NL);
		description.append("Not attempted: ").append(list(failed.getNotAttempted())).append(NL).append(NL);
		if (failed.isConnectionLost()) {
			description.append("The database ended the connection while the migration ran (a server restart, ")
				.append("pg_terminate_backend, a network or idle timeout)")
				.append(failed.isTransactional() ? ": the server rolled its transaction back." : ".")
				.append(NL);
		}
		if (failed.getBlocker() != null) {
			description.append("It gave up waiting for a lock (migrations.ddl-lock-timeout), held by ")
				.append(failed.getBlocker())
				.append('.')
				.append(NL);
		}
		if (failed.getOutcome() == MigrationFailedException.Outcome.UNKNOWN) {
			description.append("Whether the database committed part of it could not be checked after the failure: ")
				.append("the history table ")
				.append(failed.getTable())
				.append(" may hold an incomplete row for version ")
				.append(failed.getMigration().version())
				.append(", and then it runs again at the next start.");
		}
		else if (failed.isRecordedAsFailed()) {
			description.append("It is recorded as failed in ")
				.append(failed.getTable())
				.append(": part of it was committed, so it is not applied again on its own, and later starts ")
				.append("refuse to apply anything until it is checked.");
		}
		else {
			description.append("Nothing was recorded for version ")
				.append(failed.getMigration().version())
				.append(" in ")
				.append(failed.getTable())
				.append(": it is still pending and will run again at the next start.");
		}
		switch (failed.getOutcome()) {
			case ENDED_ITS_TRANSACTION -> description.append(NL)
				.append("The migration ended the transaction it runs in itself (ROLLBACK, or a rollback of its ")
				.append("connection): what it did until then was rolled back, and so was what it did after.")
				.append(failed.isTransactionalDdl() ? ""
						: " This database commits schema changes (DDL) implicitly: DDL statements it ran may remain.");
			case UNKNOWN -> description.append(NL)
				.append("Check with --migrations.command=status and in the database what of it remains.");
			case PARTLY_COMMITTED -> description.append(NL)
				.append(!failed.isTransactional()
						? "It ran without a transaction, so the statements it ran before the failure remain in the "
								+ "database."
						: (failed.isTransactionalDdl()
								? "It committed its transaction itself (COMMIT) before it failed: what it did up to "
										+ "that COMMIT remains in the database."
								: "This database committed its work implicitly before a schema change (DDL), or it "
										+ "committed itself: what it did up to then remains in the database."));
			case ROLLED_BACK -> {
				if (failed.isConnectionLost()) {
					break;
				}
				if (!failed.isTransactionalDdl()) {
					description.append(NL)
						.append("Its transaction was rolled back, and none of its statements had been committed: ")
						.append("this database commits schema changes (DDL) implicitly, but it had not done so ")
						.append("after any statement of this migration.");
				}
				else {
					description.append(NL).append("Its transaction was rolled back, including its schema changes.");
				}
			}
		}
		if (failed.getCause() instanceof InvalidIndexException invalid) {
			return new FailureAnalysis(description.toString(),
					"Drop the invalid index" + ((invalid.getIndexes().size() != 1) ? "es" : "")
							+ " and start the application again: migration " + failed.getMigration().version() + " ("
							+ origin + ") then runs again and builds "
							+ ((invalid.getIndexes().size() != 1) ? "them" : "it") + "." + NL + NL
							+ bullets(invalid.getDropStatements()),
					failed);
		}
		if (ACTIVE_SQL_TRANSACTION.equals(failed.getSqlState())) {
			return new FailureAnalysis(description.toString(), "Migration " + failed.getMigration().version()
					+ " runs a statement that the database refuses inside a transaction (such as CREATE INDEX "
					+ "CONCURRENTLY). "
					+ (sqlFile
							? "Move that statement to an SQL file of its own: a file made only of such statements "
									+ "runs in auto-commit mode. Make it safe to re-run (IF NOT EXISTS)."
							: "Return false from transactional() in " + origin
									+ " so that it runs in auto-commit mode, and make it safe to re-run (IF NOT "
									+ "EXISTS)."),
					failed);
		}
		if (failed.getOutcome() == MigrationFailedException.Outcome.ENDED_ITS_TRANSACTION) {
			return new FailureAnalysis(description.toString(),
					"Remove the COMMIT or ROLLBACK from migration " + failed.getMigration().version() + " (" + origin
							+ "): the starter commits it together with its history row."
							+ (sqlFile ? ""
									: " If it must commit by itself, return false from transactional() and make it "
											+ "safe to re-run."),
					failed);
		}
		if (failed.isRecordedAsFailed()) {
			return new FailureAnalysis(description.toString(), checkFailedAction(List.of(failed.getMigration())),
					failed);
		}
		if (failed.isConnectionLost()) {
			return new FailureAnalysis(description.toString(),
					"Find out why the connection ended (the database's log says), then start the application again: "
							+ "migration " + failed.getMigration().version() + " will be applied again.",
					failed);
		}
		if (failed.getBlocker() != null) {
			return new FailureAnalysis(description.toString(),
					"End or commit the transaction of the blocking session, or run the migration at a quieter time; "
							+ "raise migrations.ddl-lock-timeout or migrations.ddl-lock-retries if waiting longer is "
							+ "acceptable (while a migration waits for a table lock, later queries on that table "
							+ "wait behind it).",
					failed);
		}
		boolean clean = failed.getOutcome() == MigrationFailedException.Outcome.ROLLED_BACK;
		String action = "Fix migration " + failed.getMigration().version() + " (" + origin
				+ ") and start the application again"
				+ (clean ? "." : "; make it safe to re-run (for example with IF NOT EXISTS), or undo by hand what it "
						+ "did before failing.");
		return new FailureAnalysis(description.toString(), action, failed);
	}

	/**
	 * Describe the statement of an SQL file that failed: where it is, what the database
	 * said, and how many statements of the file ran before it; what became of them
	 * follows.
	 */
	private static void statementFailed(StringBuilder description, SqlStatementFailedException statement) {
		description.append("The statement on line ")
			.append(statement.getLine())
			.append(" of ")
			.append(statement.getFile())
			.append(" failed");
		if (statement.getSqlState() != null) {
			description.append(" (SQL state ").append(statement.getSqlState()).append(')');
		}
		description.append(": ").append(statement.getDatabaseMessage()).append(NL).append(NL);
		description.append("    ")
			.append(statement.getStatement().strip().replace("\n", NL + "    "))
			.append(NL)
			.append(NL);
		int run = statement.getStatementsRun();
		description.append((run == 0) ? "No statement of the file ran before it."
				: ((run == 1) ? "1 statement" : run + " statements") + " of the file ran before it.");
	}

	private FailureAnalysis analyzeFailedEarlier(FailedMigrationsException failed) {
		String description = failed.getMessage() + "." + NL + NL
				+ "This happens on databases that commit schema changes (DDL) implicitly (MariaDB, MySQL, H2), "
				+ "when a migration fails after a schema change, and on any database when a migration commits "
				+ "itself and then fails. Nothing was applied.";
		return new FailureAnalysis(description,
				checkFailedAction(failed.getMigrations().stream().map(MigrationInfo::ref).toList()), failed);
	}

	/**
	 * What to do about migrations recorded as failed.
	 */
	private static String checkFailedAction(List<MigrationRef> migrations) {
		String versions = String.join(", ", migrations.stream().map(MigrationRef::version).toList());
		String first = migrations.get(0).version();
		return "Check in the database which changes of migration" + ((migrations.size() != 1) ? "s " : " ") + versions
				+ " are there, then either:" + NL + NL
				+ "    - complete them by hand and record the migration as applied: --migrations.command=mark-applied "
				+ "--migrations.version=" + first + NL
				+ "    - or undo them by hand and clear the record, so that it runs again at the next start: "
				+ "--migrations.command=repair" + NL + NL
				+ "To avoid this, give each migration one schema change (DDL), and write it to be safe to re-run "
				+ "(IF NOT EXISTS in an SQL file, or check first with context.schema() in a bean).";
	}

	private FailureAnalysis analyzeFlyway(FlywayHistoryException flyway) {
		String description = "Flyway's history table " + flyway.getTable()
				+ " cannot be adopted, so that what Flyway applied would not run again:" + NL
				+ bullets(flyway.getProblems()) + NL + NL
				+ "Nothing was recorded or applied, and Flyway's table was left as it is.";
		StringBuilder action = new StringBuilder();
		if (!flyway.getDeleteStatements().isEmpty()) {
			action.append("Check in the database what the failed migrations left, then for each, either:")
				.append(NL)
				.append(NL)
				.append("    - undo it by hand and remove its failed row, as Flyway's repair does (flyway repair, ")
				.append("or by hand: ")
				.append(String.join("; ", flyway.getDeleteStatements()))
				.append("): it then runs again at the next start")
				.append(NL);
			if (!flyway.getFailedVersions().isEmpty()) {
				action.append("    - or, once all its changes are in the database, record it as applied while the ")
					.append("rest of Flyway's history is adopted: --migrations.command=mark-applied ")
					.append("--migrations.version=")
					.append(flyway.getFailedVersions().get(0))
					.append(NL);
			}
		}
		else {
			action.append("Correct the rows of ")
				.append(flyway.getTable())
				.append(" listed above by hand, or set migrations.flyway.adopt=false and record what Flyway applied ")
				.append("with --migrations.command=mark-applied --migrations.target=<version>.")
				.append(NL);
		}
		action.append("Then start the application again.");
		return new FailureAnalysis(description, action.toString(), flyway);
	}

	private FailureAnalysis analyzeDrift(SchemaDriftException drift) {
		boolean validate = drift.getCause() != null;
		StringBuilder description = new StringBuilder(
				"The migrations were applied and committed, but the JPA entities ")
			.append("and the database differ")
			.append(validate ? ": Hibernate's validation (spring.jpa.hibernate.ddl-auto=validate) failed after them."
					: " (migrations.on-drift=fail).");
		if (validate) {
			description.append(NL).append(NL).append("Hibernate: ").append(drift.getCause().getMessage());
		}
		if (!drift.getDifferences().isEmpty()) {
			description.append(NL)
				.append(NL)
				.append("Every difference (")
				.append(drift.getDifferences().size())
				.append("):")
				.append(NL)
				.append(bullets(drift.getDifferences()));
		}
		String action = "Write a migration that brings the database to the entities: --migrations.command=diff prints "
				+ "its SQL, and --migrations.output=<folder> writes it as a new migration to review and commit with "
				+ "the entity change. Or change the entities to match the database. "
				+ (validate ? "To start anyway, set spring.jpa.hibernate.ddl-auto=none."
						: "To start anyway and only log the differences, set migrations.on-drift=warn.");
		return new FailureAnalysis(description.toString(), action, drift);
	}

	private FailureAnalysis analyzePrivilege(MigrationPrivilegeException privilege) {
		StringBuilder action = new StringBuilder(
				"Grant the missing privilege, as a user who may (the owner of the schema or database, or a superuser):")
			.append(NL)
			.append(NL)
			.append("    ")
			.append(privilege.getGrant())
			.append(';')
			.append(NL)
			.append(NL);
		if (privilege.getAlternative() != null) {
			action.append("Or ").append(privilege.getAlternative()).append('.').append(NL);
		}
		action.append("Then start the application again.");
		return new FailureAnalysis(privilege.getMessage() + "." + NL + NL + "Nothing was applied.", action.toString(),
				privilege);
	}

	private FailureAnalysis analyzeLock(MigrationLockException lock) {
		String description = "Timed out after " + lock.getTimeout().toSeconds() + " s waiting for the " + lock.getLock()
				+ ", which serialises migration runs between instances. " + ((lock.getHolder() != null)
						? "It is held by " + lock.getHolder() + "." : "The database does not tell who holds it.")
				+ " Nothing was applied by this instance.";
		String action = "Another instance is applying migrations. Wait for it to finish and start again, or raise "
				+ "migrations.lock-timeout if its migrations take longer. If its migration is stuck, stop that "
				+ "instance, or end the session that applies the migration"
				+ ((lock.getEndSessionHint() != null) ? " (" + lock.getEndSessionHint() + ")" : "")
				+ ": its transaction rolls back, nothing is recorded for it, and the instance stops and releases the "
				+ "lock. A migration that runs without a transaction keeps what it did before it was stopped. Do not "
				+ "end the session that holds the lock (the second one named) to get past a stuck migration: the "
				+ "instance would only stop after that migration.";
		return new FailureAnalysis(description, action, lock);
	}

	private FailureAnalysis analyzeLockLost(MigrationLockLostException lost) {
		String description = "This instance lost the " + lost.getLock()
				+ " while applying migrations: the session holding it was ended (pg_terminate_backend, a restart, a "
				+ "network or idle timeout) or went through a pooler that does not keep sessions. It stopped at "
				+ "migration " + lost.getMigration() + ", which "
				+ (lost.isRecorded() ? "had completed and is recorded as applied."
						: "was not applied: its transaction was rolled back, or it was not started, and nothing is "
								+ "recorded for it.")
				+ NL + NL + "Applied by this run: " + list(lost.getApplied()) + NL + "Not attempted: "
				+ list(lost.getNotAttempted());
		String action = "Another instance may have taken the lock over and applied the rest; check with "
				+ "--migrations.command=status and start the application again. To stop a stuck migration, end the "
				+ "session that applies it or stop the instance, rather than the session that holds the lock; with "
				+ "PgBouncer, point the application at a session-pooled or direct URL.";
		return new FailureAnalysis(description, action, lost);
	}

	private FailureAnalysis analyzeValidation(MigrationValidationException validation) {
		StringBuilder description = new StringBuilder("The database does not match the application's migrations.");
		StringBuilder action = new StringBuilder();
		if (!validation.getPending().isEmpty()) {
			description.append(NL)
				.append(NL)
				.append("Pending migrations, not applied because automatic migration is off ")
				.append("(migrations.auto-migrate=false) and migrations.on-pending=fail:")
				.append(NL)
				.append(bullets(validation.getPending()));
			action.append("Apply the pending migrations with --migrations.command=migrate (for example from a "
					+ "Kubernetes Job), or set migrations.auto-migrate=true.");
		}
		if (!validation.getUnknown().isEmpty()) {
			description.append(NL)
				.append(NL)
				.append(validation.getTable())
				.append(" records versions this application does not know (migrations.on-unknown=fail):")
				.append(NL)
				.append(bullets(validation.getUnknown()));
			append(action,
					"The database was migrated by a newer release of the application, or migrations (beans or SQL "
							+ "files) were removed. Deploy that release, roll back the unknown versions with the release that has them "
							+ "(--migrations.command=rollback), or forget them with --migrations.command=repair "
							+ "--migrations.remove-unknown=true.");
		}
		if (!validation.getChecksumMismatches().isEmpty()) {
			description.append(NL)
				.append(NL)
				.append("Applied migrations changed since they were applied (their checksum differs from the recorded one):")
				.append(NL)
				.append(bullets(validation.getChecksumMismatches()));
			append(action, "Restore the applied migrations as they were and put the change in a new migration, or, if "
					+ "the change was deliberate, record the new checksums with --migrations.command=repair.");
		}
		return new FailureAnalysis(description.toString(), action.toString(), validation);
	}

	private static void append(StringBuilder action, String sentence) {
		if (!action.isEmpty()) {
			action.append(NL);
		}
		action.append(sentence);
	}

	private static String list(List<MigrationRef> migrations) {
		return migrations.isEmpty() ? "none"
				: String.join(", ", migrations.stream().map(MigrationRef::toString).toList());
	}

	private static String bullets(List<?> items) {
		StringBuilder bullets = new StringBuilder();
		for (Object item : items) {
			if (!bullets.isEmpty()) {
				bullets.append(NL);
			}
			bullets.append("    - ").append(item);
		}
		return bullets.toString();
	}

}
