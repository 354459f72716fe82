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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for migrations. A value out of its documented range is refused
 * when it is bound, so that Spring Boot's report names the property.
 *
 * @author the bootmigrate authors
 */
@ConfigurationProperties("migrations")
public class MigrationsProperties {

	/**
	 * Whether to enable migrations support. When false, nothing is applied, checked or
	 * read, scheduled tasks are not held back, and a command is refused.
	 */
	private boolean enabled = true;

	/**
	 * Whether to apply pending migrations when the application starts. The
	 * MIGRATIONS_AUTO_MIGRATE and AUTO_MIGRATE environment variables override
	 * application.yml.
	 */
	private boolean autoMigrate = true;

	/**
	 * Name of the history table, one row per applied migration. Created when missing.
	 */
	private String table = "schema_migrations";

	/**
	 * Schema of the history table. Created when missing. The connection's default schema
	 * when not set.
	 */
	private @Nullable String schema;

	/**
	 * Who to record as having applied a migration. The database user when not set.
	 */
	private @Nullable String installedBy;

	/**
	 * Longest time a timeout may be: longer ones are mistakes (a unit left out) and would
	 * overflow once converted to nanoseconds.
	 */
	private static final Duration MAX_TIMEOUT = Duration.ofHours(24);

	/**
	 * Largest number of retries: more would keep a start waiting for hours.
	 */
	private static final int MAX_RETRIES = 100;

	/**
	 * Maximum time to wait for the lock held by another instance that is applying
	 * migrations, from 1ms to 24h. The lock is released as soon as its holder finishes or
	 * dies, so this bounds how long the slowest migration of another instance may take.
	 */
	private Duration lockTimeout = Duration.ofMinutes(5);

	/**
	 * Maximum time a migration waits for a table lock held by application traffic before
	 * it gives up, from 1ms to 24h, or 0 to wait forever. Applied to each migration's own
	 * session (lock_timeout on PostgreSQL, lock_wait_timeout and innodb_lock_wait_timeout
	 * on MariaDB and MySQL, LOCK_TIMEOUT on H2) so that a migration queued behind a long
	 * transaction does not stall the requests queued behind it.
	 */
	private Duration ddlLockTimeout = Duration.ofSeconds(10);

	/**
	 * Number of times a migration that gave up waiting for a table lock is retried, each
	 * time in a new transaction after a back-off, from 0 to 100.
	 */
	private int ddlLockRetries = 3;

	/**
	 * What to do when migrations are pending and auto-migrate is false: log a warning, or
	 * refuse to start.
	 */
	private Policy onPending = Policy.WARN;

	/**
	 * What to do when the history table records versions the application does not know:
	 * log a warning, or refuse to start.
	 */
	private Policy onUnknown = Policy.WARN;

	/**
	 * What to do when an applied migration's checksum differs from the recorded one: log
	 * a warning, or refuse to start.
	 */
	private Policy onChecksumMismatch = Policy.FAIL;

	/**
	 * Command to run instead of starting the application normally: migrate, status,
	 * check, validate, rollback, mark-applied, repair or diff. The web server does not
	 * start, scheduled tasks do not run, and the application exits with the command's
	 * exit code.
	 */
	private @Nullable String command;

	/**
	 * Version a command works up to: migrate and mark-applied include it, rollback keeps
	 * it and reverts the migrations above it ('base' reverts them all).
	 */
	private @Nullable String target;

	/**
	 * Version of the one migration a command works on: show describes it, mark-applied
	 * records just it.
	 */
	private @Nullable String version;

	/**
	 * Number of the newest applied migrations that the rollback command reverts.
	 */
	private @Nullable Integer steps;

	/**
	 * Whether the repair command removes the history rows of versions the application
	 * does not know.
	 */
	private boolean removeUnknown;

	/**
	 * Whether to exit the JVM with the command's exit code once a command has run. Turn
	 * off to run a command inside a test or another launcher: SpringApplication.exit then
	 * returns the code.
	 */
	private boolean exitAfterCommand = true;

	/**
	 * What to do when, after migrating, the JPA entities and the database differ (a
	 * missing table, column or sequence, a column whose type differs or that accepts NULL
	 * where the entity requires a value): log a warning, refuse to start, or skip the
	 * comparison. Only applies when Hibernate is on the class path.
	 */
	private DriftPolicy onDrift = DriftPolicy.WARN;

	/**
	 * Folder the diff command writes the new migration to, for review. The diff command
	 * prints it when not set.
	 */
	private @Nullable String output;

	/**
	 * Description of the migration the diff command writes, which names its file.
	 */
	private @Nullable String description;

	/**
	 * What the diff command writes: a SQL file, named like V7__add_nickname.sql, or a
	 * Java Migration class.
	 */
	private MigrationFormat format = MigrationFormat.SQL;

	/**
	 * Locations of SQL migrations, named as Flyway names them (V1__create_users.sql,
	 * U1__create_users.sql for its rollback, R__users_view.sql for a repeatable
	 * migration): classpath: or filesystem: followed by a directory, searched with its
	 * sub-directories. Without a prefix, on the class path.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

	/**
	 * Patterns of the SQL files in the locations to leave aside deliberately, matched
	 * against their path from their location with Ant-style wildcards (*, **, ?), such as
	 * legacy/** or beforeMigrate.sql. Any other .sql file that is not named as a
	 * migration is refused.
	 */
	private List<String> ignoredFiles = new ArrayList<>();

	/**
	 * Values of the placeholders of SQL migrations (${name} in a file), by name. Names
	 * ignore case. A placeholder without a value is refused.
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Whether to replace the placeholders (${name}) of SQL migrations.
	 */
	private boolean placeholderReplacement = true;

	/**
	 * Whether an SQL migration may mix statements that cannot run in a transaction (such
	 * as CREATE INDEX CONCURRENTLY) with others, the whole file then running without a
	 * transaction. Refused when false.
	 */
	private boolean mixed;

	private final Flyway flyway = new Flyway();

	/**
	 * What to do with a property under migrations.* that the starter does not know, given
	 * in a configuration file, on the command line or as a system property: refuse to
	 * start, or log a warning. Environment variables only ever warn.
	 */
	private Policy unknownProperties = Policy.FAIL;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAutoMigrate() {
		return this.autoMigrate;
	}

	public void setAutoMigrate(boolean autoMigrate) {
		this.autoMigrate = autoMigrate;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		requireTimeout("migrations.lock-timeout", lockTimeout, false);
		this.lockTimeout = lockTimeout;
	}

	public Duration getDdlLockTimeout() {
		return this.ddlLockTimeout;
	}

	public void setDdlLockTimeout(Duration ddlLockTimeout) {
		requireTimeout("migrations.ddl-lock-timeout", ddlLockTimeout, true);
		this.ddlLockTimeout = ddlLockTimeout;
	}

	public int getDdlLockRetries() {
		return this.ddlLockRetries;
	}

	public void setDdlLockRetries(int ddlLockRetries) {
		if (ddlLockRetries < 0 || ddlLockRetries > MAX_RETRIES) {
			throw new IllegalArgumentException("migrations.ddl-lock-retries must be from 0 to " + MAX_RETRIES);
		}
		this.ddlLockRetries = ddlLockRetries;
	}

	public Policy getOnPending() {
		return this.onPending;
	}

	public void setOnPending(Policy onPending) {
		this.onPending = onPending;
	}

	public Policy getOnUnknown() {
		return this.onUnknown;
	}

	public void setOnUnknown(Policy onUnknown) {
		this.onUnknown = onUnknown;
	}

	public Policy getOnChecksumMismatch() {
		return this.onChecksumMismatch;
	}

	public void setOnChecksumMismatch(Policy onChecksumMismatch) {
		this.onChecksumMismatch = onChecksumMismatch;
	}

	public @Nullable String getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable String command) {
		this.command = command;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public @Nullable Integer getSteps() {
		return this.steps;
	}

	public void setSteps(@Nullable Integer steps) {
		this.steps = steps;
	}

	public boolean isRemoveUnknown() {
		return this.removeUnknown;
	}

	public void setRemoveUnknown(boolean removeUnknown) {
		this.removeUnknown = removeUnknown;
	}

	public boolean isExitAfterCommand() {
		return this.exitAfterCommand;
	}

	public void setExitAfterCommand(boolean exitAfterCommand) {
		this.exitAfterCommand = exitAfterCommand;
	}

	public DriftPolicy getOnDrift() {
		return this.onDrift;
	}

	public void setOnDrift(DriftPolicy onDrift) {
		this.onDrift = onDrift;
	}

	public @Nullable String getOutput() {
		return this.output;
	}

	public void setOutput(@Nullable String output) {
		this.output = output;
	}

	public @Nullable String getDescription() {
		return this.description;
	}

	public void setDescription(@Nullable String description) {
		this.description = description;
	}

	public MigrationFormat getFormat() {
		return this.format;
	}

	public void setFormat(MigrationFormat format) {
		this.format = format;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public List<String> getIgnoredFiles() {
		return this.ignoredFiles;
	}

	public void setIgnoredFiles(List<String> ignoredFiles) {
		this.ignoredFiles = ignoredFiles;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public boolean isPlaceholderReplacement() {
		return this.placeholderReplacement;
	}

	public void setPlaceholderReplacement(boolean placeholderReplacement) {
		this.placeholderReplacement = placeholderReplacement;
	}

	public boolean isMixed() {
		return this.mixed;
	}

	public void setMixed(boolean mixed) {
		this.mixed = mixed;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	public Policy getUnknownProperties() {
		return this.unknownProperties;
	}

	public void setUnknownProperties(Policy unknownProperties) {
		this.unknownProperties = unknownProperties;
	}

	private static void requireTimeout(String property, Duration timeout, boolean zeroMeansForever) {
		boolean forever = zeroMeansForever && timeout.isZero();
		if (!forever && (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
			throw new IllegalArgumentException(
					property + " must be from 1ms to 24h" + (zeroMeansForever ? ", or 0 to wait forever" : ""));
		}
	}

	/**
	 * How a database that Flyway migrated is taken over.
	 */
	public static class Flyway {

		/**
		 * Whether to adopt Flyway's history table at the first migrate: when the history
		 * table does not exist yet and Flyway's does, Flyway's successful migrations are
		 * recorded as applied, so that nothing runs again. Flyway's table is only read.
		 */
		private boolean adopt = true;

		/**
		 * Name of Flyway's history table to adopt, qualified by its schema when it is not
		 * in the connection's default schema.
		 */
		private String table = "flyway_schema_history";

		public boolean isAdopt() {
			return this.adopt;
		}

		public void setAdopt(boolean adopt) {
			this.adopt = adopt;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

	}

	/**
	 * What to do when a check finds something to act on.
	 */
	public enum Policy {

		/**
		 * Log a warning and go on.
		 */
		WARN,

		/**
		 * Refuse to start.
		 */
		FAIL

	}

	/**
	 * What to do when the entities and the database differ after migrating.
	 */
	public enum DriftPolicy {

		/**
		 * Log a warning that lists every difference and go on.
		 */
		WARN,

		/**
		 * Refuse to start.
		 */
		FAIL,

		/**
		 * Do not compare.
		 */
		IGNORE

	}

	/**
	 * What the diff command writes.
	 */
	public enum MigrationFormat {

		/**
		 * A SQL file named as Flyway names them.
		 */
		SQL,

		/**
		 * A Java class implementing Migration.
		 */
		JAVA

	}

}
