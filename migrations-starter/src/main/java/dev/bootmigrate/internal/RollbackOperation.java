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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.Versions;

import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Reverts applied migrations, newest first: the {@code rollback} command. The whole range
 * is checked before anything changes; its rows are then marked as being rolled back, in a
 * committed transaction, so that instances starting meanwhile wait for the lock; each
 * rollback runs in a transaction together with the removal of its row, unless the
 * migration runs without one.
 *
 * @author the bootmigrate authors
 */
final class RollbackOperation {

	private static final Log logger = LogFactory.getLog(RollbackOperation.class);

	/**
	 * The order migrations are reverted in: the reverse of the order they were applied (a
	 * row's time is when its migration committed), whatever their versions say after an
	 * out-of-order apply.
	 */
	private static final Comparator<MigrationInfo> NEWEST_APPLIED_FIRST = Comparator
		.comparing(MigrationInfo::installedOn, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(MigrationInfo::version, Versions.ORDER)
		.reversed();

	private final Engine engine;

	RollbackOperation(Engine engine) {
		this.engine = engine;
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
	List<MigrationRef> run(@Nullable String target, @Nullable Integer steps) {
		// Refused before the lock is waited for
		MigrationsSnapshot before = this.engine.snapshot();
		Policies.requireValidHistory(before);
		refuseFailed(before);
		if (target != null && !MigrationEngine.BASE.equals(target)) {
			DefaultMigrationEngine.requireKnownVersion(target,
					before.migrations().stream().map(MigrationInfo::version).toList());
		}
		return this.engine.locked((lock) -> {
			MigrationsSnapshot snapshot = this.engine.snapshot();
			refuseFailed(snapshot);
			// Repeatable migrations are not rolled back: the next one that changes wins
			List<MigrationInfo> applied = new ArrayList<>(snapshot.migrations()
				.stream()
				.filter((status) -> status.applied() != null && !status.repeatable())
				.toList());
			applied.sort(NEWEST_APPLIED_FIRST);
			List<MigrationInfo> range = rollbackRange(applied, target, steps);
			List<ResolvedMigration> plan = rollbackPlan(range);
			List<MigrationRef> rolledBack = new ArrayList<>();
			// Instances that start meanwhile see the marks and wait for the lock
			markRollingBack(range);
			try {
				revertAll(plan, range, rolledBack, lock);
			}
			finally {
				if (!range.isEmpty()) {
					this.engine.jdbc().update(this.engine.table().unmarkRollingBackSql());
				}
			}
			this.engine.pendingCounted(snapshot.pendingCount() + rolledBack.size());
			return rolledBack;
		});
	}

	private void markRollingBack(List<MigrationInfo> range) {
		if (range.isEmpty()) {
			return;
		}
		this.engine.transaction().executeWithoutResult((status) -> {
			for (MigrationInfo migration : range) {
				this.engine.jdbc()
					.update(this.engine.table().markRollingBackSql(),
							Objects.requireNonNull(migration.applied()).version());
			}
		});
	}

	private void revertAll(List<ResolvedMigration> plan, List<MigrationInfo> range, List<MigrationRef> rolledBack,
			DatabaseLock.Held lock) {
		for (int i = 0; i < plan.size(); i++) {
			ResolvedMigration migration = plan.get(i);
			// The row keeps the spelling it was recorded with, which may differ
			MigrationInfo.Applied row = Objects.requireNonNull(range.get(i).applied());
			long start = System.nanoTime();
			this.engine.running(migration);
			try {
				revert(migration, row.version(), lock);
			}
			catch (RuntimeException | Error ex) {
				throw rollbackFailed(migration, rolledBack, plan.subList(i + 1, plan.size()), Engine.unwrap(ex));
			}
			finally {
				this.engine.running(null);
			}
			rolledBack.add(migration.ref());
			logger.info("Rolling back " + (i + 1) + "/" + plan.size() + ": " + migration.ref() + " ... done in "
					+ Engine.millisSince(start) + " ms");
		}
	}

	private List<MigrationInfo> rollbackRange(List<MigrationInfo> appliedNewestFirst, @Nullable String target,
			@Nullable Integer steps) {
		if (MigrationEngine.BASE.equals(target)) {
			return appliedNewestFirst;
		}
		if (target != null) {
			return appliedNewestFirst.stream()
				.filter((status) -> Versions.compare(status.version(), target) > 0)
				.toList();
		}
		int count = (steps != null) ? steps : 1;
		if (count > appliedNewestFirst.size()) {
			throw new MigrationCommandException(
					"Cannot roll back " + count + " migration(s): only " + appliedNewestFirst.size()
							+ " are applied in " + this.engine.table(),
					"Give --migrations.steps=" + appliedNewestFirst.size() + " or less.");
		}
		return appliedNewestFirst.subList(0, count);
	}

	private List<ResolvedMigration> rollbackPlan(List<MigrationInfo> range) {
		List<MigrationRef> invalid = range.stream()
			.filter((status) -> status.state() == MigrationState.INVALID)
			.map(MigrationInfo::ref)
			.toList();
		if (!invalid.isEmpty()) {
			// Two rows of one migration would revert it twice
			throw new MigrationCommandException(
					"Cannot roll back " + invalid + ": their rows in " + this.engine.table()
							+ " cannot be matched with migrations one to one. Nothing was changed.",
					"Fix the rows by hand as --migrations.command=status says, then run the rollback again.");
		}
		List<String> unknown = new ArrayList<>();
		List<String> irreversible = new ArrayList<>();
		List<ResolvedMigration> plan = new ArrayList<>();
		for (MigrationInfo status : range) {
			ResolvedMigration migration = this.engine.find(status.version());
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

	private void revert(ResolvedMigration migration, String recordedVersion, DatabaseLock.Held lock) {
		if (migration.migration().transactional()) {
			DefaultMigrationContext context = new DefaultMigrationContext(this.engine.jdbc(), this.engine.dialect());
			this.engine.transaction().executeWithoutResult((status) -> {
				this.engine.jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
					if (!lock.enter(connection, true, this.engine.settings().ddlLockTimeout())) {
						throw lockLostDuringRollback(lock, migration);
					}
					this.engine.limitLockWaitsInTransaction(connection, lock);
					return null;
				});
				Engine.invoke(migration.migration()::rollback, context);
				this.engine.jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
					forget(connection, recordedVersion, lock);
					return null;
				});
			});
			return;
		}
		this.engine.onOwnConnection(migration, "roll back", lock, false, () -> lockLostDuringRollback(lock, migration),
				(connection, own) -> {
					Engine.invoke(migration.migration()::rollback,
							new DefaultMigrationContext(own, this.engine.dialect()));
					// Its rollback committed: the row goes, the mark kept others off
					try (PreparedStatement statement = connection.prepareStatement(this.engine.table().deleteSql())) {
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
	 * Remove the row of a rolled back migration, while the lock is still held.
	 */
	private void forget(Connection connection, String version, DatabaseLock.Held lock) throws SQLException {
		String ownership = lock.ownershipCondition();
		String sql = this.engine.table().deleteSql() + ((ownership != null) ? " AND " + ownership : "");
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
		throw new IllegalStateException("Version " + version + " was no longer recorded in " + this.engine.table());
	}

	private MigrationCommandException rollbackFailed(ResolvedMigration migration, List<MigrationRef> rolledBack,
			List<ResolvedMigration> notAttempted, Throwable cause) {
		return new MigrationCommandException("Rolling back " + migration.ref() + " (" + migration.origin().describe()
				+ ") failed: " + Engine.rootMessage(cause) + ". "
				+ (migration.migration().transactional()
						? "Its transaction was rolled back, so it is still recorded " + "as applied."
						: "It ran without a transaction: what it did before failing stays, and it is "
								+ "still recorded as applied.")
				+ " Rolled back before it: " + (rolledBack.isEmpty() ? "none" : rolledBack) + ". Not attempted: "
				+ (notAttempted.isEmpty() ? "none" : notAttempted.stream().map(ResolvedMigration::ref).toList()) + ".",
				"Fix the rollback of " + migration.version() + " and run the rollback again.", cause);
	}

	/**
	 * Refuse to roll back while migrations are recorded as failed: what they left in the
	 * database is not known, so neither is what reverting the others would meet.
	 */
	private static void refuseFailed(MigrationsSnapshot snapshot) {
		List<MigrationRef> failed = snapshot.refs(MigrationState.FAILED);
		if (!failed.isEmpty()) {
			throw new MigrationCommandException(
					"Cannot roll back while " + failed + " " + ((failed.size() != 1) ? "are" : "is")
							+ " recorded as failed, with part of " + ((failed.size() != 1) ? "them" : "it")
							+ " committed. Nothing was changed.",
					"Check the schema, then record it as applied with --migrations.command=mark-applied "
							+ "--migrations.version=" + failed.get(0).version()
							+ ", or clear it with --migrations.command=repair; then roll back.");
		}
	}

}
