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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;

/**
 * The commands of the manual entry point, {@code --migrations.command=<name>}, and the
 * options each accepts.
 *
 * @author the bootmigrate authors
 */
enum MigrationsCommand {

	/**
	 * Apply pending migrations, up to {@code target} if given.
	 */
	MIGRATE("migrate", "[--migrations.target=<version>]", Option.TARGET),

	/**
	 * Print every migration and its state.
	 */
	STATUS("status", "", Option.NONE),

	/**
	 * Exit with code 2 when anything is pending or invalid.
	 */
	CHECK("check", "", Option.NONE),

	/**
	 * Validate checksums and unknown versions against the policies, apply nothing.
	 */
	VALIDATE("validate", "", Option.NONE),

	/**
	 * Revert applied migrations, newest first.
	 */
	ROLLBACK("rollback", "--migrations.target=<version> | --migrations.steps=<n>", Option.TARGET, Option.STEPS),

	/**
	 * Record migrations as applied without running them.
	 */
	MARK_APPLIED("mark-applied", "--migrations.target=<version>", Option.TARGET),

	/**
	 * Re-record checksums, optionally forget unknown versions.
	 */
	REPAIR("repair", "[--migrations.remove-unknown=true]", Option.REMOVE_UNKNOWN);

	/**
	 * Exit code of a command that succeeded.
	 */
	static final int OK = 0;

	/**
	 * Exit code of a command that failed.
	 */
	static final int FAILED = 1;

	/**
	 * Exit code of {@code check} when it found something to act on.
	 */
	static final int ACTION_NEEDED = 2;

	private final String name;

	private final String usage;

	private final List<Option> options;

	MigrationsCommand(String name, String usage, Option... options) {
		this.name = name;
		this.usage = usage;
		this.options = List.of(options);
	}

	String getName() {
		return this.name;
	}

	/**
	 * Return the command of the given name.
	 * @throws MigrationCommandException naming the valid commands if there is none
	 */
	static MigrationsCommand named(@Nullable String name) {
		MigrationsCommand command = find(name);
		if (command == null) {
			throw new MigrationCommandException("'" + name + "' is not a migrations command.", usage());
		}
		return command;
	}

	/**
	 * Return the command of the given name, if there is one.
	 */
	static @Nullable MigrationsCommand find(@Nullable String name) {
		String normalized = (name != null) ? name.strip().toLowerCase(Locale.ROOT).replace('_', '-') : "";
		for (MigrationsCommand command : values()) {
			if (command.name.equals(normalized)) {
				return command;
			}
		}
		return null;
	}

	/**
	 * Whether this command changes the database, which it does under the migration lock.
	 */
	boolean changesDatabase() {
		return this == MIGRATE || this == ROLLBACK || this == MARK_APPLIED || this == REPAIR;
	}

	/**
	 * Check that the given options suit this command.
	 * @throws MigrationCommandException naming the conflicting options and the valid
	 * usage
	 */
	void checkOptions(MigrationsProperties properties) {
		List<String> problems = new ArrayList<>();
		if (properties.getTarget() != null && !this.options.contains(Option.TARGET)) {
			problems.add("--migrations.target does not apply to " + this.name);
		}
		if (properties.getSteps() != null && !this.options.contains(Option.STEPS)) {
			problems.add("--migrations.steps does not apply to " + this.name);
		}
		if (properties.isRemoveUnknown() && !this.options.contains(Option.REMOVE_UNKNOWN)) {
			problems.add("--migrations.remove-unknown does not apply to " + this.name);
		}
		if (this == ROLLBACK) {
			if (properties.getTarget() != null && properties.getSteps() != null) {
				problems.add("rollback takes --migrations.target or --migrations.steps, not both");
			}
			if (properties.getTarget() == null && properties.getSteps() == null) {
				problems.add("rollback needs --migrations.target=<version> (kept, the migrations above it are "
						+ "reverted) or --migrations.steps=<n> (the n newest are reverted)");
			}
			if (properties.getSteps() != null && properties.getSteps() < 1) {
				problems.add("--migrations.steps must be 1 or more, not " + properties.getSteps());
			}
		}
		if (this == MARK_APPLIED && properties.getTarget() == null) {
			problems.add("mark-applied needs --migrations.target=<version>, the highest version to record");
		}
		if (!problems.isEmpty()) {
			throw new MigrationCommandException(
					"Invalid options for the '" + this.name + "' command: " + String.join("; ", problems) + ".",
					"Run it as --migrations.command=" + this.name + (this.usage.isEmpty() ? "" : " " + this.usage)
							+ ". " + usage());
		}
	}

	/**
	 * Describe every command with its options.
	 */
	static String usage() {
		return "The commands are: " + String.join(", ",
				Arrays.stream(values())
					.map((command) -> command.name + (command.usage.isEmpty() ? "" : " " + command.usage))
					.toList())
				+ ".";
	}

	private enum Option {

		NONE, TARGET, STEPS, REMOVE_UNKNOWN

	}

}
