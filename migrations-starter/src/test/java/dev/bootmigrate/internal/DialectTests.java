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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link Dialect}: the dialect chosen from a real connection of each tested
 * database, and the generic one for a product that is not among them.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class DialectTests extends AbstractTestDatabaseTests {

	@Test
	void dialectOfTheConnectionMatchesTheDatabase() throws Exception {
		try (Connection connection = database().dataSource().getConnection()) {
			Dialect dialect = Dialect.of(connection);
			assertThat(dialect.productName()).isEqualTo(connection.getMetaData().getDatabaseProductName());
			assertThat(dialect.transactionalDdl()).isEqualTo(database().transactionalDdl());
			switch (dialect.driver()) {
				case H2 -> assertThat(dialect).isInstanceOf(H2Dialect.class);
				case POSTGRESQL -> assertThat(dialect).isInstanceOf(PostgresDialect.class);
				case MARIADB, MYSQL -> assertThat(dialect).isInstanceOf(MariaDbDialect.class);
				case SQLITE -> assertThat(dialect).isInstanceOf(SqliteDialect.class);
				default -> throw new AssertionError("Not a tested database: " + dialect);
			}
		}
	}

	@Test
	void lockOfTheDialectIsTheDatabasesOwn() throws Exception {
		try (Connection connection = database().dataSource().getConnection()) {
			Dialect dialect = Dialect.of(connection);
			DatabaseLock lock = dialect.lock(database().dataSource(), new HistoryTable(null, "schema_migrations"));
			assertThat(lock).isInstanceOf(switch (dialect.driver()) {
				case POSTGRESQL -> PostgresAdvisoryLock.class;
				case MARIADB, MYSQL -> MariaDbNamedLock.class;
				case SQLITE -> SqliteLockFile.class;
				default -> TableRowLock.class;
			});
		}
	}

	@Test
	void failuresOfTheDatabaseAreToldApartByItsDialect() throws Exception {
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			Dialect dialect = Dialect.of(connection);
			SQLException missingTable = catchThrowableOfType(SQLException.class,
					() -> statement.executeQuery("SELECT id FROM no_such_table"));
			assertThat(dialect.isTableNotFound(missingTable)).isTrue();
			assertThat(dialect.isColumnNotFound(missingTable)).isFalse();
			statement.execute("CREATE TABLE items (id INT NOT NULL PRIMARY KEY)");
			SQLException missingColumn = catchThrowableOfType(SQLException.class,
					() -> statement.executeQuery("SELECT no_such_column FROM items"));
			assertThat(dialect.isColumnNotFound(missingColumn)).isTrue();
			assertThat(dialect.isTableNotFound(missingColumn)).isFalse();
			statement.execute("INSERT INTO items (id) VALUES (1)");
			SQLException duplicate = catchThrowableOfType(SQLException.class,
					() -> statement.execute("INSERT INTO items (id) VALUES (1)"));
			assertThat(dialect.isDuplicateKey(duplicate)).isTrue();
			assertThat(dialect.isLockTimeout(duplicate)).isFalse();
		}
	}

	@Test
	void unknownProductGetsTheGenericDialectWithStandardSql() {
		Dialect dialect = Dialect.of("Acme SQL " + UUID.randomUUID());
		assertThat(dialect).isInstanceOf(GenericDialect.class);
		assertThat(dialect.driver()).isEqualTo(DatabaseDriver.UNKNOWN);
		assertThat(dialect.transactionalDdl()).isFalse();
		assertThat(dialect.timestampType()).isEqualTo("TIMESTAMP");
		assertThat(dialect.rowLockNoWait()).isFalse();
		assertThat(dialect.endSessionHint()).isNull();
		assertThat(dialect.grantCreateTable("app", "bob")).isEqualTo("GRANT CREATE ON SCHEMA app TO bob");
		assertThat(dialect.createSchemaOwnedBy("app", "bob")).isEqualTo("CREATE SCHEMA app AUTHORIZATION bob");
	}

	@Test
	void mysqlFamilyGetsTheMariaDbDialectWhichSaysWhenChosenThatItCannotRollBackDdl(CapturedOutput output) {
		for (String product : new String[] { "MariaDB", "MySQL" }) {
			Dialect dialect = Dialect.of(product);
			assertThat(dialect).isInstanceOf(MariaDbDialect.class);
			assertThat(dialect.transactionalDdl()).isFalse();
			assertThat(dialect.timestampType()).isEqualTo("DATETIME(6)");
			assertThat(dialect.endSessionHint()).contains("KILL QUERY <id>", "KILL <id>");
			assertThat(output).contains(product + " cannot roll back schema changes");
		}
		assertThat(Dialect.of("MySQL").driver()).isEqualTo(DatabaseDriver.MYSQL);
	}

	@Test
	void mariaDbDialectQuotesOnlyNamesThatAreNotPlainIdentifiers() {
		Dialect dialect = Dialect.of("MariaDB");
		assertThat(dialect.quoteIfNeeded("app")).isEqualTo("app");
		assertThat(dialect.quoteIfNeeded("my-app")).isEqualTo("`my-app`");
		assertThat(dialect.quoteIfNeeded("order")).isEqualTo("`order`");
		assertThat(dialect.quoteIfNeeded("odd`name")).isEqualTo("`odd``name`");
		assertThat(dialect.grantCreateTable("my-app", "'bob'@'%'"))
			.isEqualTo("GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `my-app`.* TO 'bob'@'%'");
	}

	@Test
	void genericDialectTakesTheStandardRowLockOnARealDatabase() throws Exception {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Dialect dialect = new GenericDialect(DatabaseDriver.UNKNOWN, "H2");
		DatabaseLock lock = dialect.lock(dataSource, new HistoryTable(null, "schema_migrations"));
		assertThat(lock).isInstanceOf(TableRowLock.class);
		try (DatabaseLock.Held held = lock.acquire(Duration.ofSeconds(5))) {
			assertThat(held.describe()).isEqualTo("row lock on schema_migrations_lock");
		}
	}

}
