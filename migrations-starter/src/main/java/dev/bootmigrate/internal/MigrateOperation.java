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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.FailedMigrationsException;
import dev.bootmigrate.InvalidIndex;
import dev.bootmigrate.InvalidIndexException;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockLostException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.Printable;
import dev.bootmigrate.Versions;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Applies the pending migrations: the {@code migrate} command, and what runs at startup.
 * <p>
 * A run reads the history table once; when nothing is pending that single query is all it
 * costs. Otherwise it takes the lock, creates the history table if needed, reads the
 * history again (another instance may have applied migrations while this one waited) and
 * applies what is still pending, in version order, then, once no versioned migration is
 * left pending, the repeatable migrations that are new or changed, by description. A
 * transactional migration runs in its own transaction, which first claims the migration's
 * history row (incomplete; for a repeatable migration applied before, its row) and
 * completes it at the end, only while the lock is held: a migration is recorded as
 * applied if and only if it committed. A non-transactional migration runs on a connection
 * of its own, and is recorded once it succeeded.
 *
 * @author the bootmigrate authors
 */
final class MigrateOperation {

	private static final Log logger = LogFactory.getLog(MigrateOperation.class);

	private final Engine engine;

	MigrateOperation(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Apply the pending migrations, up to and including the target version if one is
	 * given.
	 * @param target the highest version to apply, or {@code null} for all
	 * @return what was done
	 * @throws MigrationFailedException if a migration fails
	 * @throws MigrationValidationException if validation fails
	 * @throws dev.bootmigrate.MigrationLockException if the lock cannot be acquired in
	 * time
	 */
	MigrateResult run(@Nullable String target) {
		long start = System.nanoTime();
		// One query, which also shows the rows a running rollback marked
		MigrationsSnapshot first = this.engine.briefSnapshot();
		this.engine.policies().validate(first);
		if (toApply(first, target).isEmpty() && !first.rollingBack() && first.failed().isEmpty()) {
			logUpToDate(first, start);
			return new MigrateResult(List.of(), first.currentVersion(), first.pendingCount(),
					Duration.ofNanos(System.nanoTime() - start), Map.of());
		}
		if (first.rollingBack()) {
			logger.info("A rollback of migrations is running, or was interrupted; waiting for the lock");
		}
		return this.engine.locked((lock) -> {
			boolean adopted = this.engine.createTableIfMissing() != null;
			MigrationsSnapshot snapshot = this.engine.briefSnapshot();
			if (adopted) {
				// What Flyway recorded meets the policies, as a history of our own would
				this.engine.policies().validate(snapshot);
			}
			if (snapshot.rollingBack()) {
				// This instance holds the lock, so no rollback runs: it was interrupted
				int unmarked = this.engine.jdbc().update(this.engine.table().unmarkRollingBackSql());
				logger.warn("A rollback was interrupted before it reverted " + unmarked + " marked migration(s); "
						+ "they stay applied");
				snapshot = this.engine.briefSnapshot();
			}
			if (!snapshot.failed().isEmpty()) {
				// Under the lock, no other run is applying them: they did fail
				throw new FailedMigrationsException(this.engine.table().qualifiedName(),
						this.engine.snapshot().failed());
			}
			List<ResolvedMigration> pending = toApply(snapshot, target);
			if (pending.isEmpty()) {
				if (first.rollingBack() || !toApply(first, target).isEmpty() || !first.failed().isEmpty()) {
					logger.info("Another instance changed the schema while this one waited for the lock");
				}
				this.engine.policies().validate(snapshot);
				logUpToDate(snapshot, start);
				return new MigrateResult(List.of(), snapshot.currentVersion(), snapshot.pendingCount(),
						Duration.ofNanos(System.nanoTime() - start), Map.of());
			}
			List<MigrationRef> applied = new ArrayList<>(pending.size());
			Map<MigrationRef, String> skipped = new LinkedHashMap<>();
			try {
				this.engine.beforeMigrate(pending);
				apply(pending, snapshot.currentVersion(), lock, applied, skipped);
			}
			catch (MigrationException ex) {
				this.engine.afterMigrateError(ex, applied);
				throw ex;
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			String now = snapshot.currentVersion();
			for (ResolvedMigration migration : pending) {
				if (!migration.repeatable() && (now == null || Versions.compare(migration.version(), now) > 0)) {
					now = migration.version();
				}
			}
			int pendingAfter = snapshot.pendingCount() - pending.size();
			this.engine.pendingCounted(pendingAfter);
			logger.info("Applied " + applied.size() + " migration" + ((applied.size() != 1) ? "s" : "")
					+ ((!skipped.isEmpty()) ? " (" + skipped.size() + " skipped)" : "") + " to " + this.engine.table()
					+ " in " + elapsed.toMillis() + " ms; now at version " + now
					+ ((pendingAfter > 0) ? " (" + pendingAfter + " pending beyond the target)" : ""));
			MigrateResult result = new MigrateResult(applied, now, pendingAfter, elapsed,
					Collections.unmodifiableMap(skipped));
			this.engine.afterMigrate(result);
			return result;
		});
	}

	/**
	 * Return what a run up to the given target applies: the pending versioned migrations
	 * up to it, then, when none is left pending beyond it, the repeatable migrations that
	 * are new or changed, which are written for the latest schema.
	 */
	private static List<ResolvedMigration> toApply(MigrationsSnapshot snapshot, @Nullable String target) {
		List<ResolvedMigration> versioned = snapshot.pendingMigrations(target);
		List<ResolvedMigration> repeatables = snapshot.dueRepeatables();
		if (repeatables.isEmpty() || versioned.size() < snapshot.pendingMigrations().size()) {
			return versioned;
		}
		List<ResolvedMigration> all = new ArrayList<>(versioned.size() + repeatables.size());
		all.addAll(versioned);
		all.addAll(repeatables);
		return all;
	}

	private void logUpToDate(MigrationsSnapshot snapshot, long start) {
		if (logger.isInfoEnabled()) {
			int pending = snapshot.pendingCount();
			logger.info("Schema is up to date at version " + snapshot.describeCurrentVersion() + " ("
					+ snapshot.appliedCount() + " applied, "
					+ ((pending != 0) ? pending + " beyond the target" : "none pending") + ", checked in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)"
					+ snapshot.describeNewerUnknownVersions());
		}
	}

	/**
	 * Apply the pending migrations in order, adding each to the given list once it is
	 * recorded, and to the given map with its reason when it said it had nothing to do.
	 */
	private void apply(List<ResolvedMigration> pending, @Nullable String currentVersion, DatabaseLock.Held lock,
			List<MigrationRef> applied, Map<MigrationRef, String> skipped) {
		// Now, while only the lock's connection is taken: a run needs no more than two
		this.engine.installedBy();
		try (MigrationMonitor monitor = new MigrationMonitor(lock, this.engine.settings().progressInterval())) {
			for (int i = 0; i < pending.size(); i++) {
				ResolvedMigration migration = pending.get(i);
				if (currentVersion != null && !migration.repeatable()
						&& Versions.compare(migration.version(), currentVersion) < 0) {
					logger.warn("Applying " + migration.ref() + " out of order: version " + currentVersion
							+ " is already applied");
				}
				String step = (i + 1) + "/" + pending.size() + ": " + migration.ref();
				logger.info("Applying " + step);
				long start = System.nanoTime();
				this.engine.running(migration);
				monitor.started(step);
				DefaultMigrationContext ran;
				try {
					ran = applyWithRetries(migration, lock, monitor);
					if (ran == null) {
						logger.info("Skipped " + step + ": another instance applied it meanwhile");
						continue;
					}
				}
				catch (LockLost ex) {
					if (ex.recorded) {
						applied.add(migration.ref());
					}
					throw new MigrationLockLostException(lock.describe(), migration.ref(), ex.recorded, applied,
							notAttempted(pending, i));
				}
				catch (RuntimeException | Error ex) {
					throw failed(migration, applied, notAttempted(pending, i), Engine.unwrap(ex),
							monitor.lastBlockers());
				}
				finally {
					this.engine.running(null);
					monitor.finished();
				}
				Duration duration = Duration.ofNanos(System.nanoTime() - start);
				applied.add(migration.ref());
				String reason = ran.skipped();
				if (reason != null) {
					skipped.put(migration.ref(), reason);
					logger.info("Applied " + step + " (skipped: " + Printable.escape(reason) + ")");
				}
				else {
					logger.info("Applied " + step + " in " + duration.toMillis() + " ms");
				}
				this.engine.applied(migration, duration);
			}
		}
	}

	/**
	 * Return the migrations after the one at the given index, which a failure leaves
	 * unattempted: made only then, since making it for each migration would cost a run of
	 * N migrations N²/2 references.
	 */
	private static List<MigrationRef> notAttempted(List<ResolvedMigration> pending, int index) {
		return pending.subList(index + 1, pending.size()).stream().map(ResolvedMigration::ref).toList();
	}

	/**
	 * Apply a migration, again after a back-off when it gave up waiting for a lock
	 * (migrations.ddl-lock-timeout), at most migrations.ddl-lock-retries more times.
	 * @return the context the migration ran with, or {@code null} when another instance
	 * applied it meanwhile
	 */
	private @Nullable DefaultMigrationContext applyWithRetries(ResolvedMigration migration, DatabaseLock.Held lock,
			MigrationMonitor monitor) {
		boolean transactional = migration.migration().transactional();
		for (int attempt = 0;; attempt++) {
			try {
				return transactional ? applyInTransaction(migration, lock) : applyWithoutTransaction(migration, lock);
			}
			catch (RuntimeException ex) {
				Throwable cause = Engine.unwrap(ex);
				// Never again once part of it was committed
				if (!transactional || attempt >= this.engine.settings().ddlLockRetries()
						|| !this.engine.dialect().isLockTimeout(cause) || cause instanceof LockLost
						|| cause instanceof CommittedBeforeFailure || cause instanceof OutcomeUnknown) {
					throw ex;
				}
				Duration backOff = backOff(attempt);
				String blockers = monitor.lastBlockers();
				logger.warn("Migration " + migration.ref() + " gave up waiting for a lock after "
						+ this.engine.settings().ddlLockTimeout().toMillis() + " ms (migrations.ddl-lock-timeout)"
						+ ((blockers != null) ? ", held by " + blockers : "") + "; its transaction was rolled back. "
						+ "Retrying in " + backOff.toMillis() + " ms (retry " + (attempt + 1) + " of "
						+ this.engine.settings().ddlLockRetries() + ")");
				sleep(backOff);
			}
		}
	}

	private static Duration backOff(int attempt) {
		return Duration.ofMillis(Math.min(30_000L, 1000L << Math.min(attempt, 5)));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while waiting to retry a migration", ex);
		}
	}

	/**
	 * Apply a migration in a transaction that first claims its history row, so that
	 * another instance that applies the same version waits for this transaction and then
	 * finds the row; the row is claimed incomplete (a negative execution time) and
	 * completed at the end, only while the lock is held and the transaction is still the
	 * one that claimed it. A migration that ends the transaction itself loses the claim,
	 * which shows. A claim that was committed anyway (the migration committed itself, or
	 * the database committed implicitly before DDL) stays incomplete, recording the
	 * migration as failed, once some of its statements had completed; if none had, the
	 * claim is all that was committed, and it is removed.
	 */
	private @Nullable DefaultMigrationContext applyInTransaction(ResolvedMigration migration, DatabaseLock.Held lock) {
		MigrationJdbcTemplate statements = new MigrationJdbcTemplate(this.engine.dataSource());
		DefaultMigrationContext context = new DefaultMigrationContext(statements, this.engine.dialect());
		Claim claim;
		try {
			claim = claimAndApply(migration, lock, statements, context);
		}
		finally {
			lock.exited();
		}
		if (claim == Claim.INCOMPLETE_FOUND) {
			// Refused under the lock before the run began: another run recorded it since
			throw new FailedMigrationsException(this.engine.table().qualifiedName(), this.engine.snapshot().failed());
		}
		return (claim == Claim.CLAIMED) ? context : null;
	}

	private Claim claimAndApply(ResolvedMigration migration, DatabaseLock.Held lock, MigrationJdbcTemplate statements,
			DefaultMigrationContext context) {
		HistoryTable table = this.engine.table();
		try {
			return Objects.requireNonNull(this.engine.transaction().execute((status) -> {
				// The transaction's connection, without a template's proxy around it
				Connection connection = DataSourceUtils.getConnection(this.engine.dataSource());
				Claim claim;
				try {
					if (!lock.enter(connection, true, this.engine.settings().ddlLockTimeout())) {
						throw new LockLost(false);
					}
					this.engine.limitLockWaitsInTransaction(connection, lock);
					claim = claim(connection, migration);
				}
				catch (SQLException ex) {
					throw new MigrationException(
							"Could not claim the history row of " + migration.ref() + ": " + Engine.rootMessage(ex),
							ex);
				}
				finally {
					DataSourceUtils.releaseConnection(connection, this.engine.dataSource());
				}
				if (claim != Claim.CLAIMED) {
					status.setRollbackOnly();
					return claim;
				}
				long start = System.nanoTime();
				Engine.invoke(migration.migration()::migrate, context);
				long executionMs = Engine.millisSince(start);
				Connection completing = DataSourceUtils.getConnection(this.engine.dataSource());
				try {
					complete(completing, migration, executionMs, lock);
				}
				catch (SQLException ex) {
					throw new MigrationException(
							"Could not complete the history row of " + migration.ref() + ": " + Engine.rootMessage(ex),
							ex);
				}
				finally {
					DataSourceUtils.releaseConnection(completing, this.engine.dataSource());
				}
				return Claim.CLAIMED;
			}));
		}
		catch (RuntimeException | Error ex) {
			Throwable cause = Engine.unwrap(ex);
			if (cause instanceof LockLost) {
				throw (RuntimeException) cause;
			}
			Committed committed = committedClaim(migration, lock, statements.completed());
			if (committed == Committed.COMPLETE) {
				// The commit went through though its answer was lost
				logger.warn("Migration " + migration.ref() + " was committed, though the database's answer to the "
						+ "commit was lost: " + Engine.rootMessage(cause));
				return Claim.CLAIMED;
			}
			if (committed == Committed.INCOMPLETE) {
				throw new CommittedBeforeFailure(cause);
			}
			if (committed == Committed.UNKNOWN) {
				throw new OutcomeUnknown(cause);
			}
			throw ex;
		}
	}

	/**
	 * Complete the claimed row of a migration whose body returned, only while the lock
	 * and the migration's transaction are still those that claimed it.
	 */
	private void complete(Connection connection, ResolvedMigration migration, long executionMs, DatabaseLock.Held lock)
			throws SQLException {
		String ownership = lock.ownershipCondition();
		if (ownership == null && !lock.owns(connection)) {
			throw new LockLost(false);
		}
		String mark = lock.markCondition();
		String condition = (ownership != null && mark != null) ? ownership + " AND " + mark : ownership;
		try (PreparedStatement statement = connection.prepareStatement(this.engine.table().completeSql(condition))) {
			statement.setLong(1, executionMs);
			statement.setTimestamp(2, Timestamp.from(Instant.now()));
			statement.setString(3, migration.key());
			if (ownership != null) {
				lock.bindOwnership(statement, 4);
				if (mark != null) {
					lock.bindMark(statement, 6);
				}
			}
			if (statement.executeUpdate() == 1) {
				return;
			}
		}
		if (!lock.owns(connection)) {
			throw new LockLost(false);
		}
		throw new TransactionEnded();
	}

	/**
	 * Insert the incomplete row of a migration about to run, in its transaction; for a
	 * repeatable migration applied before, make its complete row the incomplete row of
	 * this run, which the transaction's rollback restores.
	 * @return whether it was inserted, or found recorded: complete (by another instance
	 * meanwhile) or incomplete (by an earlier run that did not end)
	 */
	private Claim claim(Connection connection, ResolvedMigration migration) throws SQLException {
		AppliedMigration row = new AppliedMigration(migration.key(), migration.description(),
				migration.recordedType(true), migration.checksum(), this.engine.installedBy(), Instant.now(),
				AppliedMigration.INCOMPLETE);
		HistoryTable table = this.engine.table();
		if (migration.repeatable()) {
			try (PreparedStatement statement = connection.prepareStatement(table.reapplySql())) {
				table.bindReapply(statement, row);
				if (statement.executeUpdate() == 1) {
					return Claim.CLAIMED;
				}
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
			table.bindInsert(statement, row);
			statement.executeUpdate();
			return Claim.CLAIMED;
		}
		catch (SQLException ex) {
			if (this.engine.dialect().isDuplicateKey(ex)) {
				return Claim.INCOMPLETE_FOUND;
			}
			throw ex;
		}
	}

	private boolean deleteIncomplete(Connection connection, ResolvedMigration migration, DatabaseLock.Held lock)
			throws SQLException {
		// Only while the lock is held: else the row may be that of a new holder
		String ownership = lock.ownershipCondition();
		if (ownership == null && !lock.owns(connection)) {
			return false;
		}
		try (PreparedStatement statement = connection
			.prepareStatement(this.engine.table().deleteIncompleteSql(ownership))) {
			statement.setString(1, migration.key());
			if (ownership != null) {
				lock.bindOwnership(statement, 2);
			}
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * After a failed transactional migration, find out what of its claim was committed
	 * after all: nothing, its complete row (the answer to the commit was lost), or its
	 * incomplete claim. A committed claim is kept, recording the migration as failed,
	 * when some of its statements had completed; when none had, only the claim was
	 * committed (implicitly, before the schema change the migration failed on), and it is
	 * removed.
	 * @param completed how many statements of the migration completed
	 */
	private Committed committedClaim(ResolvedMigration migration, DatabaseLock.Held lock, int completed) {
		try (Connection connection = this.engine.dataSource().getConnection()) {
			if (this.engine.isRecorded(connection, migration)) {
				return Committed.COMPLETE;
			}
			if (!this.engine.isClaimed(connection, migration)) {
				return Committed.NOTHING;
			}
			if (completed == 0 && deleteIncomplete(connection, migration, lock)) {
				return Committed.NOTHING;
			}
			return Committed.INCOMPLETE;
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not check whether the failed migration " + migration.ref()
					+ " committed anything itself: " + Engine.rootMessage(ex));
			return Committed.UNKNOWN;
		}
	}

	/**
	 * What claiming a migration's row found.
	 */
	private enum Claim {

		CLAIMED, INCOMPLETE_FOUND

	}

	/**
	 * What of a failed migration's claim was committed.
	 */
	private enum Committed {

		NOTHING, INCOMPLETE, COMPLETE, UNKNOWN

	}

	/**
	 * Apply a non-transactional migration in auto-commit mode on a connection of its own,
	 * marked as migrating for as long as it runs, and record it on that connection when
	 * it succeeded: also after the lock was lost meanwhile, since it did complete and the
	 * mark kept any new holder from running it, but then the run stops. A connection
	 * whose session cannot be cleaned up afterwards is discarded, not given back to the
	 * pool still marked.
	 */
	private @Nullable DefaultMigrationContext applyWithoutTransaction(ResolvedMigration migration,
			DatabaseLock.Held lock) {
		long start = System.nanoTime();
		return this.engine.onOwnConnection(migration, "run", lock, true, () -> new LockLost(false),
				(connection, own) -> {
					if (this.engine.isRecorded(connection, migration)) {
						return null;
					}
					requireNoInvalidIndexes(connection);
					DefaultMigrationContext context = new DefaultMigrationContext(own, this.engine.dialect());
					Engine.invoke(migration.migration()::migrate, context);
					requireNoInvalidIndexes(connection);
					this.engine.record(own, migration, migration.recordedType(false), Engine.millisSince(start));
					try {
						if (lock.owns(connection)) {
							return context;
						}
					}
					catch (SQLException | RuntimeException ex) {
						// It did complete and is recorded: what failed after it cannot
						// undo that
						throw new LockLost(true);
					}
					throw new LockLost(true);
				});
	}

	/**
	 * Fail a migration that ran without a transaction if the schema has invalid indexes
	 * after it: its {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} may have skipped one
	 * that an interrupted run left behind, and recording it would hide that for good.
	 */
	private void requireNoInvalidIndexes(Connection connection) throws SQLException {
		List<InvalidIndex> invalid = this.engine.dialect().invalidIndexes(connection, this.engine.table().schema());
		if (!invalid.isEmpty()) {
			throw new InvalidIndexException(invalid.get(0).schema(),
					invalid.stream().map(InvalidIndex::toString).toList(),
					invalid.stream().map(InvalidIndex::dropStatement).toList());
		}
	}

	private MigrationFailedException failed(ResolvedMigration migration, List<MigrationRef> applied,
			List<MigrationRef> notAttempted, Throwable cause, @Nullable String blockers) {
		boolean transactional = migration.migration().transactional();
		MigrationFailedException.Outcome outcome;
		if (cause instanceof CommittedBeforeFailure committed) {
			outcome = MigrationFailedException.Outcome.PARTLY_COMMITTED;
			cause = committed.getCause();
		}
		else if (cause instanceof TransactionEnded) {
			outcome = MigrationFailedException.Outcome.ENDED_ITS_TRANSACTION;
		}
		else if (cause instanceof OutcomeUnknown unknown) {
			outcome = MigrationFailedException.Outcome.UNKNOWN;
			cause = unknown.getCause();
		}
		else {
			outcome = transactional ? MigrationFailedException.Outcome.ROLLED_BACK
					: MigrationFailedException.Outcome.PARTLY_COMMITTED;
		}
		boolean lockTimeout = this.engine.dialect().isLockTimeout(cause);
		return new MigrationFailedException(migration.ref(), migration.origin(), this.engine.table().qualifiedName(),
				transactional, this.engine.dialect().transactionalDdl(), applied, notAttempted, cause, outcome,
				this.engine.dialect().isConnectionLost(cause), lockTimeout ? blockers : null);
	}

	/**
	 * The lock was found lost when a migration was entered or completed.
	 */
	private static final class LockLost extends RuntimeException {

		private final boolean recorded;

		LockLost(boolean recorded) {
			super("The migration lock was lost", null, false, false);
			this.recorded = recorded;
		}

	}

	/**
	 * A migration ended its own transaction with a rollback, then returned.
	 */
	private static final class TransactionEnded extends RuntimeException {

		TransactionEnded() {
			super("The migration ended the transaction it runs in (it ran ROLLBACK, or rolled back or committed its "
					+ "connection), so its history row was lost with it. A transactional migration must leave its "
					+ "transaction to the starter; return false from transactional() if it has to commit by itself");
		}

	}

	/**
	 * A migration failed, and whether something it did had been committed could not be
	 * checked.
	 */
	private static final class OutcomeUnknown extends RuntimeException {

		OutcomeUnknown(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

	/**
	 * A migration failed after something it did had been committed.
	 */
	private static final class CommittedBeforeFailure extends RuntimeException {

		CommittedBeforeFailure(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
