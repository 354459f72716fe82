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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.Printable;

/**
 * {@code diff}: print the DDL that brings the migrated database to the JPA entities, in
 * the database's own dialect, or write it to {@code --migrations.output} as a new
 * migration for review. Reads the database, never changes it; drops and other changes
 * that need a decision are listed as comments, never generated as statements.
 *
 * @author the bootmigrate authors
 */
final class DiffCommand extends MigrationsCommand {

	DiffCommand() {
		super("diff", "[--migrations.output=<folder> [--migrations.description=<text>]] [--migrations.format=sql|java]",
				Option.OUTPUT, Option.DESCRIPTION, Option.FORMAT);
	}

	@Override
	void checkOwnOptions(MigrationsProperties properties, List<String> problems) {
		String output = properties.getOutput();
		if (output == null) {
			if (properties.getDescription() != null) {
				problems.add("--migrations.description names the migration written to --migrations.output, "
						+ "which is missing");
			}
			return;
		}
		if (output.isBlank()) {
			problems.add("--migrations.output is blank");
		}
		else if (Files.exists(Path.of(output)) && !Files.isDirectory(Path.of(output))) {
			problems.add("--migrations.output '" + Printable.escape(output) + "' is a file, not a folder");
		}
		String description = properties.getDescription();
		if (description != null && Printable.indexOfUnsafe(description) >= 0) {
			problems.add("--migrations.description contains a control character");
		}
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		throw new MigrationCommandException(
				"The diff command compares the JPA entities with the database, so it needs JPA with Hibernate on the "
						+ "class path, and this application has none.",
				"Add spring-boot-starter-data-jpa to the application, or write the migration by hand.");
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties, @Nullable EntitySchema entities) {
		if (entities == null) {
			return run(engine, properties);
		}
		SchemaDiff diff = entities.diff();
		if (diff.isEmpty()) {
			return Result.ok("No differences: the entities and the database agree.");
		}
		MigrationDraft draft = new MigrationDraft(MigrationDraft.nextVersion(knownVersions(engine), LocalDate.now()),
				properties.getDescription(), diff);
		boolean java = properties.getFormat() == MigrationsProperties.MigrationFormat.JAVA;
		String output = properties.getOutput();
		if (output == null) {
			return new Result(OK, java ? draft.java(null) : draft.sql());
		}
		if (diff.statements().isEmpty()) {
			return new Result(OK, draft.sql() + "\nNothing to generate: no file written.\n");
		}
		Path folder = Path.of(output);
		Path file = folder.resolve(java ? draft.className() + ".java" : draft.sqlFileName());
		if (Files.exists(file)) {
			throw new MigrationCommandException("The migration file " + file + " exists already.",
					"Move it away, or give the new migration another --migrations.description.");
		}
		try {
			Files.createDirectories(folder);
			Files.writeString(file, java ? draft.java(folder) : draft.sql(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new MigrationCommandException("Could not write the migration file " + file + ": " + ex.getMessage(),
					"Check that --migrations.output names a folder the application may write to.", ex);
		}
		return Result
			.ok("Wrote migration " + draft.version() + " to " + file + " (" + diff.statements().size() + " statement(s)"
					+ (diff.decisions().isEmpty() ? ""
							: ", " + diff.decisions().size() + " change(s) left to decide as comments")
					+ "). Review it, then commit it with the entity change.");
	}

	private static List<String> knownVersions(MigrationEngine engine) {
		List<String> versions = new ArrayList<>(engine.migrations().stream().map(MigrationRef::version).toList());
		for (MigrationInfo migration : engine.status().migrations()) {
			versions.add(migration.version());
		}
		return versions;
	}

}
