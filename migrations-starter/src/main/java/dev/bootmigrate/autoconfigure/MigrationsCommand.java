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
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationRef;

/**
 * One command of the manual entry point, {@code --migrations.command=<name>}: its name,
 * the options it accepts, and what it does. A command checks its own options before
 * anything touches the database and returns what it has to say as a {@link Result}, which
 * {@link MigrationsCommandRunner} prints. Adding a command is one subclass plus one entry
 * in {@link MigrationsCommands}.
 *
 * @author the bootmigrate authors
 */
abstract class MigrationsCommand {

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

	private final Set<Option> options;

	MigrationsCommand(String name, String usage, Option... options) {
		this.name = name;
		this.usage = usage;
		this.options = Set.of(options);
	}

	final String getName() {
		return this.name;
	}

	/**
	 * The options of this command as the usage shows them, empty when it takes none.
	 */
	final String getUsage() {
		return this.usage;
	}

	/**
	 * Whether this command changes the database, which it does under the migration lock.
	 */
	boolean changesDatabase() {
		return false;
	}

	/**
	 * Check that the given options suit this command.
	 * @throws MigrationCommandException naming the conflicting options and the valid
	 * usage
	 */
	final void checkOptions(MigrationsProperties properties) {
		List<String> problems = new ArrayList<>();
		if (properties.getTarget() != null && !this.options.contains(Option.TARGET)) {
			problems.add("--migrations.target does not apply to " + this.name);
		}
		if (properties.getVersion() != null && !this.options.contains(Option.VERSION)) {
			problems.add("--migrations.version does not apply to " + this.name);
		}
		if (properties.getSteps() != null && !this.options.contains(Option.STEPS)) {
			problems.add("--migrations.steps does not apply to " + this.name);
		}
		if (properties.isRemoveUnknown() && !this.options.contains(Option.REMOVE_UNKNOWN)) {
			problems.add("--migrations.remove-unknown does not apply to " + this.name);
		}
		if (properties.getOutput() != null && !this.options.contains(Option.OUTPUT)) {
			problems.add("--migrations.output does not apply to " + this.name);
		}
		if (properties.getDescription() != null && !this.options.contains(Option.DESCRIPTION)) {
			problems.add("--migrations.description does not apply to " + this.name);
		}
		if (properties.getFormat() != MigrationsProperties.MigrationFormat.SQL
				&& !this.options.contains(Option.FORMAT)) {
			problems.add("--migrations.format does not apply to " + this.name);
		}
		checkOwnOptions(properties, problems);
		if (!problems.isEmpty()) {
			throw new MigrationCommandException(
					"Invalid options for the '" + this.name + "' command: " + String.join("; ", problems) + ".",
					"Run it as --migrations.command=" + this.name + (this.usage.isEmpty() ? "" : " " + this.usage)
							+ ". " + MigrationsCommands.usage());
		}
	}

	/**
	 * Add what is wrong with the options this command accepts, beyond their presence:
	 * missing, conflicting or out of range.
	 */
	void checkOwnOptions(MigrationsProperties properties, List<String> problems) {
	}

	/**
	 * Run this command, whose options have been checked.
	 * @throws dev.bootmigrate.MigrationException when it fails, to be reported with exit
	 * code 1
	 */
	abstract Result run(MigrationEngine engine, MigrationsProperties properties);

	/**
	 * Run this command, whose options have been checked, with the application's JPA
	 * entities when it has them; most commands do not need them.
	 * @throws dev.bootmigrate.MigrationException when it fails, to be reported with exit
	 * code 1
	 */
	Result run(MigrationEngine engine, MigrationsProperties properties, @Nullable EntitySchema entities) {
		return run(engine, properties);
	}

	static String list(List<MigrationRef> migrations) {
		return String.join(", ", migrations.stream().map(MigrationRef::toString).toList());
	}

	/**
	 * What a command printed and the exit code it ends with.
	 *
	 * @param exitCode the exit code
	 * @param output the text to print, line separators included
	 */
	record Result(int exitCode, String output) {

		/**
		 * A command that succeeded and has one line to say.
		 */
		static Result ok(String line) {
			return new Result(OK, line + System.lineSeparator());
		}

	}

	enum Option {

		TARGET, VERSION, STEPS, REMOVE_UNKNOWN, OUTPUT, DESCRIPTION, FORMAT

	}

}
