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
package dev.bootmigrate.internal.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.MigrationSource.Found;
import dev.bootmigrate.internal.MigrationSource;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.internal.sql.SqlMigrationSource.Settings;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link SqlMigrationSource}: folders on the class path, a jar, the file
 * system, and the files it refuses.
 *
 * @author the bootmigrate authors
 */
class SqlMigrationSourceTests {

	private static final String SOURCE = "classpath:dev/bootmigrate/internal/sql/source/";

	private static final String PATH = "dev/bootmigrate/internal/sql/source/";

	@TempDir
	Path temp;

	@Test
	void findsVersionedRollbackAndRepeatableFilesInAFolderAndItsSubFolders() throws IOException {
		SqlMigrationSource source = source(DatabaseDriver.H2, settings(SOURCE + "ok"));
		assertThat(source.migrations())
			.extracting((found) -> found.migration().version(), (found) -> found.migration().description(),
					(found) -> found.origin().name(), (found) -> found.migration().canRollback(),
					(found) -> found.migration().transactional())
			.containsExactly(tuple("1.1", "add note", PATH + "ok/V1_1__add_note.sql", true, true),
					tuple("1", "create account", PATH + "ok/V1__create_account.sql", false, true),
					tuple("2", "in a sub folder", PATH + "ok/sub/V2__in_a_sub_folder.sql", false, true));
		Found first = source.migrations().get(1);
		assertThat(first.origin().type()).isEqualTo(MigrationOrigin.Type.SQL);
		assertThat(first.origin().location()).startsWith("file:").endsWith("/" + PATH + "ok/V1__create_account.sql");
		assertThat(first.origin().describe()).isEqualTo("SQL file '" + PATH + "ok/V1__create_account.sql'");
		assertThat(first.migration().checksum()).isEqualTo(Integer
			.toString(FlywayChecksum.of(new DefaultResourceLoader().getResource(SOURCE + "ok/V1__create_account.sql")
				.getContentAsByteArray())));
		assertThat(source.repeatables()).singleElement().satisfies((repeatable) -> {
			assertThat(repeatable.migration().version()).isEmpty();
			assertThat(repeatable.migration().description()).isEqualTo("account names");
			assertThat(repeatable.origin().name()).isEqualTo(PATH + "ok/R__account_names.sql");
			assertThat(repeatable.migration().checksum()).isNotBlank();
		});
	}

	@Test
	void scansOnce() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__first.sql"), "SELECT 1;");
		SqlMigrationSource source = source(DatabaseDriver.H2, settings("filesystem:" + location));
		List<Found> migrations = source.migrations();
		Files.writeString(location.resolve("V2__second.sql"), "SELECT 2;");
		assertThat(source.migrations()).isSameAs(migrations).hasSize(1);
	}

	@Test
	void versionsOfFilesAndBeansFormOneSequenceWhereADuplicateNamesBoth() {
		SqlMigrationSource files = source(DatabaseDriver.H2, settings(SOURCE + "ok"));
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("addEmail", Migration.of("3", "Add email", (context) -> {
		}));
		assertThat(engine(files, beans).migrations()).extracting(MigrationRef::version)
			.containsExactly("1", "1.1", "2", "3");
		beans.put("createAccount", Migration.of("1.0", "Create account", (context) -> {
		}));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> engine(files, beans))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("SQL file '" + PATH + "ok/V1__create_account.sql'", "bean 'createAccount'"));
	}

	@Test
	void refusesEverySqlFileNotNamedAsAMigrationNamingTheFileAndThePatterns() {
		SqlMigrationSource source = source(DatabaseDriver.H2, settings(SOURCE + "bad-names"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::migrations).satisfies((ex) -> {
			assertThat(ex.getProblems()).hasSize(7)
				.allSatisfy((problem) -> assertThat(problem).contains("is not named as a migration",
						"V<version>__<description>.sql", "migrations.ignored-files"))
				.noneSatisfy((problem) -> assertThat(problem).contains("V6__fine.sql"));
			assertThat(ex.getProblems()).anySatisfy(
					(problem) -> assertThat(problem).contains("SQL file '" + PATH + "bad-names/V2_42_18_Update.sql'",
							"no double underscore (__) separates the version from the description (did you mean "
									+ "V2_42_18__Update.sql?)"));
			assertThat(ex.getProblems()).anySatisfy((problem) -> assertThat(problem)
				.contains("v3__lower_case.sql' is not named as a migration: its prefix must be an upper-case V"));
			assertThat(ex.getProblems())
				.anySatisfy((problem) -> assertThat(problem).contains("beforeMigrate.sql", "Flyway callback"));
			assertThat(ex.getProblems()).anySatisfy((problem) -> assertThat(problem)
				.contains("R1__repeatable_with_version.sql", "a repeatable migration (R) has no version"));
			assertThat(ex.getProblems()).anySatisfy(
					(problem) -> assertThat(problem).contains("V__no_version.sql", "it has no version between V"));
			assertThat(ex.getProblems())
				.anySatisfy((problem) -> assertThat(problem).contains("V4__.sql", "it has no description"));
			assertThat(ex.getProblems()).anySatisfy((problem) -> assertThat(problem)
				.contains("V5.1..2__bad_version.sql", "its version '5.1..2' is malformed"));
		});
	}

	@Test
	void ignoredFilesAreLeftAsideDeliberately() {
		SqlMigrationSource source = source(DatabaseDriver.H2,
				new Settings(List.of(SOURCE + "bad-names"),
						List.of("V2_42_18_Update.sql", "v3*.sql", "before*.sql", "R1__*", "V__*", "V4__.sql", "**/V5*"),
						Map.of(), true, false));
		assertThat(source.migrations()).extracting((found) -> found.migration().version()).containsExactly("6");
	}

	@Test
	void aRollbackWithoutItsMigrationIsAnError() {
		SqlMigrationSource source = source(DatabaseDriver.H2, settings(SOURCE + "orphan-rollback"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::migrations)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("SQL file '" + PATH + "orphan-rollback/U2__add_note.sql' is a rollback (U) of a version "
						+ "that no SQL file defines; add its migration (V2__add_note.sql"));
	}

	@Test
	void twoRollbacksOfOneVersionAreAnError() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__create.sql"), "SELECT 1;");
		Files.writeString(location.resolve("U1__create.sql"), "SELECT 1;");
		Files.writeString(location.resolve("U1.0__drop.sql"), "SELECT 1;");
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.H2, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("U1.0__drop.sql", "U1__create.sql", "are both the rollback of version"));
	}

	@Test
	void repeatableMigrationsWithTheSameDescriptionAreAnError() {
		SqlMigrationSource source = source(DatabaseDriver.H2,
				settings(SOURCE + "duplicate-repeatables/a", SOURCE + "duplicate-repeatables/b"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::repeatables)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains(PATH + "duplicate-repeatables/a/R__account_view.sql",
						PATH + "duplicate-repeatables/b/R__account_view.sql", "same description, 'account view'"));
	}

	@Test
	void anUnknownPlaceholderIsAnErrorNamingTheFileAndTheLine() {
		SqlMigrationSource source = source(DatabaseDriver.H2,
				new Settings(List.of(SOURCE + "placeholders"), List.of(), Map.of("table", "account"), true, false));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::migrations)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.isEqualTo("SQL file '" + PATH + "placeholders/V1__create_account.sql': the placeholder ${Owner} on "
						+ "line 1 has no value: give it one as migrations.placeholders.Owner, or switch placeholder "
						+ "replacement off (migrations.placeholder-replacement=false) if the file means ${ literally"));
	}

	@Test
	void flywayPlaceholdersOtherThanTheFileNameAreNotBuiltIn() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__schema.sql"),
				"-- ${flyway:filename}\nCREATE TABLE ${flyway:defaultSchema}.a (id INT);");
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.H2, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("the placeholder ${flyway:defaultSchema} on line 2 is built into Flyway, not here",
						"migrations.placeholders.[flyway:defaultSchema]"));
		SqlMigrationSource source = source(DatabaseDriver.H2, new Settings(List.of("filesystem:" + location), List.of(),
				Map.of("flyway:defaultSchema", "public"), true, false));
		assertThat(source.migrations()).hasSize(1);
	}

	@Test
	void placeholderReplacementSwitchedOffLeavesPlaceholdersAlone() {
		SqlMigrationSource source = source(DatabaseDriver.H2,
				new Settings(List.of(SOURCE + "placeholders"), List.of(), Map.of(), false, false));
		assertThat(source.migrations()).hasSize(1);
		assertThat(source.repeatables()).hasSize(1);
	}

	@Test
	void theChecksumOfARepeatableMigrationChangesWithTheValuesOfItsPlaceholders() {
		Map<String, String> account = Map.of("table", "account", "owner", "me");
		Map<String, String> client = Map.of("table", "client", "owner", "me");
		SqlMigrationSource first = source(DatabaseDriver.H2,
				new Settings(List.of(SOURCE + "placeholders"), List.of(), account, true, false));
		SqlMigrationSource second = source(DatabaseDriver.H2,
				new Settings(List.of(SOURCE + "placeholders"), List.of(), client, true, false));
		assertThat(first.migrations().get(0).migration().checksum())
			.isEqualTo(second.migrations().get(0).migration().checksum());
		assertThat(first.repeatables().get(0).migration().checksum())
			.isNotEqualTo(second.repeatables().get(0).migration().checksum());
	}

	@Test
	void aFileMixingStatementsThatCannotRunInATransactionWithOthersIsRefused() {
		SqlMigrationSource source = source(DatabaseDriver.POSTGRESQL, settings(SOURCE + "mixed"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::migrations)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("SQL file '" + PATH + "mixed/V1__create_and_index.sql'",
						"the statement on line 4 cannot run in a transaction (CREATE INDEX CONCURRENTLY account_name "
								+ "ON account (name))",
						"the statement on line 1 runs in one (CREATE TABLE account (id BIGINT PRIMARY KEY, name TEXT))",
						"migrations.mixed=true"));
	}

	@Test
	void aFileMixingStatementsRunsWithoutATransactionWhenMixingIsAllowed() {
		SqlMigrationSource source = source(DatabaseDriver.POSTGRESQL,
				new Settings(List.of(SOURCE + "mixed"), List.of(), Map.of(), true, true));
		assertThat(source.migrations()).singleElement()
			.satisfies((found) -> assertThat(found.migration().transactional()).isFalse());
	}

	@Test
	void aFileOfStatementsThatCannotRunInATransactionRunsWithoutOne() {
		SqlMigrationSource source = source(DatabaseDriver.POSTGRESQL, settings(SOURCE + "concurrently"));
		assertThat(source.migrations())
			.extracting((found) -> found.migration().version(), (found) -> found.migration().transactional(),
					(found) -> found.migration().canRollback())
			.containsExactly(tuple("1", true, false), tuple("2", false, true), tuple("3", false, false),
					tuple("4", true, false));
	}

	@Test
	void aRollbackThatCannotRunInATransactionOfAMigrationThatRunsInOneIsRefused() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__create.sql"), "CREATE TABLE a (x INT);");
		Files.writeString(location.resolve("U1__create.sql"), "DROP INDEX CONCURRENTLY a_x;");
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.POSTGRESQL, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("U1__create.sql' cannot run in a transaction", "V1__create.sql', which runs in one"));
	}

	@Test
	void findsFilesInAJar() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("db/migration/V1__create_account.sql", "CREATE TABLE account (id INT);");
		files.put("db/migration/V2__nothing_yet.sql", "");
		files.put("db/migration/R__account_view.sql", "CREATE OR REPLACE VIEW account_view AS SELECT id FROM account;");
		files.put("db/migration/more/V3__add_name.sql", "ALTER TABLE account ADD COLUMN name VARCHAR(10);");
		files.put("db/migration/more/notes.txt", "Not a migration");
		// With its directory entries, as Maven, Gradle and Spring Boot write jars: Spring
		// finds no folder in a jar without them
		Path jar = jar(files);
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			SqlMigrationSource source = new SqlMigrationSource(new DefaultResourceLoader(classLoader),
					DatabaseDriver.H2, settings("classpath:db/migration"));
			assertThat(source.migrations())
				.extracting((found) -> found.origin().name(), (found) -> found.migration().version())
				.containsExactly(tuple("db/migration/V1__create_account.sql", "1"),
						tuple("db/migration/V2__nothing_yet.sql", "2"),
						tuple("db/migration/more/V3__add_name.sql", "3"));
			assertThat(source.migrations().get(0).origin().location()).startsWith("jar:file:")
				.endsWith("!/db/migration/V1__create_account.sql");
			assertThat(source.migrations().get(1).migration().checksum()).isEqualTo("0");
			assertThat(source.repeatables()).extracting((found) -> found.origin().name())
				.containsExactly("db/migration/R__account_view.sql");
		}
	}

	@Test
	void findsFilesOnTheFileSystem() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("sql migrations"));
		Files.createDirectories(location.resolve("2025"));
		Files.writeString(location.resolve("V1__create_account.sql"), "CREATE TABLE account (id INT);");
		Files.writeString(location.resolve("2025/V2025_06_17_01__add_name.sql"),
				"ALTER TABLE account ADD COLUMN name VARCHAR(10);");
		Files.createDirectories(location.resolve("directory.sql"));
		SqlMigrationSource source = source(DatabaseDriver.H2, settings("filesystem:" + location));
		assertThat(source.migrations())
			.extracting((found) -> found.origin().name(), (found) -> found.migration().version())
			.containsExactly(tuple(location + "/2025/V2025_06_17_01__add_name.sql", "2025.06.17.01"),
					tuple(location + "/V1__create_account.sql", "1"));
	}

	@Test
	void aFileReachedFromTwoLocationsIsFoundOnce() {
		SqlMigrationSource source = source(DatabaseDriver.H2, settings(SOURCE + "ok", SOURCE + "ok/sub"));
		assertThat(source.migrations()).hasSize(3);
	}

	@Test
	void aMissingClassPathLocationHasNoMigrations() {
		SqlMigrationSource source = source(DatabaseDriver.H2, settings("classpath:db/nowhere", "db/nowhere/either"));
		assertThat(source.migrations()).isEmpty();
		assertThat(source.repeatables()).isEmpty();
	}

	@Test
	void aMissingFileSystemLocationOrAnUnknownPrefixIsAnError() {
		Path missing = this.temp.resolve("missing");
		SqlMigrationSource source = source(DatabaseDriver.H2, settings("filesystem:" + missing, "s3:bucket/sql"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(source::migrations)
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"The location 'filesystem:" + missing + "' does not exist; create it or correct "
							+ "migrations.locations",
					"The location 's3:bucket/sql' is neither on the class path (classpath:) nor on the file system "
							+ "(filesystem:)"));
	}

	@Test
	void aFileThatIsNotUtf8IsAnError() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.write(location.resolve("V1__latin1.sql"),
				"INSERT INTO a VALUES ('caf\u00e9');".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.H2, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.endsWith("V1__latin1.sql': it is not valid UTF-8; save it as UTF-8"));
	}

	@Test
	void aFileThatCannotBeSplitIsAnErrorNamingTheFileAndTheLine() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__broken.sql"), "SELECT 1;\nSELECT 'not closed;\n");
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.H2, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.endsWith("V1__broken.sql': the string that starts on line 2 is not closed (')"));
	}

	@Test
	void copyFromStdinIsRefusedOnPostgres() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__data.sql"), "COPY account (id, name) FROM stdin;\n1\ta\n\\.\n");
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> source(DatabaseDriver.POSTGRESQL, settings("filesystem:" + location)).migrations())
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("V1__data.sql': COPY ... FROM STDIN on line 1 is not supported"));
	}

	private Path jar(Map<String, String> files) throws IOException {
		Path jar = this.temp.resolve("migrations.jar");
		try (OutputStream output = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(output)) {
			List<String> directories = new ArrayList<>();
			for (Map.Entry<String, String> file : files.entrySet()) {
				String name = file.getKey();
				for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
					String directory = name.substring(0, slash + 1);
					if (!directories.contains(directory)) {
						directories.add(directory);
						out.putNextEntry(new JarEntry(directory));
						out.closeEntry();
					}
				}
				out.putNextEntry(new JarEntry(name));
				out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				out.closeEntry();
			}
		}
		return jar;
	}

	private static SqlMigrationSource source(DatabaseDriver database, Settings settings) {
		return new SqlMigrationSource(new DefaultResourceLoader(), database, settings);
	}

	private static Settings settings(String... locations) {
		return new Settings(List.of(locations), List.of(), Map.of(), true, false);
	}

	private static DefaultMigrationEngine engine(MigrationSource files, Map<String, Migration> beans) {
		// The migrations are resolved when the engine is created, before it uses the
		// database
		return new DefaultMigrationEngine(new SimpleDriverDataSource(), () -> {
			throw new IllegalStateException("No transaction expected");
		}, List.of(files, MigrationSource.of(beans)), TestEngines.settings(), List.of());
	}

}
