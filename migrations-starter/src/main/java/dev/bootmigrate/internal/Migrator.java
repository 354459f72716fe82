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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndexException;
import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockLostException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.internal.MigrationStatus.State;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.ThrowingConsumer;

/**
 * Applies migrations and reports their state: the engine behind the starter.
 * <p>
 * A run reads the history table once; when nothing is pending that single query is all it
 * costs. Otherwise it takes the {@link DatabaseLock}, creates the history table if
 * needed, reads the history again (another instance may have applied migrations while
 * this one waited) and applies what is still pending, in version order, each in its own
 * transaction together with the insert of its history row.
 *
 * @author the bootmigrate authors
 */
public final class Migrator {

	private static final Log logger = LogFactory.getLog(Migrator.class);

	private final DataSource dataSource;

	private final Supplier<? extends PlatformTransactionManager> transactionManager;

	private volatile @Nullable JdbcTemplate jdbc;

	private volatile @Nullable TransactionTemplate transaction;

	private final ResolvedMigrations migrations;

	private volatile @Nullable List<ResolvedMigration> sorted;

	private final Settings settings;

	private final MigrationListener listener;

	private volatile @Nullable Dialect platform;

	private volatile @Nullable String installedBy;

	private volatile @Nullable ResolvedMigration running;

	/**
	 * Create a migrator.
	 * @param dataSource the data source to migrate
	 * @param transactionManager the transaction manager that manages that data source
	 * @param migrations the migrations, in any order
	 * @param settings the settings
	 * @param listener told about applied migrations
	 */
	public Migrator(DataSource dataSource, PlatformTransactionManager transactionManager,
			List<ResolvedMigration> migrations, Settings settings, MigrationListener listener) {
		this(dataSource, () -> transactionManager, migrations, settings, listener);
	}

	/**
	 * Create a migrator that asks for its transaction manager only when it first runs a
	 * migration: a start that finds nothing to do never needs one.
	 * @param dataSource the data source to migrate
	 * @param transactionManager supplies the transaction manager that manages that data
	 * source
	 * @param migrations the migrations, in any order
	 * @param settings the settings
	 * @param listener told about applied migrations
	 */
	public Migrator(DataSource dataSource, Supplier<? extends PlatformTransactionManager> transactionManager,
			List<ResolvedMigration> migrations, Settings settings, MigrationListener listener) {
		this.dataSource = new AutoCommitDataSource(dataSource);
		this.transactionManager = transactionManager;
		this.migrations = ResolvedMigrations.of(migrations);
		this.settings = settings;
		this.listener = listener;
	}

	/**
	 * Return the migrations known to the code, in version order.
	 * @return the migrations
	 */
	public List<ResolvedMigration> migrations() {
		List<ResolvedMigration> sorted = this.sorted;
		if (sorted == null) {
			List<ResolvedMigration> copy = new ArrayList<>(this.migrations);
			copy.sort(ResolvedMigration.ORDER);
			sorted = Collections.unmodifiableList(copy);
			this.sorted = sorted;
		}
		return sorted;
	}

	/**
	 * Return the migration being applied right now, if any.
	 * @return the running migration or {@code null}
	 */
	public @Nullable ResolvedMigration running() {
		return this.running;
	}

	/**
	 * Return the history table.
	 * @return the history table
	 */
	public HistoryTable table() {
		return this.settings.table();
	}

	/**
	 * Read the history table and set it against the code's migrations.
	 * @return the snapshot
	 * @throws MigrationException if the history table cannot be read
	 */
	public MigrationsSnapshot snapshot() {
		return snapshot(false);
	}

	/**
	 * Read the version and checksum of each row of the history table and set them against
	 * the code's migrations: enough to decide what is pending and to validate, at the
	 * lowest cost. Rows of versions unknown to the code are read completely.
	 * @return the snapshot, whose rows of known versions hold only version and checksum
	 * @throws MigrationException if the history table cannot be read
	 */
	public MigrationsSnapshot briefSnapshot() {
		return snapshot(true);
	}

	private MigrationsSnapshot snapshot(boolean brief) {
		MigrationsSnapshot snapshot = new MigrationsSnapshot(this.migrations, readHistory(brief));
		if (brief && (!snapshot.inState(State.UNKNOWN).isEmpty() || !snapshot.inState(State.INVALID).isEmpty())) {
			// Rare: the descriptions of unknown versions, and what tells invalid rows
			// apart, are worth a second query
			snapshot = new MigrationsSnapshot(this.migrations, readHistory(false));
		}
		this.listener.pending(snapshot.pending().size());
		return snapshot;
	}

	/**
	 * Return the database platform.
	 * @return the platform
	 */
	public Dialect platform() {
		Dialect platform = this.platform;
		if (platform == null) {
			platform = jdbc().execute((ConnectionCallback<Dialect>) Dialect::of);
			this.platform = platform;
		}
		return platform;
	}

	/**
	 * Return the dialect, detected from the given connection the first time: a local call
	 * on every supported driver, so that the first read costs no extra connection.
	 */
	private Dialect dialect(Connection connection) throws SQLException {
		Dialect platform = this.platform;
		if (platform == null) {
			platform = Dialect.of(connection);
			this.platform = platform;
		}
		return platform;
	}

	/**
	 * Read the history in plain JDBC: this runs at every start, mostly before the JIT has
	 * compiled anything, so it avoids the machinery it does not need.
	 */
	private @Nullable List<AppliedMigration> readHistory(boolean brief) {
		HistoryTable table = this.settings.table();
		try (Connection connection = this.dataSource.getConnection()) {
			return table.read(connection, dialect(connection), brief);
		}
		catch (SQLException | RuntimeException ex) {
			throw readFailed(table, ex);
		}
	}

	/**
	 * Refuse a history table whose rows cannot be matched with migrations one to one: a
	 * migration recorded twice (as {@code 2} and {@code 2.0}) could be rolled back or
	 * repaired through the wrong row, so nothing but reading it is done until it is fixed
	 * by hand.
	 * @param snapshot the snapshot
	 * @throws InvalidHistoryException if it has {@link State#INVALID invalid} rows
	 */
	public void checkHistory(MigrationsSnapshot snapshot) {
		if (!snapshot.inState(State.INVALID).isEmpty()) {
			throw new InvalidHistoryException(table().qualifiedName(), snapshot.historyProblems(table()));
		}
	}

	/**
	 * Check the snapshot: refuse an invalid history; log or refuse, as the configured
	 * policies say, unknown versions and checksum mismatches; and log applied migrations
	 * whose declared checksum is not recorded, which no policy refuses.
	 * @param snapshot the snapshot
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 * @throws MigrationValidationException if a policy refuses what it finds
	 */
	public void validate(MigrationsSnapshot snapshot) {
		checkHistory(snapshot);
		if (snapshot.inState(State.UNKNOWN).isEmpty() && snapshot.inState(State.CHECKSUM_MISMATCH).isEmpty()
				&& snapshot.checksumsNotRecorded().isEmpty()) {
			return;
		}
		List<MigrationRef> unknown = snapshot.refs(State.UNKNOWN);
		List<MigrationRef> mismatches = snapshot.refs(State.CHECKSUM_MISMATCH);
		List<MigrationRef> refusedUnknown = this.settings.failOnUnknown() ? unknown : List.of();
		List<MigrationRef> refusedMismatches = this.settings.failOnChecksumMismatch() ? mismatches : List.of();
		if (!refusedUnknown.isEmpty() || !refusedMismatches.isEmpty()) {
			throw new MigrationValidationException(table().qualifiedName(), List.of(), refusedUnknown,
					refusedMismatches);
		}
		if (!unknown.isEmpty()) {
			logger.warn(table() + " records " + unknown.size() + " version(s) this application does not know: "
					+ unknown + ". They were applied by another (newer?) release of the application, or their "
					+ "beans were removed; run the 'status' command to see them, and 'repair' with "
					+ "migrations.remove-unknown=true to forget them.");
		}
		if (!mismatches.isEmpty()) {
			logger.warn("Applied migration(s) changed since they were applied (checksum mismatch): " + mismatches
					+ ". Run the 'repair' command to record the new checksums if the change was deliberate.");
		}
		if (!snapshot.checksumsNotRecorded().isEmpty()) {
			logger.warn("Applied migration(s) declare a checksum that " + table() + " does not record: "
					+ snapshot.checksumsNotRecorded().stream().map(MigrationStatus::ref).toList()
					+ ". They were applied before they declared one, or their rows were edited, so whether they "
					+ "changed cannot be told; run the 'repair' command to record the declared checksums.");
		}
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
	public MigrateResult migrate(@Nullable String target) {
		long start = System.nanoTime();
		// One query, which also shows the rows a running rollback marked
		MigrationsSnapshot first = briefSnapshot();
		validate(first);
		if (first.pending(target).isEmpty() && !first.rollingBack()) {
			logUpToDate(first, start);
			return new MigrateResult(List.of(), first.currentVersion(), first.pending().size(),
					Duration.ofNanos(System.nanoTime() - start));
		}
		if (first.rollingBack()) {
			logger.info("A rollback of migrations is running, or was interrupted; waiting for the lock");
		}
		return locked((lock) -> {
			createTableIfMissing();
			MigrationsSnapshot snapshot = briefSnapshot();
			if (snapshot.rollingBack()) {
				// This instance holds the lock, so no rollback runs: it was interrupted
				int unmarked = jdbc().update(table().unmarkRollingBackSql());
				logger.warn("A rollback was interrupted before it reverted " + unmarked + " marked migration(s); "
						+ "they stay applied");
				snapshot = briefSnapshot();
			}
			List<ResolvedMigration> pending = snapshot.pending(target);
			if (pending.isEmpty()) {
				if (first.rollingBack() || !first.pending(target).isEmpty()) {
					logger.info("Another instance changed the schema while this one waited for the lock");
				}
				validate(snapshot);
				logUpToDate(snapshot, start);
				return new MigrateResult(List.of(), snapshot.currentVersion(), snapshot.pending().size(),
						Duration.ofNanos(System.nanoTime() - start));
			}
			List<MigrationRef> applied = apply(pending, snapshot.currentVersion(), lock);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			String current = pending.get(pending.size() - 1).version();
			String now = (snapshot.currentVersion() == null || Versions.compare(current, snapshot.currentVersion()) > 0)
					? current : snapshot.currentVersion();
			int pendingAfter = snapshot.pending().size() - pending.size();
			this.listener.pending(pendingAfter);
			logger.info("Applied " + applied.size() + " migration" + ((applied.size() != 1) ? "s" : "") + " to "
					+ table() + " in " + elapsed.toMillis() + " ms; now at version " + now
					+ ((pendingAfter > 0) ? " (" + pendingAfter + " pending beyond the target)" : ""));
			return new MigrateResult(applied, now, pendingAfter, elapsed);
		});
	}

	private MigrationException readFailed(HistoryTable table, Exception ex) {
		if (ex instanceof MigrationException migrationException) {
			return migrationException;
		}
		String state = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
		if (ex instanceof RuntimeException || (state != null && (state.startsWith("08") || state.startsWith("28")))) {
			// No connection, or the database refused the user: the table is not the
			// matter
			return new MigrationException("Could not connect to the database to read the history table " + table + ": "
					+ rootMessage(ex) + ". Check spring.datasource.url, username and password, and that the "
					+ "database is reachable.", ex);
		}
		return new MigrationException(
				"Could not read the history table " + table + ": " + rootMessage(ex)
						+ ". If a table of that name belongs to another tool, set migrations.table to another name.",
				ex);
	}

	/**
	 * Revert applied migrations, newest first: those above the target version
	 * (exclusive), or the given number of the newest. Each rollback runs in a transaction
	 * together with the removal of the migration's history row. The whole range is
	 * checked before anything is changed.
	 * @param target the version to roll back to (it stays applied), or {@code null}
	 * @param steps how many of the newest applied migrations to roll back, or
	 * {@code null}
	 * @return the migrations rolled back, in the order they were rolled back
	 * @throws MigrationCommandException if the range cannot be rolled back or a rollback
	 * fails
	 */
	public List<MigrationRef> rollback(@Nullable String target, @Nullable Integer steps) {
		return locked((lock) -> {
			MigrationsSnapshot snapshot = snapshot();
			List<MigrationStatus> applied = new ArrayList<>(
					snapshot.statuses().stream().filter((status) -> status.applied() != null).toList());
			Collections.reverse(applied);
			List<MigrationStatus> range = rollbackRange(applied, target, steps);
			List<ResolvedMigration> plan = rollbackPlan(range);
			List<MigrationRef> rolledBack = new ArrayList<>();
			// Instances that start meanwhile see the marks and wait for the lock
			markRollingBack(range);
			try {
				revertAll(plan, range, rolledBack, lock);
			}
			finally {
				if (!range.isEmpty()) {
					jdbc().update(table().unmarkRollingBackSql());
				}
			}
			this.listener.pending(snapshot.pending().size() + rolledBack.size());
			return rolledBack;
		});
	}

	private void markRollingBack(List<MigrationStatus> range) {
		if (range.isEmpty()) {
			return;
		}
		transaction().executeWithoutResult((status) -> {
			for (MigrationStatus migration : range) {
				jdbc().update(table().markRollingBackSql(), Objects.requireNonNull(migration.applied()).version());
			}
		});
	}

	private void revertAll(List<ResolvedMigration> plan, List<MigrationStatus> range, List<MigrationRef> rolledBack,
			DatabaseLock.Held lock) {
		for (int i = 0; i < plan.size(); i++) {
			ResolvedMigration migration = plan.get(i);
			// The row keeps the spelling it was recorded with, which may differ
			AppliedMigration row = Objects.requireNonNull(range.get(i).applied());
			long start = System.nanoTime();
			this.running = migration;
			try {
				revert(migration, row.version(), lock);
			}
			catch (RuntimeException | Error ex) {
				throw rollbackFailed(migration, rolledBack, plan.subList(i + 1, plan.size()), unwrap(ex));
			}
			finally {
				this.running = null;
			}
			rolledBack.add(migration.ref());
			logger.info("Rolling back " + (i + 1) + "/" + plan.size() + ": " + migration.ref() + " ... done in "
					+ millisSince(start) + " ms");
		}
	}

	private List<MigrationStatus> rollbackRange(List<MigrationStatus> appliedNewestFirst, @Nullable String target,
			@Nullable Integer steps) {
		if (target != null) {
			return appliedNewestFirst.stream()
				.filter((status) -> Versions.compare(status.version(), target) > 0)
				.toList();
		}
		int count = (steps != null) ? steps : 1;
		if (count > appliedNewestFirst.size()) {
			throw new MigrationCommandException(
					"Cannot roll back " + count + " migration(s): only " + appliedNewestFirst.size()
							+ " are applied in " + table(),
					"Give --migrations.steps=" + appliedNewestFirst.size() + " or less.");
		}
		return appliedNewestFirst.subList(0, count);
	}

	private List<ResolvedMigration> rollbackPlan(List<MigrationStatus> range) {
		List<MigrationRef> invalid = range.stream()
			.filter((status) -> status.state() == State.INVALID)
			.map(MigrationStatus::ref)
			.toList();
		if (!invalid.isEmpty()) {
			// Two rows of one migration would revert it twice
			throw new MigrationCommandException(
					"Cannot roll back " + invalid + ": their rows in " + table()
							+ " cannot be matched with migrations one to one. Nothing was changed.",
					"Fix the rows by hand as --migrations.command=status says, then run the rollback again.");
		}
		List<String> unknown = new ArrayList<>();
		List<String> irreversible = new ArrayList<>();
		List<ResolvedMigration> plan = new ArrayList<>();
		for (MigrationStatus status : range) {
			ResolvedMigration migration = find(status.version());
			if (migration == null) {
				unknown.add(status.ref().toString());
			}
			else if (!migration.migration().canRollback()) {
				irreversible.add(migration.ref() + " (" + migration.origin().describe() + ")");
			}
			else {
				plan.add(migration);
			}
		}
		if (!unknown.isEmpty()) {
			throw new MigrationCommandException("Cannot roll back " + String.join(", ", unknown)
					+ ": this application does not have the migration(s), so it cannot revert them. Nothing was "
					+ "changed.", "Run the rollback with the release of the application that applied them.");
		}
		if (!irreversible.isEmpty()) {
			throw new MigrationCommandException(
					"Cannot roll back " + String.join(", ", irreversible)
							+ ": no rollback is implemented. Nothing was changed.",
					"Implement rollback(MigrationContext) in these migrations, or choose a target above them.");
		}
		return plan;
	}

	private @Nullable ResolvedMigration find(String version) {
		int position = Versions.isValid(version) ? this.migrations.indexOfVersion(version) : -1;
		return (position >= 0) ? this.migrations.get(position) : null;
	}

	private void revert(ResolvedMigration migration, String recordedVersion, DatabaseLock.Held lock) {
		if (migration.migration().transactional()) {
			DefaultMigrationContext context = new DefaultMigrationContext(jdbc(), platform().driver());
			transaction().executeWithoutResult((status) -> {
				jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
					if (!lock.enter(connection, true, this.settings.ddlLockTimeout())) {
						throw lockLostDuringRollback(lock, migration);
					}
					return null;
				});
				invoke(migration.migration()::rollback, context);
				jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
					forget(connection, recordedVersion, lock);
					return null;
				});
			});
			return;
		}
		onOwnConnection(migration, "roll back", lock, false, () -> lockLostDuringRollback(lock, migration),
				(connection, own) -> {
					invoke(migration.migration()::rollback, new DefaultMigrationContext(own, platform().driver()));
					// Its rollback committed: the row goes, the mark kept others off
					try (PreparedStatement statement = connection.prepareStatement(table().deleteSql())) {
						statement.setString(1, recordedVersion);
						statement.executeUpdate();
					}
					return null;
				});
	}

	private static MigrationCommandException lockLostDuringRollback(DatabaseLock.Held lock,
			ResolvedMigration migration) {
		return new MigrationCommandException(
				"Lost the " + lock.describe() + " before rolling back " + migration.ref()
						+ ", which was not rolled back and stays recorded as applied.",
				"Check the state with --migrations.command=status, then run the rollback again.");
	}

	/**
	 * Delete the row of the given version, or else of the one equal version recorded
	 * spelled differently (2 for a migration that now declares 2.0).
	 */
	private void forget(String version) {
		HistoryTable table = table();
		if (jdbc().update(table.deleteSql(), version) == 1) {
			return;
		}
		List<AppliedMigration> rows = jdbc()
			.execute((ConnectionCallback<@Nullable List<AppliedMigration>>) (connection) -> table.read(connection,
					platform(), true));
		List<String> equal = (rows != null) ? rows.stream()
			.map(AppliedMigration::version)
			.filter((recorded) -> Versions.isValid(recorded) && Versions.compare(recorded, version) == 0)
			.toList() : List.of();
		if (equal.size() != 1 || jdbc().update(table.deleteSql(), equal.get(0)) != 1) {
			throw new IllegalStateException("Version " + version + " was no longer recorded in " + table);
		}
	}

	/**
	 * Remove the row of a rolled back migration, while the lock is still held.
	 */
	private void forget(Connection connection, String version, DatabaseLock.Held lock) throws SQLException {
		String ownership = lock.ownershipCondition();
		String sql = table().deleteSql() + ((ownership != null) ? " AND " + ownership : "");
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, version);
			if (ownership != null) {
				lock.bindOwnership(statement, 2);
			}
			if (statement.executeUpdate() == 1) {
				return;
			}
		}
		if (!lock.owns(connection)) {
			throw new MigrationCommandException(
					"Lost the " + lock.describe() + " while rolling back version " + version
							+ ": its rollback was undone and it stays recorded as applied.",
					"Check the state with --migrations.command=status, then run the rollback again.");
		}
		throw new IllegalStateException("Version " + version + " was no longer recorded in " + table());
	}

	private MigrationCommandException rollbackFailed(ResolvedMigration migration, List<MigrationRef> rolledBack,
			List<ResolvedMigration> notAttempted, Throwable cause) {
		return new MigrationCommandException("Rolling back " + migration.ref() + " (" + migration.origin().describe()
				+ ") failed: " + rootMessage(cause) + ". "
				+ (migration.migration().transactional()
						? "Its transaction was rolled back, so it is still recorded " + "as applied."
						: "It ran without a transaction: what it did before failing stays, and it is "
								+ "still recorded as applied.")
				+ " Rolled back before it: " + (rolledBack.isEmpty() ? "none" : rolledBack) + ". Not attempted: "
				+ (notAttempted.isEmpty() ? "none" : notAttempted.stream().map(ResolvedMigration::ref).toList()) + ".",
				"Fix the rollback of " + migration.version() + " and run the rollback again.", cause);
	}

	/**
	 * Record the pending migrations up to and including the target as applied, without
	 * running them: to adopt a database whose schema was changed by hand.
	 * @param target the highest version to record
	 * @return the migrations recorded, in version order
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 */
	public List<MigrationRef> markApplied(String target) {
		return locked((lock) -> {
			createTableIfMissing();
			MigrationsSnapshot snapshot = snapshot();
			checkHistory(snapshot);
			List<ResolvedMigration> pending = snapshot.pending(target);
			transaction().executeWithoutResult((status) -> pending
				.forEach((migration) -> record(jdbc(), migration, AppliedMigration.TYPE_MARKED, 0)));
			List<MigrationRef> marked = pending.stream().map(ResolvedMigration::ref).toList();
			this.listener.pending(snapshot.pending().size() - marked.size());
			logger.info("Recorded " + marked.size() + " migration(s) as applied without running them: " + marked);
			return marked;
		});
	}

	/**
	 * Re-record the checksum and description of applied migrations that changed, and
	 * remove the rows of versions the application does not know when asked to. Rows keep
	 * the version they were recorded with.
	 * @param removeUnknown whether to remove the rows of unknown versions
	 * @return what was changed
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 */
	public RepairResult repair(boolean removeUnknown) {
		return locked((lock) -> {
			MigrationsSnapshot snapshot = snapshot();
			checkHistory(snapshot);
			List<MigrationRef> realigned = new ArrayList<>();
			List<MigrationRef> removed = new ArrayList<>();
			transaction().executeWithoutResult((status) -> {
				for (MigrationStatus migration : snapshot.statuses()) {
					AppliedMigration row = migration.applied();
					if (row == null) {
						continue;
					}
					if (migration.state() == State.UNKNOWN) {
						if (removeUnknown) {
							forget(row.version());
							removed.add(migration.ref());
						}
					}
					else if (!Objects.equals(row.checksum(), migration.checksum())
							|| !Objects.equals(row.description(), migration.description())) {
						jdbc().update(table().realignSql(), migration.checksum(), migration.description(),
								row.version());
						realigned.add(migration.ref());
					}
				}
			});
			List<MigrationRef> unknown = snapshot.refs(State.UNKNOWN);
			logger.info("Repaired " + table() + ": " + realigned.size() + " row(s) realigned, " + removed.size()
					+ " unknown row(s) removed");
			return new RepairResult(realigned, removed, removeUnknown ? List.of() : unknown);
		});
	}

	/**
	 * Return the template for the migrations' statements, created on first use: a start
	 * that finds nothing to do never needs it.
	 */
	private JdbcTemplate jdbc() {
		JdbcTemplate jdbc = this.jdbc;
		if (jdbc == null) {
			jdbc = new JdbcTemplate(this.dataSource);
			this.jdbc = jdbc;
		}
		return jdbc;
	}

	private TransactionTemplate transaction() {
		TransactionTemplate transaction = this.transaction;
		if (transaction == null) {
			transaction = new TransactionTemplate(this.transactionManager.get());
			transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			transaction.setName("bootmigrate");
			this.transaction = transaction;
		}
		return transaction;
	}

	private void logUpToDate(MigrationsSnapshot snapshot, long start) {
		if (logger.isInfoEnabled()) {
			int pending = snapshot.pending().size();
			logger.info("Schema is up to date at version " + snapshot.describeCurrentVersion() + " ("
					+ snapshot.appliedCount() + " applied, "
					+ ((pending != 0) ? pending + " beyond the target" : "none pending") + ", checked in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)"
					+ snapshot.describeNewerUnknownVersions());
		}
	}

	/**
	 * Run a unit of work while holding the lock: the one place a command takes it,
	 * waiting at most migrations.lock-timeout, and releases it whatever the work does.
	 */
	private <T> T locked(Function<DatabaseLock.Held, T> work) {
		try (DatabaseLock.Held lock = lock().acquire(this.settings.lockTimeout())) {
			return work.apply(lock);
		}
	}

	private DatabaseLock lock() {
		return DatabaseLock.forDialect(platform(), this.dataSource, table());
	}

	private void createTableIfMissing() {
		HistoryTable table = table();
		Dialect platform = platform();
		jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
			if (!table.schemaExists(connection)) {
				table.createSchema(connection, platform);
				logger.info("Created schema " + table.schema());
			}
			if (!table.exists(connection, table.table())) {
				table.create(connection, platform);
				logger.info("Created history table " + table);
			}
			else {
				table.requireUsable(connection, platform);
			}
			return null;
		});
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private List<MigrationRef> apply(List<ResolvedMigration> pending, @Nullable String currentVersion,
			DatabaseLock.Held lock) {
		List<MigrationRef> applied = new ArrayList<>(pending.size());
		// Now, while only the lock's connection is taken: a run needs no more than two
		installedBy();
		try (MigrationMonitor monitor = new MigrationMonitor(lock, this.settings.progressInterval())) {
			for (int i = 0; i < pending.size(); i++) {
				ResolvedMigration migration = pending.get(i);
				List<MigrationRef> notAttempted = pending.subList(i + 1, pending.size())
					.stream()
					.map(ResolvedMigration::ref)
					.toList();
				if (currentVersion != null && Versions.compare(migration.version(), currentVersion) < 0) {
					logger.warn("Applying " + migration.ref() + " out of order: version " + currentVersion
							+ " is already applied");
				}
				String step = (i + 1) + "/" + pending.size() + ": " + migration.ref();
				logger.info("Applying " + step);
				long start = System.nanoTime();
				this.running = migration;
				monitor.started(step);
				try {
					if (!applyWithRetries(migration, lock, monitor)) {
						logger.info("Skipped " + step + ": another instance applied it meanwhile");
						continue;
					}
				}
				catch (LockLost ex) {
					if (ex.recorded) {
						applied.add(migration.ref());
					}
					throw new MigrationLockLostException(lock.describe(), migration.ref(), ex.recorded, applied,
							notAttempted);
				}
				catch (RuntimeException | Error ex) {
					throw failed(migration, applied, notAttempted, unwrap(ex), monitor.lastBlockers());
				}
				finally {
					this.running = null;
					monitor.finished();
				}
				Duration duration = Duration.ofNanos(System.nanoTime() - start);
				applied.add(migration.ref());
				logger.info("Applied " + step + " in " + duration.toMillis() + " ms");
				this.listener.applied(migration, duration);
			}
		}
		return applied;
	}

	/**
	 * Apply a migration, again after a back-off when it gave up waiting for a lock
	 * (migrations.ddl-lock-timeout), at most migrations.ddl-lock-retries more times.
	 * @return whether it was applied by this run, rather than by another instance
	 * meanwhile
	 */
	private boolean applyWithRetries(ResolvedMigration migration, DatabaseLock.Held lock, MigrationMonitor monitor) {
		boolean transactional = migration.migration().transactional();
		for (int attempt = 0;; attempt++) {
			try {
				return transactional ? applyInTransaction(migration, lock) : applyWithoutTransaction(migration, lock);
			}
			catch (RuntimeException ex) {
				Throwable cause = unwrap(ex);
				// Never again once part of it was committed
				if (!transactional || attempt >= this.settings.ddlLockRetries() || !platform().isLockTimeout(cause)
						|| cause instanceof LockLost || cause instanceof CommittedBeforeFailure
						|| cause instanceof OutcomeUnknown) {
					throw ex;
				}
				Duration backOff = backOff(attempt);
				String blockers = monitor.lastBlockers();
				logger.warn("Migration " + migration.ref() + " gave up waiting for a lock after "
						+ this.settings.ddlLockTimeout().toMillis() + " ms (migrations.ddl-lock-timeout)"
						+ ((blockers != null) ? ", held by " + blockers : "") + "; its transaction was rolled back. "
						+ "Retrying in " + backOff.toMillis() + " ms (retry " + (attempt + 1) + " of "
						+ this.settings.ddlLockRetries() + ")");
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
	 * which shows; a claim that was committed anyway (the migration committed itself, or
	 * the database committed implicitly before DDL) stays incomplete and is removed.
	 */
	private boolean applyInTransaction(ResolvedMigration migration, DatabaseLock.Held lock) {
		for (boolean retried = false;; retried = true) {
			Claim claim;
			try {
				claim = claimAndApply(migration, lock);
			}
			finally {
				lock.exited();
			}
			if (claim != Claim.INCOMPLETE_FOUND) {
				return claim == Claim.CLAIMED;
			}
			if (retried || !forgetIncomplete(migration, lock)) {
				return false;
			}
			logger.warn("Migration " + migration.ref() + " was interrupted at an earlier start after part of it had "
					+ "been committed (its history row was left incomplete); applying it again");
		}
	}

	private Claim claimAndApply(ResolvedMigration migration, DatabaseLock.Held lock) {
		DefaultMigrationContext context = new DefaultMigrationContext(jdbc(), platform().driver());
		HistoryTable table = table();
		try {
			return Objects.requireNonNull(transaction().execute((status) -> {
				// The transaction's connection, without a template's proxy around it
				Connection connection = DataSourceUtils.getConnection(this.dataSource);
				Claim claim;
				try {
					if (!lock.enter(connection, true, this.settings.ddlLockTimeout())) {
						throw new LockLost(false);
					}
					Dialect.LockTimeoutReset reset = lock.setsLockTimeout() ? Dialect.LockTimeoutReset.NONE
							: platform().setLockTimeout(connection, this.settings.ddlLockTimeout(), true);
					if (reset != Dialect.LockTimeoutReset.NONE) {
						// Before the connection goes back to the pool
						TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

							@Override
							public void afterCompletion(int completion) {
								try {
									reset.reset(connection);
								}
								catch (SQLException ex) {
									logger.debug("Could not restore the lock timeout of the migration's connection",
											ex);
								}
							}

						});
					}
					claim = claim(connection, migration);
				}
				catch (SQLException ex) {
					throw new MigrationException(
							"Could not claim the history row of " + migration.ref() + ": " + rootMessage(ex), ex);
				}
				finally {
					DataSourceUtils.releaseConnection(connection, this.dataSource);
				}
				if (claim != Claim.CLAIMED) {
					status.setRollbackOnly();
					return claim;
				}
				long start = System.nanoTime();
				invoke(migration.migration()::migrate, context);
				long executionMs = millisSince(start);
				Connection completing = DataSourceUtils.getConnection(this.dataSource);
				try {
					complete(completing, migration, executionMs, lock);
				}
				catch (SQLException ex) {
					throw new MigrationException(
							"Could not complete the history row of " + migration.ref() + ": " + rootMessage(ex), ex);
				}
				finally {
					DataSourceUtils.releaseConnection(completing, this.dataSource);
				}
				return Claim.CLAIMED;
			}));
		}
		catch (RuntimeException | Error ex) {
			Throwable cause = unwrap(ex);
			if (cause instanceof LockLost) {
				throw (RuntimeException) cause;
			}
			Committed committed = committedClaim(migration, lock);
			if (committed == Committed.COMPLETE) {
				// The commit went through though its answer was lost
				logger.warn("Migration " + migration.ref() + " was committed, though the database's answer to the "
						+ "commit was lost: " + rootMessage(cause));
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
		try (PreparedStatement statement = connection.prepareStatement(table().completeSql(condition))) {
			statement.setLong(1, executionMs);
			statement.setTimestamp(2, Timestamp.from(Instant.now()));
			statement.setString(3, migration.version());
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
	 * Insert the incomplete row of a migration about to run, in its transaction.
	 * @return whether it was inserted, or found recorded: complete (by another instance
	 * meanwhile) or incomplete (by an earlier run that did not end)
	 */
	private Claim claim(Connection connection, ResolvedMigration migration) throws SQLException {
		AppliedMigration row = new AppliedMigration(migration.version(), migration.description(),
				AppliedMigration.TYPE_TRANSACTIONAL, migration.checksum(), installedBy(), Instant.now(),
				AppliedMigration.INCOMPLETE);
		HistoryTable table = table();
		try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
			table.bindInsert(statement, row);
			statement.executeUpdate();
			return Claim.CLAIMED;
		}
		catch (SQLException ex) {
			if (platform().isDuplicateKey(ex)) {
				return Claim.INCOMPLETE_FOUND;
			}
			throw ex;
		}
	}

	/**
	 * Remove the incomplete row an earlier run left, while the lock is held.
	 * @return whether there was one, rather than a complete row
	 */
	private boolean forgetIncomplete(ResolvedMigration migration, DatabaseLock.Held lock) {
		try (Connection connection = this.dataSource.getConnection()) {
			return deleteIncomplete(connection, migration, lock);
		}
		catch (SQLException ex) {
			throw new MigrationException(
					"Could not read the history row of " + migration.ref() + ": " + rootMessage(ex), ex);
		}
	}

	private boolean deleteIncomplete(Connection connection, ResolvedMigration migration, DatabaseLock.Held lock)
			throws SQLException {
		// Only while the lock is held: else the row may be that of a new holder
		String ownership = lock.ownershipCondition();
		if (ownership == null && !lock.owns(connection)) {
			return false;
		}
		// Read first: there is rarely a row to delete, and a write waits for the other
		// writers of the database (SQLite has one per file)
		try (PreparedStatement count = connection.prepareStatement(table().countIncompleteSql())) {
			count.setString(1, migration.version());
			try (ResultSet result = count.executeQuery()) {
				if (!result.next() || result.getInt(1) == 0) {
					return false;
				}
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(table().deleteIncompleteSql(ownership))) {
			statement.setString(1, migration.version());
			if (ownership != null) {
				lock.bindOwnership(statement, 2);
			}
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * After a failed transactional migration, find out what of its claim was committed
	 * after all, and remove an incomplete row.
	 */
	private Committed committedClaim(ResolvedMigration migration, DatabaseLock.Held lock) {
		try (Connection connection = this.dataSource.getConnection()) {
			if (deleteIncomplete(connection, migration, lock)) {
				return Committed.INCOMPLETE;
			}
			return isRecorded(connection, migration) ? Committed.COMPLETE : Committed.NOTHING;
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not check whether the failed migration " + migration.ref()
					+ " committed anything itself: " + rootMessage(ex));
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
	private boolean applyWithoutTransaction(ResolvedMigration migration, DatabaseLock.Held lock) {
		long start = System.nanoTime();
		Boolean applied = onOwnConnection(migration, "run", lock, true, () -> new LockLost(false),
				(connection, own) -> {
					if (isRecorded(connection, migration)) {
						return false;
					}
					requireNoInvalidIndexes(connection);
					invoke(migration.migration()::migrate, new DefaultMigrationContext(own, platform().driver()));
					requireNoInvalidIndexes(connection);
					record(own, migration, AppliedMigration.TYPE_NON_TRANSACTIONAL, millisSince(start));
					try {
						if (lock.owns(connection)) {
							return true;
						}
					}
					catch (SQLException | RuntimeException ex) {
						// It did complete and is recorded: what failed after it cannot
						// undo that
						throw new LockLost(true);
					}
					throw new LockLost(true);
				});
		return Boolean.TRUE.equals(applied);
	}

	/**
	 * Run a migration's body, or its rollback, on a connection of its own in auto-commit
	 * mode, holding the lock on that session ({@link DatabaseLock.Held#enter}) for as
	 * long as it runs: the one executor of non-transactional work. The session is
	 * restored, or the connection discarded, whatever happens.
	 * @param action what the work does to the migration, for the failure message ("run")
	 * @param limitLockWaits whether statements give up waiting for a table lock after
	 * {@code migrations.ddl-lock-timeout}
	 * @param lockLost the failure when the lock cannot be entered on the session
	 */
	private <T> @Nullable T onOwnConnection(ResolvedMigration migration, String action, DatabaseLock.Held lock,
			boolean limitLockWaits, Supplier<? extends RuntimeException> lockLost, OwnConnectionWork<T> work) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException(
					"Could not open a connection to " + action + " " + migration.ref() + ": " + rootMessage(ex), ex);
		}
		boolean autoCommit = true;
		boolean entered = false;
		Dialect.LockTimeoutReset reset = Dialect.LockTimeoutReset.NONE;
		Throwable failure = null;
		try {
			autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			if (!lock.enter(connection, false, this.settings.ddlLockTimeout())) {
				throw lockLost.get();
			}
			entered = true;
			if (limitLockWaits) {
				reset = platform().setLockTimeout(connection, this.settings.ddlLockTimeout(), false);
			}
			return work.run(connection, new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
		}
		catch (SQLException ex) {
			failure = ex;
			throw new MigrationException(
					"Could not " + action + " " + migration.ref() + " on a connection of its own: " + rootMessage(ex),
					ex);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			cleanUp(connection, reset, entered, autoCommit, lock, failure);
		}
	}

	@FunctionalInterface
	private interface OwnConnectionWork<T> {

		@Nullable T run(Connection connection, JdbcTemplate jdbc) throws SQLException;

	}

	/**
	 * Restore the session of a non-transactional migration and give its connection back,
	 * or discard it when that fails; failures are added to the migration's failure rather
	 * than hiding it.
	 */
	private void cleanUp(Connection connection, Dialect.LockTimeoutReset reset, boolean entered, boolean autoCommit,
			DatabaseLock.Held lock, @Nullable Throwable failure) {
		boolean clean = true;
		try {
			reset.reset(connection);
		}
		catch (SQLException | RuntimeException ex) {
			clean = false;
			suppress(failure, ex);
		}
		if (entered) {
			try {
				lock.leave(connection);
			}
			catch (SQLException | RuntimeException ex) {
				clean = false;
				suppress(failure, ex);
			}
		}
		if (clean && !autoCommit) {
			try {
				connection.setAutoCommit(false);
			}
			catch (SQLException | RuntimeException ex) {
				clean = false;
				suppress(failure, ex);
			}
		}
		if (!clean) {
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not discard the connection of a migration", ex);
			}
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the connection of a migration", ex);
		}
	}

	private static void suppress(@Nullable Throwable failure, Exception ex) {
		if (failure != null) {
			failure.addSuppressed(ex);
		}
		else {
			logger.warn("Could not restore the session of a migration's connection; discarding it: " + rootMessage(ex));
		}
	}

	private boolean isRecorded(Connection connection, ResolvedMigration migration) throws SQLException {
		try (PreparedStatement count = connection.prepareStatement(table().countCompleteSql())) {
			count.setString(1, migration.version());
			try (ResultSet result = count.executeQuery()) {
				return result.next() && result.getInt(1) > 0;
			}
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
		boolean lockTimeout = platform().isLockTimeout(cause);
		return new MigrationFailedException(migration.ref(), migration.origin().name(), table().qualifiedName(),
				transactional, platform().transactionalDdl(), applied, notAttempted, cause, outcome,
				platform().isConnectionLost(cause), lockTimeout ? blockers : null);
	}

	/**
	 * Return the invalid indexes in the history table's schema, which an interrupted or
	 * failed {@code CREATE INDEX CONCURRENTLY} leaves behind on PostgreSQL.
	 * @return the invalid indexes, always empty on other databases
	 */
	public List<InvalidIndex> invalidIndexes() {
		return jdbc().execute((ConnectionCallback<List<InvalidIndex>>) (connection) -> platform()
			.invalidIndexes(connection, table().schema()));
	}

	/**
	 * Fail a migration that ran without a transaction if the schema has invalid indexes
	 * after it: its {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} may have skipped one
	 * that an interrupted run left behind, and recording it would hide that for good.
	 */
	private void requireNoInvalidIndexes(Connection connection) throws SQLException {
		List<InvalidIndex> invalid = platform().invalidIndexes(connection, table().schema());
		if (!invalid.isEmpty()) {
			throw new InvalidIndexException(invalid.get(0).schema(),
					invalid.stream().map(InvalidIndex::toString).toList(),
					invalid.stream().map(InvalidIndex::dropStatement).toList());
		}
	}

	private void record(JdbcTemplate jdbc, ResolvedMigration migration, String type, long executionMs) {
		AppliedMigration row = new AppliedMigration(migration.version(), migration.description(), type,
				migration.checksum(), installedBy(), Instant.now(), executionMs);
		HistoryTable table = table();
		jdbc.update(table.insertSql(), (statement) -> table.bindInsert(statement, row));
	}

	private String installedBy() {
		String installedBy = this.installedBy;
		if (installedBy == null) {
			installedBy = this.settings.installedBy();
			if (installedBy == null) {
				installedBy = jdbc()
					.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getUserName());
			}
			installedBy = (installedBy != null && !installedBy.isBlank()) ? installedBy : "unknown";
			if (installedBy.length() > 100) {
				installedBy = installedBy.substring(0, 100);
			}
			this.installedBy = installedBy;
		}
		return installedBy;
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static <T> void invoke(ThrowingConsumer<T> body, T argument) {
		try {
			body.acceptWithException(argument);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CheckedFailure(ex);
		}
	}

	/**
	 * Return the failure of the migration itself: not the wrapper of a checked exception,
	 * and not the failure to roll back that hides it when the connection was lost.
	 */
	private static Throwable unwrap(Throwable ex) {
		if (ex instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
			return unwrap(rollback.getApplicationException());
		}
		return (ex instanceof CheckedFailure) ? ex.getCause() : ex;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage().strip() : root.getClass().getName();
	}

	/**
	 * Carries a checked exception thrown by a migration out of a transaction callback.
	 */
	private static final class CheckedFailure extends RuntimeException {

		CheckedFailure(Exception cause) {
			super(cause.getMessage(), cause);
		}

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

	/**
	 * How the migrator works.
	 *
	 * @param table the history table
	 * @param installedBy who to record as having applied migrations, or {@code null} for
	 * the database user
	 * @param lockTimeout how long to wait for the lock
	 * @param failOnUnknown whether to refuse recorded versions the code does not know
	 * @param failOnChecksumMismatch whether to refuse applied migrations whose checksum
	 * changed
	 * @param ddlLockTimeout how long a migration's statement waits for a lock before it
	 * gives up; zero waits forever
	 * @param ddlLockRetries how many times a migration that gave up waiting for a lock is
	 * retried
	 * @param progressInterval how often to log that a long migration is still running
	 */
	public record Settings(HistoryTable table, @Nullable String installedBy, Duration lockTimeout,
			boolean failOnUnknown, boolean failOnChecksumMismatch, Duration ddlLockTimeout, int ddlLockRetries,
			Duration progressInterval) {

		/**
		 * Settings with the default DDL lock timeout (10 s), retries (3) and progress
		 * interval (30 s).
		 * @param table the history table
		 * @param installedBy who to record as having applied migrations, or {@code null}
		 * for the database user
		 * @param lockTimeout how long to wait for the lock
		 * @param failOnUnknown whether to refuse recorded versions the code does not know
		 * @param failOnChecksumMismatch whether to refuse applied migrations whose
		 * checksum changed
		 */
		public Settings(HistoryTable table, @Nullable String installedBy, Duration lockTimeout, boolean failOnUnknown,
				boolean failOnChecksumMismatch) {
			this(table, installedBy, lockTimeout, failOnUnknown, failOnChecksumMismatch, Duration.ofSeconds(10), 3,
					Duration.ofSeconds(30));
		}

	}

}
