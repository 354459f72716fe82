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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.SchemaInspector;
import dev.bootmigrate.SqlStatementFailedException;
import dev.bootmigrate.Versions;
import dev.bootmigrate.internal.MigrationSource.Found;
import dev.bootmigrate.internal.sql.SqlMigrationSource.Settings;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.TestDatabase;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that SQL files run on each database, statement by statement, with plain JDBC: a
 * realistic script of each database family, the files of a location in order with a
 * rollback, placeholders, a failing statement, and statements that cannot run in a
 * transaction.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class SqlScriptContractTests extends AbstractTestDatabaseTests {

	private static final String SOURCE = "classpath:dev/bootmigrate/internal/sql/source/";

	/**
	 * The realistic script of each database family, and what it leaves in the database: a
	 * query and its result.
	 */
	private static final Map<DatabaseDriver, Script> SCRIPTS = Map.of(DatabaseDriver.POSTGRESQL,
			new Script("postgresql.sql",
					Map.of("SELECT count(*) FROM account", "4", "SELECT name FROM account WHERE id = 3",
							"old'style; string", "SELECT note FROM account WHERE id = 1", "line\nbreak; it's \\ fine",
							"SELECT note FROM account WHERE id = 2", "back\\slash",
							"SELECT detail FROM account_audit WHERE account_id = 1", "a;b;quoted; text",
							"SELECT name FROM account WHERE id = 4", "hello; nobody", "SELECT add_one(41)", "42")),
			DatabaseDriver.MARIADB,
			new Script("mariadb.sql",
					Map.of("SELECT count(*) FROM account", "1", "SELECT note FROM account WHERE id = 1",
							"say \"hi\"; bye", "SELECT count(*) FROM account_audit", "5",
							"SELECT detail FROM account_audit WHERE account_id = 3", "minus minus is not a comment: 6",
							"SELECT detail FROM account_audit WHERE account_id = 4", "42",
							"SELECT detail FROM account_audit WHERE detail LIKE 'deleted%'", "deleted; gone")),
			DatabaseDriver.H2,
			new Script("h2.sql",
					Map.of("SELECT note FROM account WHERE id = 1", "it's; fine",
							"SELECT detail FROM \"account audit\"", "hello world;")),
			DatabaseDriver.SQLITE,
			new Script("sqlite.sql",
					Map.of("SELECT note FROM account WHERE id = 1", "it's; fine",
							"SELECT detail FROM audit WHERE account_id = 1", "added; ok",
							"SELECT name FROM account WHERE id = 1", "a;b")));

	@TempDir
	Path temp;

	@Test
	void runsARealisticScriptOfTheDatabaseFamily() {
		Script script = SCRIPTS.get(driver());
		SqlScript file = SqlScript.scan(new ClassPathResource("dev/bootmigrate/internal/sql/scripts/" + script.name()),
				script.name(), false, Placeholders.of(Map.of(), true), SqlSyntax.of(driver()), false);
		assertThat(file.transactional()).isTrue();
		apply((context) -> file.run(context, true), true);
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		script.results()
			.forEach((query, result) -> assertThat(jdbc.queryForObject(query, String.class)).as(query)
				.isEqualTo(result));
	}

	@Test
	void runsTheFilesOfALocationInOrderAndARollback() {
		SqlMigrationSource source = source(settings(SOURCE + "ok", Map.of()));
		List<Found> migrations = new ArrayList<>(source.migrations());
		migrations.sort(Comparator.comparing((found) -> found.migration().version(), Versions.ORDER));
		migrations.forEach((found) -> apply(found.migration()));
		source.repeatables().forEach((found) -> apply(found.migration()));
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(jdbc.queryForList("SELECT name FROM account_names ORDER BY name", String.class))
			.containsExactly("first; account", "second");
		assertThat(jdbc.queryForObject("SELECT count(note) FROM account", Integer.class)).isZero();
		Migration addNote = migrations.get(1).migration();
		assertThat(addNote.version()).isEqualTo("1.1");
		apply(addNote::rollback, true);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> jdbc.queryForObject("SELECT count(note) FROM account", Integer.class));
	}

	@Test
	void runsFilesWithTheirPlaceholdersReplaced() {
		SqlMigrationSource source = source(settings(SOURCE + "placeholders", Map.of("table", "client", "owner", "me")));
		apply(source.migrations().get(0).migration());
		apply(source.repeatables().get(0).migration());
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(
				jdbc.queryForList("SELECT c.id, c.owner FROM client c JOIN client_view v ON v.id = c.id ORDER BY c.id"))
			.extracting((row) -> row.values().stream().map(String::valueOf).toList())
			.containsExactly(List.of("1", "me"), List.of("2", "V1__create_account.sql"));
	}

	@Test
	void aFailingStatementIsReportedWithItsFileLineAndStatementWithoutPlaceholderValues() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__fails.sql"), """
				CREATE TABLE created_before (id INT);
				INSERT INTO created_before VALUES (1);

				-- The password is a secret: messages show the placeholder
				INSERT INTO missing_table VALUES ('${password}');
				INSERT INTO created_before VALUES (2);
				""");
		Migration migration = source(settings("filesystem:" + location, Map.of("password", "s3cr3t-value")))
			.migrations()
			.get(0)
			.migration();
		assertThatExceptionOfType(SqlStatementFailedException.class).isThrownBy(() -> apply(migration))
			.satisfies((ex) -> {
				assertThat(ex.getFile()).isEqualTo(location + "/V1__fails.sql");
				assertThat(ex.getLine()).isEqualTo(5);
				assertThat(ex.getStatement()).isEqualTo("INSERT INTO missing_table VALUES ('${password}')");
				if (database().sqlStates()) {
					assertThat(ex.getSqlState()).isNotBlank();
				}
				assertThat(ex.getStatementsRun()).isEqualTo(2);
				assertThat(ex.isRolledBack()).isTrue();
				assertThat(ex.getMessage())
					.startsWith("Statement on line 5 of " + location + "/V1__fails.sql failed"
							+ ((ex.getSqlState() != null) ? " (SQL state " + ex.getSqlState() + ")" : "") + ": ")
					.contains("INSERT INTO missing_table VALUES ('${password}')",
							"2 statements of the file ran before it, in the migration's transaction, which is rolled back")
					.doesNotContain("s3cr3t-value");
				assertThat(ex.getCause()).isInstanceOf(SQLException.class);
				assertThat(ex.getCause().getMessage()).doesNotContain("s3cr3t-value");
			});
		boolean tableRemains = database().tableExists("created_before");
		assertThat(tableRemains).isNotEqualTo(database().transactionalDdl());
	}

	@Test
	void aFileThatChangedSinceItWasReadIsNotRun() throws IOException {
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Path file = location.resolve("V1__create.sql");
		Files.writeString(file, "CREATE TABLE first_version (id INT);");
		Migration migration = source(settings("filesystem:" + location, Map.of())).migrations().get(0).migration();
		Files.writeString(file, "CREATE TABLE second_version (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> apply(migration))
			.withMessageContaining("V1__create.sql' changed since it was read at startup");
	}

	@Test
	void filesOfStatementsThatCannotRunInATransactionRunWithoutOne() {
		Assumptions.assumeTrue(database().concurrentIndexBuilds(), "no concurrent index builds");
		SqlMigrationSource source = source(settings(SOURCE + "concurrently", Map.of()));
		List<Found> migrations = new ArrayList<>(source.migrations());
		migrations.sort(Comparator.comparing((found) -> found.migration().version(), Versions.ORDER));
		migrations.forEach((found) -> apply(found.migration()));
		JdbcTemplate jdbc = new JdbcTemplate(database().dataSource());
		assertThat(jdbc.queryForList(
				"SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'account' ORDER BY 1",
				String.class))
			.containsExactly("account_name", "account_pkey", "account_status");
		assertThat(jdbc.queryForList("SELECT unnest(enum_range(NULL::mood))::text", String.class))
			.containsExactly("sad", "happy", "calm", "bored");
		Migration indexes = migrations.get(1).migration();
		assertThat(indexes.transactional()).isFalse();
		apply(indexes::rollback, indexes.transactional());
		assertThat(jdbc.queryForList(
				"SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'account'",
				String.class))
			.containsExactly("account_pkey");
	}

	@Test
	void aFailingStatementOfAFileWithoutATransactionLeavesTheStatementsBeforeItCommitted() throws IOException {
		Assumptions.assumeTrue(database().concurrentIndexBuilds(), "no concurrent index builds");
		database().execute("CREATE TABLE indexed (x INT)");
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__index.sql"), """
				CREATE INDEX CONCURRENTLY indexed_x ON indexed (x);
				CREATE INDEX CONCURRENTLY missing_x ON missing (x);
				""");
		Migration migration = source(settings("filesystem:" + location, Map.of())).migrations().get(0).migration();
		assertThat(migration.transactional()).isFalse();
		assertThatExceptionOfType(SqlStatementFailedException.class).isThrownBy(() -> apply(migration))
			.satisfies((ex) -> {
				assertThat(ex.getLine()).isEqualTo(2);
				assertThat(ex.getStatementsRun()).isOne();
				assertThat(ex.isRolledBack()).isFalse();
				assertThat(ex.getMessage()).endsWith(
						"1 statement of the file ran before it and stays committed: the file runs without a transaction");
			});
		assertThat(new JdbcTemplate(database().dataSource()).queryForList(
				"SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'indexed'",
				String.class))
			.containsExactly("indexed_x");
	}

	@Test
	void aStatementThatCannotRunInATransactionHereIsRefusedBeforeAnythingRuns() throws IOException {
		Assumptions.assumeTrue(database().concurrentIndexBuilds(), "no concurrent index builds");
		Path location = Files.createDirectories(this.temp.resolve("migrations"));
		Files.writeString(location.resolve("V1__index.sql"),
				"CREATE TABLE indexed (x INT);\nCREATE INDEX CONCURRENTLY indexed_x ON indexed (x);");
		// Read as standard SQL, run on PostgreSQL
		Migration migration = new SqlMigrationSource(new DefaultResourceLoader(), DatabaseDriver.UNKNOWN,
				settings("filesystem:" + location, Map.of()))
			.migrations()
			.get(0)
			.migration();
		assertThat(migration.transactional()).isTrue();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> apply(migration))
			.withMessageContaining("the statement on line 2 cannot run in a transaction on POSTGRESQL "
					+ "(CREATE INDEX CONCURRENTLY indexed_x ON indexed (x)); nothing of the file ran");
		assertThat(new JdbcTemplate(database().dataSource())
			.queryForList("SELECT table_name FROM information_schema.tables WHERE table_name = 'indexed'")).isEmpty();
	}

	private void apply(Migration migration) {
		apply(migration::migrate, migration.transactional());
	}

	private void apply(Body body, boolean transactional) {
		if (transactional) {
			new TransactionTemplate(new DataSourceTransactionManager(database().dataSource()))
				.executeWithoutResult((status) -> call(body));
		}
		else {
			call(body);
		}
	}

	private void call(Body body) {
		try {
			body.run(context());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MigrationContext context() {
		return new Context(new JdbcTemplate(database().dataSource()), driver());
	}

	private DatabaseDriver driver() {
		return DatabaseDriver.fromJdbcUrl(database().url());
	}

	private SqlMigrationSource source(Settings settings) {
		return new SqlMigrationSource(new DefaultResourceLoader(), driver(), settings);
	}

	private static Settings settings(String location, Map<String, String> placeholders) {
		return new Settings(List.of(location), List.of(), placeholders, true, false);
	}

	/**
	 * What a migration does, given its context.
	 */
	@FunctionalInterface
	private interface Body {

		void run(MigrationContext context) throws Exception;

	}

	private record Script(String name, Map<String, String> results) {

	}

	private record Context(JdbcTemplate jdbc, DatabaseDriver database) implements MigrationContext {

		@Override
		public JdbcClient jdbcClient() {
			return JdbcClient.create(this.jdbc);
		}

		@Override
		public SchemaInspector schema() {
			throw new UnsupportedOperationException("Scripts do not inspect the schema");
		}

		@Override
		public void skip(String reason) {
			throw new UnsupportedOperationException("Scripts do not skip");
		}

	}

}
