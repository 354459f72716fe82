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
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.FlywayHistoryException;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.TestEngines;
import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Switching from Flyway, on each database: the same folder of SQL migrations (a realistic
 * one per database family: functions, triggers, a statement that cannot run in a
 * transaction, placeholders, a repeatable view) applied with Flyway and with the starter
 * to two fresh databases gives the same schema, as the database's own dump tool prints
 * it; and a database that Flyway migrated is adopted: nothing runs again, and a new file
 * is applied alone.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class SwitchingFromFlywayContractTests {

	private static final String FOLDER = "classpath:dev/bootmigrate/internal/sql/flyway/";

	private static final Map<String, String> PLACEHOLDERS = Map.of("owner", "accounting");

	/**
	 * The folder of each database family, and how its schema is dumped.
	 */
	private static final Map<DatabaseDriver, Family> FAMILIES = Map.of(DatabaseDriver.POSTGRESQL,
			new Family("postgresql", SwitchingFromFlywayContractTests::pgDump), DatabaseDriver.MARIADB,
			new Family("mariadb", SwitchingFromFlywayContractTests::mysqldump), DatabaseDriver.SQLITE,
			new Family("sqlite", SwitchingFromFlywayContractTests::sqliteSchema), DatabaseDriver.H2,
			new Family("h2", null));

	@Parameter
	TestDatabase.Kind kind;

	@TempDir
	Path temp;

	private final List<TestDatabase> databases = new ArrayList<>();

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = create();
	}

	@AfterEach
	void closeDatabases() {
		this.databases.forEach(TestDatabase::close);
	}

	@Test
	void theSameFolderAppliedByFlywayAndByTheStarterGivesTheSameSchema() {
		Family family = family();
		Assumptions.assumeTrue(family.dump() != null, "no dump tool for " + this.kind);
		TestDatabase byFlyway = this.database;
		TestDatabase byStarter = create();
		flyway(byFlyway, location()).migrate();
		MigrateResult result = engine(byStarter, location()).migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::toString)
			.containsExactly("1 \"create account\"", "1.1 \"" + family.functions() + "\"", "2 \"index account name\"",
					"3 \"add status\"", "repeatable \"account names\"");
		String flywaySchema = family.dump().apply(byFlyway);
		String starterSchema = family.dump().apply(byStarter);
		write("flyway-" + this.kind + ".sql", flywaySchema);
		write("starter-" + this.kind + ".sql", starterSchema);
		assertThat(starterSchema).contains(family.names());
		assertThat(starterSchema).isEqualTo(flywaySchema);
		assertThat(jdbc(byStarter).queryForObject("SELECT email FROM account", String.class))
			.isEqualTo(jdbc(byFlyway).queryForObject("SELECT email FROM account", String.class));
	}

	@Test
	void aDatabaseFlywayMigratedIsAdoptedNothingRunsAgainAndANewFileAppliesAlone() {
		flyway(this.database, location()).migrate();
		List<Map<String, Object>> flywayRows = flywayRows();
		DefaultMigrationEngine engine = engine(this.database, location(), nextLocation());
		MigrateResult result = engine.migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::toString).containsExactly("4 \"add phone\"");
		assertThat(jdbc(this.database).queryForObject("SELECT count(*) FROM account", Integer.class)).isOne();
		MigrationsInfo status = engine.status();
		assertThat(status.migrations())
			.extracting(MigrationInfo::version, MigrationInfo::state, (info) -> info.applied().type())
			.containsExactly(tuple("1", MigrationState.APPLIED, "FLYWAY"),
					tuple("1.1", MigrationState.APPLIED, "FLYWAY"), tuple("2", MigrationState.APPLIED, "FLYWAY"),
					tuple("3", MigrationState.APPLIED, "FLYWAY"), tuple("4", MigrationState.APPLIED, "SQL"),
					tuple("", MigrationState.APPLIED, "FLYWAY"));
		assertThat(status.summary())
			.isEqualTo("6 applied, 0 pending, 0 unknown, 0 checksum mismatches; current " + "version 4.");
		assertThat(flywayRows()).as("Flyway's table is never written").isEqualTo(flywayRows);
		assertThat(engine(this.database, location(), nextLocation()).migrate(null).applied()).isEmpty();
	}

	@Test
	void adoptionRecordsFlywaysValuesAndTheLatestChecksumOfEachRepeatableMigration() {
		flyway(this.database, location()).migrate();
		engine(this.database, location()).migrate(null);
		Map<String, Object> flywayRow = jdbc(this.database)
			.queryForMap("SELECT * FROM " + flywayTable() + " WHERE " + quoted("version") + " = '3'");
		Map<String, Object> adopted = jdbc(this.database).queryForMap(
				"SELECT description, checksum, installed_by, execution_ms FROM schema_migrations WHERE version = '3'");
		assertThat(value(adopted, "description")).isEqualTo(value(flywayRow, "description"));
		assertThat(value(adopted, "checksum")).isEqualTo(value(flywayRow, "checksum"));
		assertThat(value(adopted, "installed_by")).isEqualTo(value(flywayRow, "installed_by"));
		assertThat(value(adopted, "execution_ms")).isEqualTo(value(flywayRow, "execution_time"));
		String repeatable = jdbc(this.database)
			.queryForObject("SELECT checksum FROM schema_migrations WHERE version = 'R:account names'", String.class);
		assertThat(repeatable)
			.isEqualTo(
					jdbc(this.database)
						.queryForList(
								"SELECT " + quoted("checksum") + " FROM " + flywayTable() + " WHERE "
										+ quoted("version") + " IS NULL ORDER BY " + quoted("installed_rank") + " DESC",
								String.class)
						.get(0));
	}

	@Test
	void aRepeatableMigrationFlywayAppliedRunsAgainWhenItChanges() throws IOException {
		Path copy = copy(location());
		flyway(this.database, "filesystem:" + copy).migrate();
		Path view = copy.resolve("R__account_names.sql");
		Files.writeString(view, Files.readString(view).replace("status = 'active'", "status <> 'closed'"));
		MigrateResult result = engine(this.database, "filesystem:" + copy).migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::toString).containsExactly("repeatable \"account names\"");
		assertThat(jdbc(this.database).queryForList("SELECT name FROM account_names", String.class)).hasSize(1);
		assertThat(engine(this.database, "filesystem:" + copy).migrate(null).applied()).isEmpty();
	}

	@Test
	void aFlywayBaselineCountsAsAppliedUpToItsVersion() throws IOException {
		Path firstTwo = copy(location());
		Files.delete(firstTwo.resolve("V3__add_status.sql"));
		Files.delete(firstTwo.resolve("R__account_names.sql"));
		// The schema up to version 2 was made by other means; Flyway took over from there
		flyway(this.database, "filesystem:" + firstTwo).migrate();
		jdbc(this.database).execute("DROP TABLE " + flywayTable());
		Flyway baselined = configure(this.database, location()).baselineVersion("2").load();
		baselined.baseline();
		baselined.migrate();
		MigrateResult result = engine(this.database, location(), nextLocation()).migrate(null);
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("4");
		assertThat(engine(this.database, location(), nextLocation()).status().migrations())
			.extracting(MigrationInfo::version, MigrationInfo::state)
			.containsExactly(tuple("1", MigrationState.APPLIED), tuple("1.1", MigrationState.APPLIED),
					tuple("2", MigrationState.APPLIED), tuple("3", MigrationState.APPLIED),
					tuple("4", MigrationState.APPLIED), tuple("", MigrationState.APPLIED));
	}

	@Test
	void aMigrationFlywayRecordedAsFailedStopsTheAdoptionUntilItIsRepairedOrMarked() throws IOException {
		Path copy = copy(location());
		flyway(this.database, "filesystem:" + copy).migrate();
		Files.writeString(copy.resolve("V5__broken.sql"),
				"CREATE TABLE broken (id INT);\nCREATE TABLE broken (id INT);\n");
		if (this.database.transactionalDdl()) {
			// Flyway rolls the migration back here and records nothing: the row it
			// writes where DDL is not rolled back
			jdbc(this.database)
				.update("INSERT INTO " + flywayTable() + " (installed_rank, version, description, type, script, "
						+ "checksum, installed_by, execution_time, success) VALUES (99, '5', 'broken', 'SQL', "
						+ "'V5__broken.sql', 1, 'ci', 3, false)");
		}
		else {
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> flyway(this.database, "filesystem:" + copy).migrate());
		}
		List<Map<String, Object>> flywayRows = flywayRows();
		assertThatExceptionOfType(FlywayHistoryException.class)
			.isThrownBy(() -> engine(this.database, "filesystem:" + copy).migrate(null))
			.satisfies((ex) -> {
				assertThat(ex.getTable()).isEqualTo("flyway_schema_history");
				assertThat(ex.getFailedVersions()).containsExactly("5");
				assertThat(ex.getProblems()).singleElement()
					.asString()
					.startsWith("Flyway recorded version 5 \"broken\" (V5__broken.sql, installed_rank ")
					.endsWith(") as failed: part of it may be in the database");
				assertThat(ex.getDeleteStatements()).singleElement()
					.asString()
					.startsWith("DELETE FROM flyway_schema_history WHERE installed_rank = ");
			});
		assertThat(flywayRows()).isEqualTo(flywayRows);
		assertThat(engine(this.database, "filesystem:" + copy).status().appliedCount()).isZero();
		// Checked by hand: its table is there
		assertThat(engine(this.database, "filesystem:" + copy).markAppliedVersion("5"))
			.extracting(MigrationRef::toString)
			.containsExactly("5 \"broken\"");
		MigrationsInfo status = engine(this.database, "filesystem:" + copy).status();
		assertThat(status.migrations()).extracting(MigrationInfo::version, MigrationInfo::state)
			.contains(tuple("3", MigrationState.APPLIED), tuple("5", MigrationState.APPLIED));
		assertThat(status.migrations()
			.stream()
			.filter((info) -> info.version().equals("5"))
			.findFirst()
			.orElseThrow()
			.applied()
			.marked()).isTrue();
		assertThat(flywayRows()).isEqualTo(flywayRows);
	}

	@Test
	void aChecksumThatDiffersFromTheFileIsAMismatchUnderTheUsualPolicy() throws IOException {
		Path copy = copy(location());
		flyway(this.database, "filesystem:" + copy).migrate();
		Path file = copy.resolve("V3__add_status.sql");
		Files.writeString(file, Files.readString(file) + "\n-- Edited after it was applied\n");
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> engine(this.database, "filesystem:" + copy).migrate(null))
			.satisfies((ex) -> assertThat(ex.getChecksumMismatches()).extracting(MigrationRef::version)
				.containsExactly("3"));
		assertThat(engine(this.database, "filesystem:" + copy).status().inState(MigrationState.CHECKSUM_MISMATCH))
			.extracting(MigrationInfo::version)
			.containsExactly("3");
	}

	@Test
	void withAdoptionOffFlywaysTableIsIgnored() {
		flyway(this.database, location()).migrate();
		DefaultMigrationEngine engine = engineAdopting(this.database, null, location());
		assertThat(engine.status().pending()).hasSize(5);
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> engine.migrate(null))
			.satisfies((ex) -> assertThat(ex.getMigration().version()).isEqualTo("1"));
	}

	/**
	 * Keep a dump where a failure can be looked into.
	 */
	private static void write(String name, String dump) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "schema-dumps"));
			Files.writeString(directory.resolve(name), dump);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private TestDatabase create() {
		TestDatabase database = this.kind.create();
		this.databases.add(database);
		return database;
	}

	private Family family() {
		Family family = FAMILIES.get(DatabaseDriver.fromJdbcUrl(this.database.url()));
		assumeTrue(family != null, "no Flyway migrations written for this database");
		return family;
	}

	private String location() {
		return FOLDER + family().folder();
	}

	private String nextLocation() {
		return FOLDER + family().folder() + "-next";
	}

	private Path copy(String location) throws IOException {
		Path copy = Files.createDirectories(this.temp.resolve("migrations"));
		String folder = location.substring("classpath:".length());
		for (String name : List.of("V1__create_account.sql", "V1_1__" + family().functions().replace(' ', '_') + ".sql",
				"V2__index_account_name.sql", "V3__add_status.sql", "R__account_names.sql")) {
			try (InputStream input = getClass().getClassLoader().getResourceAsStream(folder + "/" + name)) {
				Files.copy(input, copy.resolve(name));
			}
		}
		return copy;
	}

	private List<Map<String, Object>> flywayRows() {
		return jdbc(this.database)
			.queryForList("SELECT * FROM " + flywayTable() + " ORDER BY " + quoted("installed_rank"));
	}

	/**
	 * Return Flyway's table, quoted as Flyway creates it: in lower case, which H2 would
	 * otherwise fold to upper case.
	 */
	private String flywayTable() {
		return quoted("flyway_schema_history");
	}

	private String quoted(String name) {
		String quote = jdbc(this.database)
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getIdentifierQuoteString());
		return quote + name + quote;
	}

	private static Flyway flyway(TestDatabase database, String location) {
		return configure(database, location).load();
	}

	/**
	 * Configure Flyway as its documentation advises for CREATE INDEX CONCURRENTLY on
	 * PostgreSQL: with a session lock, since the statement would wait forever for the
	 * transaction of its transactional lock.
	 */
	private static FluentConfiguration configure(TestDatabase database, String location) {
		return Flyway.configure()
			.configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
			.dataSource(database.dataSource())
			.locations(location)
			.placeholders(PLACEHOLDERS);
	}

	private DefaultMigrationEngine engine(TestDatabase database, String... locations) {
		return engineAdopting(database, "flyway_schema_history", locations);
	}

	private DefaultMigrationEngine engineAdopting(TestDatabase database, @Nullable String flywayTable,
			String... locations) {
		SqlMigrationSource files = new SqlMigrationSource(new DefaultResourceLoader(),
				DatabaseDriver.fromJdbcUrl(database.url()),
				new SqlMigrationSource.Settings(List.of(locations), List.of(), PLACEHOLDERS, true, false));
		return new DefaultMigrationEngine(database.dataSource(),
				() -> new DataSourceTransactionManager(database.dataSource()), List.of(files),
				TestEngines.settings("schema_migrations", null, Duration.ofSeconds(10)).withFlywayTable(flywayTable),
				List.of());
	}

	private static JdbcTemplate jdbc(TestDatabase database) {
		return new JdbcTemplate(database.dataSource());
	}

	private static String value(Map<String, Object> row, String column) {
		return row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(column))
			.map((entry) -> String.valueOf(entry.getValue()))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The schema of a PostgreSQL test database, as {@code pg_dump --schema-only} prints
	 * it, without the history tables and with its schema name replaced.
	 */
	private static String pgDump(TestDatabase database) {
		URI url = URI.create(database.url().substring("jdbc:".length()));
		String user = query(url, "user", "postgres");
		String schema = database.schema();
		return run("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-n", schema, "-T",
				schema + ".flyway_schema_history", "-T", schema + ".schema_migrations*", "-h", url.getHost(), "-p",
				String.valueOf(url.getPort()), "-U", user, url.getPath().substring(1))
			.replace(schema, "<schema>")
			.lines()
			.filter((line) -> !line.startsWith("--") && !line.isBlank() && !line.startsWith("\\restrict")
					&& !line.startsWith("\\unrestrict"))
			.reduce("", (dump, line) -> dump + line + "\n");
	}

	/**
	 * The schema of a MariaDB test database, as {@code mysqldump --no-data} prints it,
	 * without the history tables and with its name replaced.
	 */
	private static String mysqldump(TestDatabase database) {
		URI url = URI.create(database.url().substring("jdbc:".length()));
		String name = database.schema();
		return run("mysqldump", "--no-data", "--skip-dump-date", "--skip-comments", "--routines", "--triggers",
				"--ignore-table=" + name + ".flyway_schema_history", "--ignore-table=" + name + ".schema_migrations",
				"--ignore-table=" + name + ".schema_migrations_lock", "-h", url.getHost(), "-P",
				String.valueOf(url.getPort()), "-u", query(url, "user", "root"), name)
			.replace(name, "<schema>");
	}

	/**
	 * The schema of a SQLite test database, as the {@code sqlite3} shell's
	 * {@code .schema} prints it (the statements SQLite keeps in {@code sqlite_master}),
	 * without the history tables.
	 */
	private static String sqliteSchema(TestDatabase database) {
		return String.join(";\n",
				jdbc(database).queryForList("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
						+ "AND name NOT LIKE 'flyway_schema_history%' AND name NOT LIKE 'schema_migrations%' "
						+ "AND name NOT LIKE 'sqlite_%' ORDER BY type, name", String.class));
	}

	private static String query(URI url, String name, String fallback) {
		if (url.getQuery() != null) {
			for (String parameter : url.getQuery().split("&")) {
				if (parameter.startsWith(name + "=")) {
					return parameter.substring(name.length() + 1);
				}
			}
		}
		return fallback;
	}

	private static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(String.join(" ", command) + ": " + errors).isZero();
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(command[0] + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The migrations of a database family, and how its schema is dumped.
	 *
	 * @param folder the folder of its migrations
	 * @param dump prints the schema of a database, or {@code null} when it has no dump
	 * tool
	 */
	private record Family(String folder, @Nullable Function<TestDatabase, String> dump) {

		String functions() {
			return switch (this.folder) {
				case "postgresql" -> "email functions";
				case "mariadb" -> "email routines";
				case "sqlite" -> "email trigger";
				default -> "create audit";
			};
		}

		String[] names() {
			return switch (this.folder) {
				case "sqlite" -> new String[] { "account_names", "account_email", "account_email_update",
						"account_name_idx", "account_email_unique", "accounting" };
				default -> new String[] { "account_names", "normalise_email", "account_email", "account_name_idx",
						"accounting" };
			};
		}

	}

}
