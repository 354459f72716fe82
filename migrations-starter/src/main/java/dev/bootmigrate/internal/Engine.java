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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationCallbackException;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.SqlStatementFailedException;
import dev.bootmigrate.Versions;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.ThrowingConsumer;

/**
 * What every operation of the engine works with: the data source and its dialect, the
 * application's migrations, the history table and how it is read, the lock, and the two
 * ways work runs (in a transaction, or on a connection of its own in auto-commit mode).
 * Each operation ({@link MigrateOperation}, {@link RollbackOperation},
 * {@link MarkAppliedOperation}, {@link RepairOperation}) is written against it.
 *
 * @author the bootmigrate authors
 */
final class Engine {

	private static final Log logger = LogFactory.getLog(Engine.class);

	private final DataSource dataSource;

	private final Supplier<? extends PlatformTransactionManager> transactionManager;

	private final ResolvedMigrations migrations;

	private final DefaultMigrationEngine.Settings settings;

	private final HistoryTable table;

	private final Policies policies;

	private final List<MigrationCallback> callbacks;

	private final @Nullable FlywayHistory flyway;

	private volatile @Nullable JdbcTemplate jdbc;

	private volatile @Nullable TransactionTemplate transaction;

	private volatile @Nullable List<ResolvedMigration> sorted;

	private volatile @Nullable Dialect dialect;

	private volatile @Nullable String installedBy;

	private volatile @Nullable ResolvedMigration running;

	Engine(DataSource dataSource, Supplier<? extends PlatformTransactionManager> transactionManager,
			ResolvedMigrations migrations, DefaultMigrationEngine.Settings settings,
			List<MigrationCallback> callbacks) {
		this.dataSource = new AutoCommitDataSource(dataSource);
		this.transactionManager = transactionManager;
		this.migrations = migrations;
		this.settings = settings;
		this.table = new HistoryTable(settings.schema(), settings.table());
		this.policies = new Policies(settings.failOnPending(), settings.failOnUnknown(),
				settings.failOnChecksumMismatch());
		this.callbacks = List.copyOf(callbacks);
		this.flyway = (settings.flywayTable() != null) ? new FlywayHistory(settings.flywayTable()) : null;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	DefaultMigrationEngine.Settings settings() {
		return this.settings;
	}

	HistoryTable table() {
		return this.table;
	}

	Policies policies() {
		return this.policies;
	}

	/**
	 * Return the migrations of the application, in the order they were found.
	 */
	ResolvedMigrations unsorted() {
		return this.migrations;
	}

	/**
	 * Return the migrations of the application, in version order.
	 */
	List<ResolvedMigration> migrations() {
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
	 * Return the migration of the given version, however it is spelled.
	 */
	@Nullable ResolvedMigration find(String version) {
		int position = Versions.isValid(version) ? this.migrations.indexOfVersion(version) : -1;
		return (position >= 0) ? this.migrations.get(position) : null;
	}

	@Nullable ResolvedMigration running() {
		return this.running;
	}

	void running(@Nullable ResolvedMigration migration) {
		this.running = migration;
	}

	/**
	 * Return the dialect, detected on first use.
	 */
	Dialect dialect() {
		Dialect dialect = this.dialect;
		if (dialect == null) {
			dialect = jdbc().execute((ConnectionCallback<Dialect>) this::dialect);
		}
		return dialect;
	}

	/**
	 * Return the dialect, detected from the given connection the first time: a local call
	 * on every supported driver, so that the first read costs no extra connection.
	 */
	Dialect dialect(Connection connection) throws SQLException {
		Dialect dialect = this.dialect;
		if (dialect == null) {
			dialect = Dialect.of(connection);
			this.dialect = dialect;
		}
		return dialect;
	}

	/**
	 * Read the history table and set it against the application's migrations.
	 * @throws MigrationException if the history table cannot be read
	 */
	MigrationsSnapshot snapshot() {
		List<AppliedMigration> history = readHistory(false);
		return counted(new MigrationsSnapshot(this.migrations, history, table(), dialect().productName(), List.of()));
	}

	/**
	 * Read the history table and set it against the application's migrations, with the
	 * invalid indexes of its schema: what {@code status} and {@code check} show.
	 * @throws MigrationException if the history table cannot be read
	 */
	MigrationsSnapshot snapshotWithIndexes() {
		List<AppliedMigration> history = readHistory(false);
		Dialect dialect = dialect();
		List<InvalidIndex> invalidIndexes = jdbc()
			.execute((ConnectionCallback<List<InvalidIndex>>) (connection) -> dialect.invalidIndexes(connection,
					table().schema()));
		return counted(new MigrationsSnapshot(this.migrations, history, table(), dialect.productName(),
				(invalidIndexes != null) ? invalidIndexes : List.of()));
	}

	/**
	 * Read the version and checksum of each row of the history table and set them against
	 * the application's migrations: enough to decide what is pending and to validate, at
	 * the lowest cost. Rows of versions unknown to the application are read completely.
	 * Never handed out of the engine.
	 * @throws MigrationException if the history table cannot be read
	 */
	MigrationsSnapshot briefSnapshot() {
		MigrationsSnapshot snapshot = brief(readHistory(true));
		if (!snapshot.unknown().isEmpty() || !snapshot.invalid().isEmpty()) {
			// Rare: the descriptions of unknown versions, and what tells invalid rows
			// apart, are worth a second query
			snapshot = brief(readHistory(false));
		}
		return counted(snapshot);
	}

	private MigrationsSnapshot brief(@Nullable List<AppliedMigration> history) {
		Dialect dialect = this.dialect;
		return new MigrationsSnapshot(this.migrations, history, table(), (dialect != null) ? dialect.productName() : "",
				List.of());
	}

	private MigrationsSnapshot counted(MigrationsSnapshot snapshot) {
		pendingCounted(snapshot.pendingCount());
		return snapshot;
	}

	/**
	 * Read the history in plain JDBC: this runs at every start, mostly before the JIT has
	 * compiled anything, so it avoids the machinery it does not need.
	 */
	private @Nullable List<AppliedMigration> readHistory(boolean brief) {
		HistoryTable table = table();
		try (Connection connection = this.dataSource.getConnection()) {
			return table.read(connection, dialect(connection), brief);
		}
		catch (SQLException | RuntimeException ex) {
			throw readFailed(table, ex);
		}
	}

	private static MigrationException readFailed(HistoryTable table, Exception ex) {
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
	 * Run a unit of work while holding the lock: the one place an operation takes it,
	 * waiting at most migrations.lock-timeout, and releases it whatever the work does.
	 */
	<T> T locked(Function<DatabaseLock.Held, T> work) {
		try (DatabaseLock.Held lock = DatabaseLock.forDialect(dialect(), this.dataSource, table())
			.acquire(this.settings.lockTimeout())) {
			return work.apply(lock);
		}
	}

	/**
	 * Create the schema and the history table when missing, or check that the existing
	 * table is a usable history table; adopt Flyway's history table when it creates the
	 * history table and finds Flyway's. Called under the lock, before anything is
	 * recorded.
	 * @return what was adopted from Flyway's history, or {@code null}
	 */
	FlywayAdoption.@Nullable Result createTableIfMissing() {
		return createTableIfMissing(null);
	}

	/**
	 * Create the schema and the history table when missing, or check that the existing
	 * table is a usable history table; adopt Flyway's history table when it creates the
	 * history table and finds Flyway's, or finds the history table empty where the
	 * database cannot create it in the adoption's transaction (so that an adoption
	 * interrupted in between completes). Called under the lock, before anything is
	 * recorded.
	 * @param markedVersion a version that Flyway may have recorded as failed, to record
	 * as applied anyway, or {@code null}
	 * @return what was adopted from Flyway's history, or {@code null}
	 * @throws dev.bootmigrate.FlywayHistoryException if Flyway's history cannot be
	 * adopted
	 */
	FlywayAdoption.@Nullable Result createTableIfMissing(@Nullable String markedVersion) {
		HistoryTable table = table();
		Dialect dialect = dialect();
		FlywayHistory flyway = this.flyway;
		TableState state = jdbc().execute((ConnectionCallback<TableState>) (connection) -> {
			if (!table.schemaExists(connection, dialect)) {
				table.createSchema(connection, dialect);
				logger.info("Created schema " + table.schema());
			}
			boolean exists = table.exists(connection, dialect);
			if (exists) {
				table.requireUsable(connection, dialect);
			}
			boolean adoptable = flyway != null
					&& (!exists || (!dialect.transactionalDdl() && table.isEmpty(connection)));
			String flywayTable = adoptable ? flyway.find(connection) : null;
			if (!exists && flywayTable == null) {
				table.create(connection, dialect);
				logger.info("Created history table " + table);
			}
			return new TableState(exists, flywayTable);
		});
		if (state == null || state.flywayTable() == null || flyway == null) {
			return null;
		}
		return new FlywayAdoption(this, flyway, state.flywayTable()).run(!state.exists(), markedVersion);
	}

	/**
	 * Whether the history table existed, and Flyway's table to adopt.
	 */
	private record TableState(boolean exists, @Nullable String flywayTable) {

	}

	/**
	 * Return the template for the statements of the engine and of transactional
	 * migrations, created on first use: a start that finds nothing to do never needs it.
	 */
	JdbcTemplate jdbc() {
		JdbcTemplate jdbc = this.jdbc;
		if (jdbc == null) {
			jdbc = new JdbcTemplate(this.dataSource);
			this.jdbc = jdbc;
		}
		return jdbc;
	}

	/**
	 * Return the template of the transactions the engine runs work in, each a new one,
	 * created on first use.
	 */
	TransactionTemplate transaction() {
		TransactionTemplate transaction = this.transaction;
		if (transaction == null) {
			transaction = new TransactionTemplate(this.transactionManager.get());
			transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			transaction.setName("bootmigrate");
			this.transaction = transaction;
		}
		return transaction;
	}

	/**
	 * Limit how long the statements of a transactional migration, or of its rollback,
	 * wait for a lock ({@code migrations.ddl-lock-timeout}), unless the lock did that
	 * when the migration was entered, and give the session its own limit back when the
	 * transaction completes, before its connection goes back to the pool.
	 * @param connection the transaction's connection, entered under the lock
	 * @param lock the lock
	 * @throws SQLException on failure
	 */
	void limitLockWaitsInTransaction(Connection connection, DatabaseLock.Held lock) throws SQLException {
		if (lock.setsLockTimeout()) {
			return;
		}
		Dialect.LockTimeoutReset reset = dialect().setLockTimeout(connection, this.settings.ddlLockTimeout(), true);
		if (reset == Dialect.LockTimeoutReset.NONE) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int completion) {
				try {
					reset.reset(connection);
				}
				catch (SQLException ex) {
					logger.debug("Could not restore the lock timeout of the migration's connection", ex);
				}
			}

		});
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
	<T> @Nullable T onOwnConnection(ResolvedMigration migration, String action, DatabaseLock.Held lock,
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
				reset = dialect().setLockTimeout(connection, this.settings.ddlLockTimeout(), false);
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

	/**
	 * Work on a connection of its own.
	 *
	 * @param <T> the result
	 */
	@FunctionalInterface
	interface OwnConnectionWork<T> {

		@Nullable T run(Connection connection, JdbcTemplate jdbc) throws SQLException;

	}

	/**
	 * Restore the session of a non-transactional migration and give its connection back,
	 * or discard it when that fails; failures are added to the migration's failure rather
	 * than hiding it.
	 */
	private static void cleanUp(Connection connection, Dialect.LockTimeoutReset reset, boolean entered,
			boolean autoCommit, DatabaseLock.Held lock, @Nullable Throwable failure) {
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

	/**
	 * Return whether the history table records the given migration as complete.
	 */
	boolean isRecorded(Connection connection, ResolvedMigration migration) throws SQLException {
		// A repeatable migration is recorded as it is now only with its current checksum
		boolean repeatable = migration.repeatable();
		try (PreparedStatement count = connection
			.prepareStatement(repeatable ? table().countCompleteWithChecksumSql() : table().countCompleteSql())) {
			count.setString(1, migration.key());
			if (repeatable) {
				count.setString(2, migration.checksum());
			}
			try (ResultSet result = count.executeQuery()) {
				return result.next() && result.getInt(1) > 0;
			}
		}
	}

	/**
	 * Return whether the history table holds the incomplete row a run claimed for the
	 * given migration.
	 */
	boolean isClaimed(Connection connection, ResolvedMigration migration) throws SQLException {
		try (PreparedStatement count = connection.prepareStatement(table().countIncompleteSql())) {
			count.setString(1, migration.key());
			try (ResultSet result = count.executeQuery()) {
				return result.next() && result.getInt(1) > 0;
			}
		}
	}

	/**
	 * Insert the row of a migration as applied; for a repeatable migration applied
	 * before, update its row.
	 */
	void record(JdbcTemplate jdbc, ResolvedMigration migration, String type, long executionMs) {
		AppliedMigration row = new AppliedMigration(migration.key(), migration.description(), type,
				migration.checksum(), installedBy(), Instant.now(), executionMs);
		HistoryTable table = table();
		if (migration.repeatable()
				&& jdbc.update(table.reapplySql(), (statement) -> table.bindReapply(statement, row)) == 1) {
			return;
		}
		jdbc.update(table.insertSql(), (statement) -> table.bindInsert(statement, row));
	}

	/**
	 * Return who is recorded as having applied migrations: the configured name, else the
	 * database user, asked for once.
	 */
	String installedBy() {
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

	/**
	 * Call the callbacks before a run applies the given migrations.
	 * @throws MigrationCallbackException if one fails: nothing is applied
	 */
	void beforeMigrate(List<ResolvedMigration> pending) {
		if (this.callbacks.isEmpty()) {
			return;
		}
		List<MigrationInfo> infos = pending.stream().map(ResolvedMigration::info).toList();
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.beforeMigrate(infos);
			}
			catch (Exception ex) {
				throw new MigrationCallbackException(ClassUtils.getUserClass(callback).getName(), ex);
			}
		}
	}

	/**
	 * Tell the callbacks that a run applied everything it had to.
	 */
	void afterMigrate(MigrateResult result) {
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.afterMigrate(result);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration callback " + callback + " failed after the run: " + ex, ex);
			}
		}
	}

	/**
	 * Tell the callbacks that a run failed.
	 */
	void afterMigrateError(MigrationException failure, List<MigrationRef> applied) {
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.afterMigrateError(failure, List.copyOf(applied));
			}
			catch (RuntimeException ex) {
				logger.warn("Migration callback " + callback + " failed after a failed run: " + ex, ex);
			}
		}
	}

	/**
	 * Tell the callbacks that a migration was applied.
	 */
	void applied(ResolvedMigration migration, Duration duration) {
		if (this.callbacks.isEmpty()) {
			return;
		}
		MigrationInfo info = migration.info();
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.afterEachMigrate(info, duration);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration callback " + callback + " failed after " + migration.ref() + ": " + ex, ex);
			}
		}
	}

	/**
	 * Tell the callbacks how many migrations are pending.
	 */
	void pendingCounted(int pending) {
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.pendingCounted(pending);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration callback " + callback + " failed: " + ex, ex);
			}
		}
	}

	static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/**
	 * Run a migration's body or rollback, carrying a checked exception it throws out of a
	 * transaction callback.
	 */
	static <T> void invoke(ThrowingConsumer<T> body, T argument) {
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
	static Throwable unwrap(Throwable ex) {
		if (ex instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
			return unwrap(rollback.getApplicationException());
		}
		return (ex instanceof CheckedFailure) ? ex.getCause() : ex;
	}

	/**
	 * Return the message of the innermost cause, or of the failure of an SQL-file
	 * statement, which names the file, the line and the statement that the database's own
	 * exception below it does not.
	 */
	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (!(root instanceof SqlStatementFailedException) && root.getCause() != null && root.getCause() != root) {
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

}
