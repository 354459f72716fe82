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

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;

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
					"The application's migration beans are invalid:" + NL + bullets(invalid.getProblems()),
					"Fix the migration beans listed above. Nothing was applied.", cause);
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
		if (cause instanceof MigrationValidationException validation) {
			return analyzeValidation(validation);
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
		StringBuilder description = new StringBuilder();
		description.append("Migration ")
			.append(failed.getMigration())
			.append(" (bean '")
			.append(failed.getBeanName())
			.append("') failed.")
			.append(NL)
			.append(NL);
		description.append("Cause: ").append(failed.getCauseMessage());
		if (failed.getSqlState() != null) {
			description.append(" (SQL state ").append(failed.getSqlState()).append(")");
		}
		description.append(NL).append(NL);
		description.append("Applied by this run before it: ").append(list(failed.getApplied())).append(NL);
		description.append("Not attempted: ").append(list(failed.getNotAttempted())).append(NL).append(NL);
		description.append("Nothing was recorded for version ")
			.append(failed.getMigration().version())
			.append(" in ")
			.append(failed.getTable())
			.append(": it is still pending and will run again at the next start.");
		if (!failed.isTransactional()) {
			description.append(NL)
				.append("It ran without a transaction, so the statements it ran before the failure ")
				.append("remain in the database.");
		}
		else if (!failed.isTransactionalDdl()) {
			description.append(NL)
				.append("Its transaction was rolled back, but this database commits schema changes ")
				.append("(DDL) implicitly: DDL statements it ran before the failure may remain.");
		}
		else {
			description.append(NL).append("Its transaction was rolled back, including its schema changes.");
		}
		if (ACTIVE_SQL_TRANSACTION.equals(failed.getSqlState())) {
			return new FailureAnalysis(description.toString(),
					"Migration " + failed.getMigration().version()
							+ " runs a statement that the database refuses inside a transaction (such as CREATE INDEX "
							+ "CONCURRENTLY). Return false from transactional() in bean '" + failed.getBeanName()
							+ "' so that it runs in auto-commit mode, and make it safe to re-run (IF NOT EXISTS).",
					failed);
		}
		String action = "Fix migration " + failed.getMigration().version() + " (bean '" + failed.getBeanName()
				+ "') and start the application again"
				+ ((failed.isTransactional() && failed.isTransactionalDdl()) ? "."
						: "; make it safe to re-run (for example with IF NOT EXISTS), or undo by hand what it "
								+ "did before failing.");
		return new FailureAnalysis(description.toString(), action, failed);
	}

	private FailureAnalysis analyzeLock(MigrationLockException lock) {
		String description = "Timed out after " + lock.getTimeout().toSeconds() + " s waiting for the " + lock.getLock()
				+ ", which serialises migration runs between instances. " + ((lock.getHolder() != null)
						? "It is held by " + lock.getHolder() + "." : "The database does not tell who holds it.")
				+ " Nothing was applied by this instance.";
		String action = "Another instance is applying migrations. Wait for it to finish and start again, or raise "
				+ "migrations.lock-timeout if its migrations take longer. If the holder is stuck, stop it: the "
				+ "database releases the lock as soon as the holder's connection closes"
				+ ((lock.getHolder() != null && lock.getHolder().startsWith("PostgreSQL"))
						? " (on PostgreSQL: SELECT pg_terminate_backend(<pid>))." : ".");
		return new FailureAnalysis(description, action, lock);
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
			append(action, "The database was migrated by a newer release of the application, or migration beans were "
					+ "removed. Deploy that release, roll back the unknown versions with the release that has them "
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
