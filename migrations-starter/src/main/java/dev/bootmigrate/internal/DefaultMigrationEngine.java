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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.Printable;
import dev.bootmigrate.RepairResult;
import dev.bootmigrate.Versions;

import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link MigrationEngine} of the starter: each method is one operation, written once
 * against the {@link Engine} they share.
 *
 * @author the bootmigrate authors
 */
public final class DefaultMigrationEngine implements MigrationEngine {

	private final Engine engine;

	/**
	 * Create an engine for the migrations the given sources define, which are checked
	 * now.
	 * @param dataSource the data source to migrate
	 * @param transactionManager supplies the transaction manager of that data source,
	 * asked for when a migration first runs: a start that finds nothing to do never needs
	 * one
	 * @param sources where the migrations are defined
	 * @param settings how the engine works
	 * @param callbacks told what the engine does, in order
	 * @throws InvalidMigrationsException if a migration is invalid or two declare the
	 * same version, listing every problem
	 * @throws IllegalArgumentException if the name of the history table or its schema
	 * cannot be used (see {@link #tableNameProblem(String)})
	 */
	public DefaultMigrationEngine(DataSource dataSource,
			Supplier<? extends PlatformTransactionManager> transactionManager, List<MigrationSource> sources,
			Settings settings, List<MigrationCallback> callbacks) {
		List<MigrationSource.Found> found = new ArrayList<>();
		List<MigrationSource.Found> repeatables = new ArrayList<>();
		sources.forEach((source) -> {
			found.addAll(source.migrations());
			repeatables.addAll(source.repeatables());
		});
		this.engine = new Engine(dataSource, transactionManager, ResolvedMigration.resolveAll(found, repeatables),
				settings, callbacks);
	}

	/**
	 * Return why the given name cannot be the name of the history table, or {@code null}
	 * if it can.
	 * @param name the name
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String tableNameProblem(@Nullable String name) {
		return HistoryTable.identifierProblem(name);
	}

	/**
	 * Return why the given name cannot name Flyway's history table, or {@code null} if it
	 * can.
	 * @param name the name, qualified by its schema or not
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String flywayTableProblem(@Nullable String name) {
		return FlywayHistory.nameProblem(name);
	}

	/**
	 * Return why the given name cannot be the schema of the history table, or
	 * {@code null} if it can.
	 * @param name the name
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String schemaNameProblem(@Nullable String name) {
		return HistoryTable.schemaProblem(name);
	}

	@Override
	public MigrateResult migrate(@Nullable String target) {
		if (target != null) {
			requireKnownVersion(target, this.engine.migrations().stream().map(ResolvedMigration::version).toList());
		}
		return new MigrateOperation(this.engine).run(target);
	}

	@Override
	public MigrationsInfo status() {
		return this.engine.snapshotWithIndexes();
	}

	@Override
	public MigrationsInfo check() {
		MigrationsSnapshot snapshot = this.engine.snapshotWithIndexes();
		Policies.requireValidHistory(snapshot);
		return snapshot;
	}

	@Override
	public MigrationsInfo validate() {
		MigrationsSnapshot snapshot = this.engine.snapshot();
		this.engine.policies().validate(snapshot);
		return snapshot;
	}

	@Override
	public MigrationsInfo verify() {
		MigrationsSnapshot snapshot = this.engine.snapshot();
		this.engine.policies().verify(snapshot);
		return snapshot;
	}

	@Override
	public List<MigrationRef> rollback(@Nullable String target, @Nullable Integer steps) {
		return new RollbackOperation(this.engine).run(target, steps);
	}

	@Override
	public List<MigrationRef> markApplied(String target) {
		requireKnownVersion(target, this.engine.migrations().stream().map(ResolvedMigration::version).toList());
		return new MarkAppliedOperation(this.engine).run(target);
	}

	@Override
	public List<MigrationRef> markAppliedVersion(String version) {
		requireKnownVersion(version, this.engine.migrations().stream().map(ResolvedMigration::version).toList());
		return new MarkAppliedOperation(this.engine).runVersion(version);
	}

	@Override
	public RepairResult repair(boolean removeUnknown) {
		return new RepairOperation(this.engine).run(removeUnknown);
	}

	@Override
	public List<MigrationRef> migrations() {
		return this.engine.migrations().stream().map(ResolvedMigration::ref).toList();
	}

	@Override
	public @Nullable MigrationInfo running() {
		ResolvedMigration running = this.engine.running();
		return (running != null) ? running.info() : null;
	}

	/**
	 * Refuse a version that is not among the given ones.
	 */
	static void requireKnownVersion(String version, List<String> versions) {
		if (versions.stream().noneMatch((candidate) -> Versions.compare(candidate, version) == 0)) {
			throw new MigrationCommandException(
					"'" + version + "' is not the version of any migration this command can work up to.",
					"Give one of these versions: "
							+ String.join(", ", versions.stream().map(Printable::escape).toList())
							+ " (--migrations.command=status lists them all).");
		}
	}

	/**
	 * How the engine works.
	 *
	 * @param table the name of the history table
	 * @param schema the schema of the history table, or {@code null} for the connection's
	 * default schema
	 * @param installedBy who to record as having applied migrations, or {@code null} for
	 * the database user
	 * @param lockTimeout how long to wait for the lock
	 * @param failOnPending whether to refuse pending migrations when automatic migration
	 * is off ({@link MigrationEngine#verify()})
	 * @param failOnUnknown whether to refuse recorded versions the application does not
	 * know
	 * @param failOnChecksumMismatch whether to refuse applied migrations whose checksum
	 * changed
	 * @param ddlLockTimeout how long a migration's statement waits for a lock before it
	 * gives up; zero waits forever
	 * @param ddlLockRetries how many times a migration that gave up waiting for a lock is
	 * retried
	 * @param progressInterval how often to log that a long migration is still running
	 * @param flywayTable Flyway's history table, to adopt at the first run that creates
	 * the history table, or {@code null} not to adopt it
	 */
	public record Settings(String table, @Nullable String schema, @Nullable String installedBy, Duration lockTimeout,
			boolean failOnPending, boolean failOnUnknown, boolean failOnChecksumMismatch, Duration ddlLockTimeout,
			int ddlLockRetries, Duration progressInterval, @Nullable String flywayTable) {

		/**
		 * Create settings that adopt Flyway's history table of its default name,
		 * {@code flyway_schema_history}.
		 * @param table the name of the history table
		 * @param schema the schema of the history table, or {@code null}
		 * @param installedBy who to record, or {@code null} for the database user
		 * @param lockTimeout how long to wait for the lock
		 * @param failOnPending whether to refuse pending migrations when automatic
		 * migration is off
		 * @param failOnUnknown whether to refuse unknown versions
		 * @param failOnChecksumMismatch whether to refuse changed migrations
		 * @param ddlLockTimeout how long a statement waits for a lock
		 * @param ddlLockRetries how many times a migration that gave up waiting is
		 * retried
		 * @param progressInterval how often to log that a long migration is still running
		 */
		public Settings(String table, @Nullable String schema, @Nullable String installedBy, Duration lockTimeout,
				boolean failOnPending, boolean failOnUnknown, boolean failOnChecksumMismatch, Duration ddlLockTimeout,
				int ddlLockRetries, Duration progressInterval) {
			this(table, schema, installedBy, lockTimeout, failOnPending, failOnUnknown, failOnChecksumMismatch,
					ddlLockTimeout, ddlLockRetries, progressInterval, FlywayHistory.DEFAULT_TABLE);
		}

		/**
		 * Return these settings with another Flyway table to adopt.
		 * @param flywayTable Flyway's history table, or {@code null} not to adopt it
		 * @return the settings
		 */
		public Settings withFlywayTable(@Nullable String flywayTable) {
			return new Settings(this.table, this.schema, this.installedBy, this.lockTimeout, this.failOnPending,
					this.failOnUnknown, this.failOnChecksumMismatch, this.ddlLockTimeout, this.ddlLockRetries,
					this.progressInterval, flywayTable);
		}

	}

}
