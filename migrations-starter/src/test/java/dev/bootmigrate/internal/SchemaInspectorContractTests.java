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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.ColumnInfo;
import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.SchemaInspector;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@link SchemaInspector} answers on every supported database, asked directly and
 * from inside migrations through {@link MigrationContext#schema()}.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class SchemaInspectorContractTests extends AbstractTestDatabaseTests {

	private final List<String> steps = new CopyOnWriteArrayList<>();

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database().dataSource());
	}

	private SchemaInspector inspector() {
		JdbcTemplate jdbc = jdbc();
		return new DefaultSchemaInspector(jdbc, jdbc.execute((ConnectionCallback<Dialect>) Dialect::of));
	}

	private void execute(String... statements) {
		for (String statement : statements) {
			database().execute(statement);
		}
	}

	private boolean sqlFinds(String query) {
		try {
			jdbc().queryForList(query);
			return true;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

	private void createUsers() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, "
				+ "name VARCHAR(50) DEFAULT 'anonymous', age INT, nickname VARCHAR(20) DEFAULT NULL)");
	}

	@Test
	void tableExistsForATableButNotForAViewOrAMissingTable() {
		createUsers();
		execute("CREATE VIEW active_users AS SELECT id, email FROM users");
		SchemaInspector inspector = inspector();
		assertThat(inspector.tableExists("users")).isTrue();
		assertThat(inspector.tableExists("active_users")).isFalse();
		assertThat(inspector.tableExists("accounts")).isFalse();
	}

	@Test
	void viewExistsForAViewButNotForATableOrAMissingView() {
		createUsers();
		execute("CREATE VIEW active_users AS SELECT id, email FROM users");
		SchemaInspector inspector = inspector();
		assertThat(inspector.viewExists("active_users")).isTrue();
		assertThat(inspector.viewExists("users")).isFalse();
		assertThat(inspector.viewExists("inactive_users")).isFalse();
	}

	@Test
	void columnExistsForAColumnOfTheTableOnly() {
		createUsers();
		execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
		SchemaInspector inspector = inspector();
		assertThat(inspector.columnExists("users", "email")).isTrue();
		assertThat(inspector.columnExists("users", "total")).isFalse();
		assertThat(inspector.columnExists("users", "username")).isFalse();
		assertThat(inspector.columnExists("accounts", "email")).isFalse();
	}

	@Test
	void columnDescribesTypeSizeNullabilityAndDefault() {
		createUsers();
		SchemaInspector inspector = inspector();
		assertThat(inspector.column("users", "email")).hasValueSatisfying((email) -> {
			assertThat(email.name()).isEqualToIgnoringCase("email");
			assertThat(email.typeName()).matches("(?i)varchar|character varying");
			assertThat(email.size()).isEqualTo(100);
			assertThat(email.nullable()).isFalse();
			assertThat(email.defaultValue()).isNull();
		});
		assertThat(inspector.column("users", "name")).hasValueSatisfying((name) -> {
			assertThat(name.size()).isEqualTo(50);
			assertThat(name.nullable()).isTrue();
			assertThat(name.defaultValue()).startsWith("'anonymous'");
		});
		assertThat(inspector.column("users", "age")).hasValueSatisfying((age) -> {
			assertThat(age.typeName()).isNotEqualTo(inspector.column("users", "email").get().typeName());
			assertThat(age.defaultValue()).isNull();
		});
		assertThat(inspector.column("users", "nickname")).map(ColumnInfo::defaultValue).isEmpty();
	}

	@Test
	void columnIsEmptyForAMissingColumnOrTable() {
		createUsers();
		SchemaInspector inspector = inspector();
		assertThat(inspector.column("users", "username")).isEmpty();
		assertThat(inspector.column("accounts", "email")).isEmpty();
	}

	@Test
	void indexExistsForAnIndexOfTheTableOnly() {
		createUsers();
		execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)", "CREATE INDEX users_email_idx ON users (email)",
				"CREATE INDEX orders_total_idx ON orders (total)");
		SchemaInspector inspector = inspector();
		assertThat(inspector.indexExists("users", "users_email_idx")).isTrue();
		assertThat(inspector.indexExists("users", "orders_total_idx")).isFalse();
		assertThat(inspector.indexExists("users", "users_name_idx")).isFalse();
		assertThat(inspector.indexExists("accounts", "users_email_idx")).isFalse();
	}

	@Test
	void uniqueConstraintExistsForExactlyTheColumnsOfAUniqueConstraintIndexOrPrimaryKey() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, tenant_id INT NOT NULL, email VARCHAR(100) NOT NULL, "
				+ "code VARCHAR(10) NOT NULL, name VARCHAR(50), CONSTRAINT users_code_key UNIQUE (code))",
				"CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, email)",
				"CREATE INDEX users_name_idx ON users (name)");
		SchemaInspector inspector = inspector();
		assertThat(inspector.uniqueConstraintExists("users", "code")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "tenant_id", "email")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "email", "tenant_id")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "id")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "email")).isFalse();
		assertThat(inspector.uniqueConstraintExists("users", "tenant_id", "email", "code")).isFalse();
		assertThat(inspector.uniqueConstraintExists("users", "name")).isFalse();
		assertThat(inspector.uniqueConstraintExists("accounts", "code")).isFalse();
	}

	@Test
	void uniqueConstraintExistsNotForAPartialUniqueIndex() {
		assumeTrue(database().partialIndexes(), "the database has no partial indexes");
		execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100), active INT)",
				"CREATE UNIQUE INDEX users_active_email_key ON users (email) WHERE active = 1");
		SchemaInspector inspector = inspector();
		assertThat(inspector.indexExists("users", "users_active_email_key")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "email")).isFalse();
	}

	@Test
	void foreignKeyExistsForExactlyItsColumnsAndReferencedTable() {
		createUsers();
		execute("CREATE TABLE regions (country VARCHAR(2) NOT NULL, code VARCHAR(10) NOT NULL, "
				+ "PRIMARY KEY (country, code))",
				"CREATE TABLE offices (id INT PRIMARY KEY, country VARCHAR(2), region VARCHAR(10), manager_id INT, "
						+ "deputy_id INT, CONSTRAINT offices_region_fk FOREIGN KEY (country, region) "
						+ "REFERENCES regions (country, code), CONSTRAINT offices_manager_fk FOREIGN KEY (manager_id) "
						+ "REFERENCES users (id), CONSTRAINT offices_deputy_fk FOREIGN KEY (deputy_id) "
						+ "REFERENCES users (id))");
		SchemaInspector inspector = inspector();
		assertThat(inspector.foreignKeyExists("offices", List.of("manager_id"), "users")).isTrue();
		assertThat(inspector.foreignKeyExists("offices", List.of("deputy_id"), "users")).isTrue();
		assertThat(inspector.foreignKeyExists("offices", List.of("country", "region"), "regions")).isTrue();
		assertThat(inspector.foreignKeyExists("offices", List.of("region", "country"), "regions")).isTrue();
		assertThat(inspector.foreignKeyExists("offices", List.of("manager_id", "deputy_id"), "users")).isFalse();
		assertThat(inspector.foreignKeyExists("offices", List.of("region"), "regions")).isFalse();
		assertThat(inspector.foreignKeyExists("offices", List.of("manager_id"), "regions")).isFalse();
		assertThat(inspector.foreignKeyExists("users", List.of("id"), "offices")).isFalse();
		assertThat(inspector.foreignKeyExists("accounts", List.of("manager_id"), "users")).isFalse();
	}

	@Test
	void schemaExistsForAnExistingSchemaOnly() {
		assumeTrue(database().schemas(), "the database has no schemas");
		String other = database().newSchemaName("other");
		execute("CREATE SCHEMA " + other);
		SchemaInspector inspector = inspector();
		assertThat(inspector.schemaExists(other)).isTrue();
		assertThat(inspector.schemaExists(database().schema())).isTrue();
		assertThat(inspector.schemaExists(database().newSchemaName("missing"))).isFalse();
	}

	@Test
	void whatIsInAnotherSchemaIsNotSeen() {
		assumeTrue(database().schemas(), "the database has no schemas");
		String other = database().newSchemaName("other");
		execute("CREATE SCHEMA " + other,
				"CREATE TABLE " + other + ".users (id INT PRIMARY KEY, extra INT, "
						+ "CONSTRAINT other_users_extra_key UNIQUE (extra))",
				"CREATE TABLE " + other + ".hidden (id INT PRIMARY KEY)",
				"CREATE VIEW " + other + ".hidden_view AS SELECT id FROM " + other + ".hidden",
				"CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, CONSTRAINT orders_user_fk "
						+ "FOREIGN KEY (user_id) REFERENCES " + other + ".users (id))");
		createUsers();
		SchemaInspector inspector = inspector();
		assertThat(inspector.tableExists("hidden")).isFalse();
		assertThat(inspector.viewExists("hidden_view")).isFalse();
		assertThat(inspector.columnExists("users", "extra")).isFalse();
		assertThat(inspector.uniqueConstraintExists("users", "extra")).isFalse();
		assertThat(inspector.foreignKeyExists("orders", List.of("user_id"), "users")).isFalse();
	}

	@Test
	void namesFindWhatTheSameUnquotedNamesFindInSqlWhateverTheirCase() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, user_name VARCHAR(50))",
				"CREATE TABLE Accounts (id INT PRIMARY KEY, owner_id INT, "
						+ "CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id))",
				"CREATE INDEX users_name_idx ON users (user_name)", "CREATE VIEW active_users AS SELECT id FROM users");
		SchemaInspector inspector = inspector();
		for (String table : List.of("users", "USERS", "Users", "accounts", "ACCOUNTS", "Accounts")) {
			assertThat(inspector.tableExists(table)).as(table).isEqualTo(sqlFinds("SELECT id FROM " + table));
		}
		for (String view : List.of("active_users", "ACTIVE_USERS", "Active_Users")) {
			assertThat(inspector.viewExists(view)).as(view).isEqualTo(sqlFinds("SELECT id FROM " + view));
		}
		assertThat(inspector.tableExists("users")).isTrue();
		assertThat(inspector.viewExists("active_users")).isTrue();
		// Column, index and constraint names are case-insensitive on every database
		assertThat(inspector.columnExists("users", "USER_NAME")).isTrue();
		assertThat(inspector.column("users", "User_Name")).map(ColumnInfo::name)
			.hasValueSatisfying((name) -> assertThat(name).isEqualToIgnoringCase("user_name"));
		assertThat(inspector.indexExists("users", "Users_Name_Idx")).isTrue();
		assertThat(inspector.uniqueConstraintExists("users", "ID")).isTrue();
		assertThat(inspector.foreignKeyExists("Accounts", List.of("OWNER_ID"), "users")).isTrue();
	}

	@Test
	void aNameIsNeverAPattern() {
		execute("CREATE TABLE userxroles (id INT PRIMARY KEY, nxme VARCHAR(10))",
				"CREATE INDEX userxroles_nxme_idx ON userxroles (nxme)");
		SchemaInspector inspector = inspector();
		assertThat(inspector.tableExists("user_roles")).isFalse();
		assertThat(inspector.tableExists("user%")).isFalse();
		assertThat(inspector.columnExists("userxroles", "n_me")).isFalse();
		assertThat(inspector.columnExists("user_roles", "nxme")).isFalse();
		assertThat(inspector.indexExists("user_roles", "userxroles_nxme_idx")).isFalse();
		assertThat(inspector.indexExists("userxroles", "userxroles_n_me_idx")).isFalse();
	}

	@Test
	void refusesBlankNames() {
		SchemaInspector inspector = inspector();
		assertThatIllegalArgumentException().isThrownBy(() -> inspector.tableExists(" "))
			.withMessage("The table name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> inspector.column("users", ""))
			.withMessage("The column name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> inspector.uniqueConstraintExists("users"))
			.withMessage("At least one column name is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> inspector.foreignKeyExists("orders", List.of("user_id"), ""))
			.withMessage("The referenced table name must not be empty");
	}

	@Test
	void aMigrationChecksTheSchemaOnItsOwnTransactionAndDoesWhatIsMissing() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)",
				"INSERT INTO users (id, email) VALUES (1, 'Ada@example.com')",
				"INSERT INTO users (id, email) VALUES (2, 'Alan@example.com')");
		MigrateResult result = migrate(Migration.of("1", "Add username", this::addUsername));
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1");
		assertThat(this.steps).containsExactly("added column", "added unique index", "sees both");
		assertThat(jdbc().queryForList("SELECT username FROM users ORDER BY id", String.class))
			.containsExactly("ada@example.com", "alan@example.com");
		assertThat(inspector().uniqueConstraintExists("users", "username")).isTrue();
	}

	@Test
	void aMigrationFindsWhatWasDoneBeforeItAndDoesNothingAgain() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, username VARCHAR(100))",
				"CREATE UNIQUE INDEX users_username_idx ON users (username)",
				"INSERT INTO users (id, email, username) VALUES (1, 'Ada@example.com', 'ada')");
		MigrateResult result = migrate(Migration.of("1", "Add username", this::addUsername));
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1");
		assertThat(this.steps).containsExactly("sees both");
		assertThat(jdbc().queryForList("SELECT username FROM users", String.class)).containsExactly("ada");
	}

	@Test
	void aNonTransactionalMigrationChecksTheSchemaOnItsOwnConnection() {
		execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)");
		MigrateResult result = migrate(MigratorContractTests.nonTransactional("1", "Add username", this::addUsername));
		assertThat(result.applied()).extracting(MigrationRef::version).containsExactly("1");
		assertThat(this.steps).containsExactly("added column", "added unique index", "sees both");
	}

	private MigrateResult migrate(Migration migration) {
		return TestEngines.engine(database().dataSource(), TestEngines.settings(Duration.ofSeconds(10), 0), migration)
			.migrate(null);
	}

	/**
	 * Add {@code users.username} where it is missing, fill it from the email and make it
	 * unique where it is not: what a team writes when a script or Hibernate may have done
	 * part of it already.
	 */
	private void addUsername(MigrationContext context) {
		SchemaInspector schema = context.schema();
		if (!schema.columnExists("users", "username")) {
			context.jdbc().execute("ALTER TABLE users ADD COLUMN username VARCHAR(100)");
			this.steps.add("added column");
		}
		context.jdbc().update("UPDATE users SET username = LOWER(email) WHERE username IS NULL");
		if (!schema.uniqueConstraintExists("users", "username")) {
			context.jdbc().execute("CREATE UNIQUE INDEX users_username_key ON users (username)");
			this.steps.add("added unique index");
		}
		// Before the transaction commits: only its own connection sees this on
		// PostgreSQL
		if (schema.columnExists("users", "username") && schema.uniqueConstraintExists("users", "username")) {
			this.steps.add("sees both");
		}
	}

}
