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
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;

/**
 * The commands of the manual entry point, {@code --migrations.command=<name>}, in the
 * order the usage lists them.
 *
 * @author the bootmigrate authors
 */
final class MigrationsCommands {

	private static final List<MigrationsCommand> ALL = List.of(new MigrateCommand(), new StatusCommand(),
			new ShowCommand(), new CheckCommand(), new ValidateCommand(), new RollbackCommand(),
			new MarkAppliedCommand(), new RepairCommand(), new DiffCommand());

	private MigrationsCommands() {
	}

	/**
	 * Return the command of the given name.
	 * @throws MigrationCommandException naming the valid commands if there is none
	 */
	static MigrationsCommand named(@Nullable String name) {
		MigrationsCommand command = find(name);
		if (command == null) {
			throw unknown(name, "");
		}
		return command;
	}

	/**
	 * Return the exception that refuses an unknown command, saying which command was
	 * probably meant.
	 * @param name the unknown command
	 * @param details where the command was given, appended to the message
	 */
	static MigrationCommandException unknown(@Nullable String name, String details) {
		String nearest = (name != null) ? Suggestions.nearest(name.strip(), names()) : null;
		return new MigrationCommandException("'" + name + "' is not a migrations command"
				+ ((nearest != null) ? ": did you mean " + nearest + "?" : ".") + " Nothing was done." + details,
				((nearest != null) ? "Run --migrations.command=" + nearest + " if that is what you meant. " : "")
						+ usage());
	}

	/**
	 * Return the names of the commands.
	 */
	static List<String> names() {
		return ALL.stream().map(MigrationsCommand::getName).toList();
	}

	/**
	 * Return the command of the given name, if there is one.
	 */
	static @Nullable MigrationsCommand find(@Nullable String name) {
		String normalized = (name != null) ? name.strip().toLowerCase(Locale.ROOT).replace('_', '-') : "";
		for (MigrationsCommand command : ALL) {
			if (command.getName().equals(normalized)) {
				return command;
			}
		}
		return null;
	}

	/**
	 * Describe every command with its options.
	 */
	static String usage() {
		return "The commands are: " + String.join(", ", ALL.stream()
			.map((command) -> command.getName() + (command.getUsage().isEmpty() ? "" : " " + command.getUsage()))
			.toList()) + ".";
	}

}
