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

import java.io.PrintStream;
import java.util.List;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.InvalidIndex;
import dev.bootmigrate.internal.MigrateResult;
import dev.bootmigrate.internal.MigrationStatus;
import dev.bootmigrate.internal.MigrationStatus.State;
import dev.bootmigrate.internal.Migrator;
import dev.bootmigrate.internal.MigrationsSnapshot;
import dev.bootmigrate.internal.Printable;
import dev.bootmigrate.internal.RepairResult;
import dev.bootmigrate.internal.ResolvedMigration;
import dev.bootmigrate.internal.Versions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;

/**
 * Runs the command given by {@code migrations.command} instead of the usual startup
 * migration, prints its result and, unless told otherwise, exits the JVM with the
 * command's exit code: 0 when it succeeded, 1 when it failed, 2 when {@code check} found
 * something to act on. A failure surfaces as an exception, which Spring Boot reports and
 * maps to exit code 1.
 *
 * @author the bootmigrate authors
 */
final class MigrationsCommandRunner implements ApplicationRunner, Ordered, ExitCodeGenerator, ApplicationContextAware {

	private final Migrator migrator;

	private final MigrationsProperties properties;

	private final ObjectProvider<SchemaCreation> schemaCreations;

	private final PrintStream out;

	private ApplicationContext context;

	private volatile int exitCode = MigrationsCommand.FAILED;

	MigrationsCommandRunner(Migrator migrator, MigrationsProperties properties,
			ObjectProvider<SchemaCreation> schemaCreations, PrintStream out) {
		this.migrator = migrator;
		this.properties = properties;
		this.schemaCreations = schemaCreations;
		this.out = out;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public int getOrder() {
		return MigrationsAutoConfiguration.RUNNER_ORDER;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public void run(ApplicationArguments args) {
		MigrationsCommand command = MigrationsCommand.named(this.properties.getCommand());
		command.checkOptions(this.properties);
		this.schemaCreations.orderedStream().forEach(SchemaCreation::await);
		this.exitCode = switch (command) {
			case MIGRATE -> migrate();
			case STATUS -> status();
			case CHECK -> check();
			case VALIDATE -> validate();
			case ROLLBACK -> rollback();
			case MARK_APPLIED -> markApplied();
			case REPAIR -> repair();
		};
		this.out.flush();
		if (this.properties.isExitAfterCommand()) {
			System.exit(SpringApplication.exit(this.context, this));
		}
	}

	private int migrate() {
		String target = this.properties.getTarget();
		if (target != null) {
			requireKnownVersion(target, applicationVersions());
		}
		MigrateResult result = this.migrator.migrate(target);
		// What the history records beyond what the application knows takes one more query
		MigrationsSnapshot snapshot = this.migrator.briefSnapshot();
		if (result.applied().isEmpty()) {
			print("Nothing to apply: " + table() + " is up to date at version " + snapshot.describeCurrentVersion()
					+ snapshot.describeNewerUnknownVersions() + ".");
		}
		else {
			print("Applied " + result.applied().size() + " migration(s) in " + result.elapsed().toMillis() + " ms: "
					+ list(result.applied()) + ". Now at version " + snapshot.describeCurrentVersion()
					+ snapshot.describeNewerUnknownVersions() + "."
					+ ((result.pendingAfter() > 0) ? " " + result.pendingAfter() + " pending beyond the target." : ""));
		}
		return MigrationsCommand.OK;
	}

	private int status() {
		MigrationsSnapshot snapshot = this.migrator.snapshot();
		this.out.print(StatusReport.render(this.migrator.table(), this.migrator.platform().productName(), snapshot));
		List<InvalidIndex> invalidIndexes = this.migrator.invalidIndexes();
		if (!invalidIndexes.isEmpty()) {
			this.out.print(StatusReport.invalidIndexes(invalidIndexes));
		}
		return MigrationsCommand.OK;
	}

	private int check() {
		MigrationsSnapshot snapshot = this.migrator.snapshot();
		this.migrator.checkHistory(snapshot);
		List<MigrationRef> pending = snapshot.pending().stream().map(ResolvedMigration::ref).toList();
		List<MigrationRef> unknown = snapshot.refs(State.UNKNOWN);
		List<MigrationRef> mismatches = snapshot.refs(State.CHECKSUM_MISMATCH);
		List<InvalidIndex> invalidIndexes = this.migrator.invalidIndexes();
		List<MigrationRef> notRecorded = snapshot.checksumsNotRecorded().stream().map(MigrationStatus::ref).toList();
		if (pending.isEmpty() && unknown.isEmpty() && mismatches.isEmpty() && notRecorded.isEmpty()
				&& invalidIndexes.isEmpty()) {
			print("Up to date: " + StatusReport.summary(snapshot));
			return MigrationsCommand.OK;
		}
		StringBuilder report = new StringBuilder("Action needed: ").append(StatusReport.summary(snapshot));
		if (!pending.isEmpty()) {
			report.append("\n  pending: ").append(list(pending)).append(" (apply with --migrations.command=migrate)");
		}
		if (!unknown.isEmpty()) {
			report.append("\n  unknown to this application: ")
				.append(list(unknown))
				.append(" (deploy the release that has them, or --migrations.command=repair "
						+ "--migrations.remove-unknown=true)");
		}
		if (!mismatches.isEmpty()) {
			report.append("\n  changed since applied (checksum mismatch): ")
				.append(list(mismatches))
				.append(" (restore them, or record the change with --migrations.command=repair)");
		}
		if (!notRecorded.isEmpty()) {
			report.append("\n  checksum not recorded: ")
				.append(list(notRecorded))
				.append(" (record the declared checksums with --migrations.command=repair)");
		}
		for (InvalidIndex index : invalidIndexes) {
			report.append("\n  invalid index ")
				.append(index)
				.append(", left by an interrupted CREATE INDEX CONCURRENTLY (")
				.append(index.dropStatement())
				.append(" then apply the migration that builds it again, or ")
				.append(index.reindexStatement())
				.append(")");
		}
		print(report.toString());
		return MigrationsCommand.ACTION_NEEDED;
	}

	private int validate() {
		MigrationsSnapshot snapshot = this.migrator.snapshot();
		this.migrator.validate(snapshot);
		print("Valid: " + this.migrator.migrations().size() + " migration(s) in the application. "
				+ StatusReport.summary(snapshot));
		return MigrationsCommand.OK;
	}

	private int rollback() {
		String target = this.properties.getTarget();
		MigrationsSnapshot before = this.migrator.snapshot();
		this.migrator.checkHistory(before);
		if (target != null) {
			requireKnownVersion(target, before.statuses().stream().map(MigrationStatus::version).toList());
		}
		List<MigrationRef> rolledBack = this.migrator.rollback(target, this.properties.getSteps());
		MigrationsSnapshot snapshot = this.migrator.snapshot();
		if (rolledBack.isEmpty()) {
			print("Nothing to roll back: no applied migration is above version " + target + ".");
		}
		else {
			print("Rolled back " + rolledBack.size() + " migration(s): " + list(rolledBack) + ". Now at version "
					+ snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions() + ".");
		}
		return MigrationsCommand.OK;
	}

	private int markApplied() {
		String target = this.properties.getTarget();
		requireKnownVersion(target, applicationVersions());
		List<MigrationRef> marked = this.migrator.markApplied(target);
		if (marked.isEmpty()) {
			print("Nothing to record: no pending migration up to version " + target + ".");
		}
		else {
			print("Recorded " + marked.size() + " migration(s) as applied without running them: " + list(marked) + ".");
		}
		return MigrationsCommand.OK;
	}

	private int repair() {
		RepairResult result = this.migrator.repair(this.properties.isRemoveUnknown());
		print("Repaired " + table() + ": "
				+ ((result.realigned().isEmpty()) ? "no checksum or description to update"
						: "re-recorded the checksum and description of " + list(result.realigned()))
				+ "; "
				+ ((result.removed().isEmpty()) ? "no unknown version removed"
						: "removed unknown version(s) " + list(result.removed()))
				+ "." + ((result.unknownKept().isEmpty()) ? "" : " Unknown version(s) kept: "
						+ list(result.unknownKept()) + "; add --migrations.remove-unknown=true to remove them."));
		return MigrationsCommand.OK;
	}

	private List<String> applicationVersions() {
		return this.migrator.migrations().stream().map(ResolvedMigration::version).toList();
	}

	private void requireKnownVersion(String version, List<String> versions) {
		if (versions.stream().noneMatch((candidate) -> Versions.compare(candidate, version) == 0)) {
			throw new MigrationCommandException(
					"'" + version + "' is not the version of any migration this command can work up to.",
					"Give one of these versions: "
							+ String.join(", ", versions.stream().map(Printable::escape).toList())
							+ " (--migrations.command=status lists them all).");
		}
	}

	private String table() {
		return this.migrator.table().qualifiedName();
	}

	private void print(String line) {
		this.out.println(line);
	}

	private static String list(List<MigrationRef> migrations) {
		return String.join(", ", migrations.stream().map(MigrationRef::toString).toList());
	}

}
