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
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.internal.sql.SqlStatement.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link SqlSplitter}: realistic scripts of each database family, and the
 * corners of their lexical rules.
 *
 * @author the bootmigrate authors
 */
class SqlSplitterTests {

	@Test
	void splitsAPostgresScriptWithDollarQuotedBodiesAtomicBodiesRulesAndEscapeStrings() {
		List<SqlStatement> statements = SqlSplitter.split(script("postgresql.sql"), SqlSyntax.POSTGRESQL);
		assertThat(statements).extracting(SqlStatement::line, (statement) -> firstLine(statement.sql()))
			.containsExactly(tuple(3, "CREATE TABLE account ("), tuple(10, "CREATE TABLE account_audit ("),
					tuple(16, "CREATE FUNCTION account_touch() RETURNS trigger"),
					tuple(27, "CREATE TRIGGER account_touch BEFORE INSERT OR UPDATE ON account"),
					tuple(30, "CREATE FUNCTION add_one(integer) RETURNS integer AS $$"),
					tuple(34, "CREATE FUNCTION greeting(who text) RETURNS text"),
					tuple(40, "CREATE RULE account_audit_protect AS ON DELETE TO account_audit DO INSTEAD ("),
					tuple(45,
							"INSERT INTO account (id, name, note) VALUES (1, 'a;b', E'line\\nbreak; it\\'s \\\\ fine')"),
					tuple(46, "INSERT INTO account (id, name, note) VALUES (2, 'costs $$; and $tag$', 'back\\slash')"),
					tuple(47, "SET standard_conforming_strings = off"),
					tuple(48, "INSERT INTO account (id, name, note) VALUES (3, 'old\\'style; string', 'x')"),
					tuple(49, "SET standard_conforming_strings = on"),
					tuple(50, "INSERT INTO \"account\" (\"id\", \"name\") VALUES (4, greeting(NULL))"));
		assertThat(statements.get(2).sql()).endsWith("END;\n$body$");
		assertThat(statements.get(4).sql()).endsWith("$$ LANGUAGE sql");
		assertThat(statements.get(5).sql()).endsWith("    END");
		assertThat(statements.get(6).sql()).endsWith("NOTIFY account_audit_changes;\n)");
		assertThat(statements).extracting(SqlStatement::kind).containsOnly(Kind.TRANSACTIONAL);
	}

	@Test
	void splitsAMariaDbScriptWithDelimiterCommandsRoutineBodiesAndBackslashEscapes() {
		List<SqlStatement> statements = SqlSplitter.split(script("mariadb.sql"), SqlSyntax.MYSQL);
		assertThat(statements).extracting(SqlStatement::line, (statement) -> firstLine(statement.sql()))
			.containsExactly(tuple(3, "/*!40101 SET NAMES utf8mb4 */"), tuple(4, "CREATE TABLE account ("),
					tuple(9, "CREATE TABLE `account_audit` (`account_id` BIGINT, `detail` VARCHAR(200))"),
					tuple(12, "CREATE PROCEDURE add_account(IN p_id BIGINT, IN p_name VARCHAR(100))"),
					tuple(23, "CREATE FUNCTION double_it(x INT) RETURNS INT DETERMINISTIC"),
					tuple(30, "CREATE TRIGGER account_deleted AFTER DELETE ON account"),
					tuple(39, "CALL add_account(1, 'a;b')"), tuple(40, "CALL add_account(2, NULL)"),
					tuple(41, "INSERT INTO account_audit VALUES (3, CONCAT('minus minus is not a comment: ', 5--1))"),
					tuple(42, "DELETE FROM account WHERE id = 2"),
					tuple(43, "INSERT INTO account_audit VALUES (4, double_it(21))"));
		assertThat(statements.get(3).sql())
			.endsWith("INSERT INTO account_audit VALUES (p_id, CONCAT('added;', p_name));\nEND");
		assertThat(statements.get(4).sql()).endsWith("RETURN y;\nEND");
		assertThat(statements.get(5).sql()).endsWith("END WHILE;\nEND");
	}

	@Test
	void splitsAnH2ScriptWithJavaSourceInDollarQuotesAndSlashSlashComments() {
		List<SqlStatement> statements = SqlSplitter.split(script("h2.sql"), SqlSyntax.H2);
		assertThat(statements).extracting(SqlStatement::line, (statement) -> firstLine(statement.sql()))
			.containsExactly(tuple(4, "CREATE TABLE account ("),
					tuple(9, "CREATE TABLE \"account audit\" (\"account id\" BIGINT, detail VARCHAR(200))"),
					tuple(10, "CREATE ALIAS REVERSE_TEXT AS $$"),
					tuple(16, "INSERT INTO account (id, name) VALUES (1, 'a;b')"),
					tuple(17, "INSERT INTO \"account audit\" VALUES (1, REVERSE_TEXT('dlrow olleh'))"));
		assertThat(statements.get(2).sql()).endsWith("}\n$$");
	}

	@Test
	void splitsAnSqliteScriptWithATriggerBody() {
		List<SqlStatement> statements = SqlSplitter.split(script("sqlite.sql"), SqlSyntax.SQLITE);
		assertThat(statements).extracting(SqlStatement::line, (statement) -> firstLine(statement.sql()))
			.containsExactly(tuple(2,
					"CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT, [select] TEXT, `note` TEXT DEFAULT 'it''s; fine')"),
					tuple(3, "CREATE TABLE audit (account_id INTEGER, detail TEXT)"),
					tuple(4, "CREATE TRIGGER account_added AFTER INSERT ON account"),
					tuple(9, "INSERT INTO account (id, name) VALUES (1, 'a;b')"));
		assertThat(statements.get(2).sql()).endsWith("WHERE id = new.id;\nEND");
	}

	@Test
	void anEmptyScriptHasNoStatements() {
		for (SqlSyntax syntax : SqlSyntax.values()) {
			assertThat(SqlSplitter.split("", syntax)).isEmpty();
			assertThat(SqlSplitter.split(" \n\t\r\n", syntax)).isEmpty();
		}
	}

	@Test
	void aScriptOfOnlyCommentsHasNoStatements() {
		String comments = """
				-- CREATE TABLE a (id int);
				/* CREATE TABLE b (id int); */

				-- the end;
				""";
		for (SqlSyntax syntax : SqlSyntax.values()) {
			assertThat(SqlSplitter.split(comments, syntax)).isEmpty();
		}
		assertThat(SqlSplitter.split("# CREATE TABLE a (id int);\n", SqlSyntax.MYSQL)).isEmpty();
		assertThat(SqlSplitter.split("// CREATE TABLE a (id int);\n", SqlSyntax.H2)).isEmpty();
	}

	@Test
	void emptyStatementsAreDropped() {
		assertThat(SqlSplitter.split(";;\nSELECT 1;;\n;", SqlSyntax.STANDARD)).extracting(SqlStatement::sql)
			.containsExactly("SELECT 1");
	}

	@Test
	void aLastStatementWithoutDelimiterIsKept() {
		assertThat(SqlSplitter.split("SELECT 1;\nSELECT 2 -- no delimiter", SqlSyntax.STANDARD))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT 1", "SELECT 2 -- no delimiter");
	}

	@Test
	void commentsBeforeAStatementAreNotPartOfIt() {
		assertThat(SqlSplitter.split("-- first; comment\n/* second; */ SELECT 1 /* inside; */;", SqlSyntax.STANDARD))
			.extracting(SqlStatement::sql, SqlStatement::line)
			.containsExactly(tuple("SELECT 1 /* inside; */", 2));
	}

	@Test
	void blockCommentsNestOnPostgresAndH2Only() {
		String script = "/* outer /* inner; */ SELECT 1; */ SELECT 2;";
		assertThat(SqlSplitter.split(script, SqlSyntax.POSTGRESQL)).extracting(SqlStatement::sql)
			.containsExactly("SELECT 2");
		assertThat(SqlSplitter.split(script, SqlSyntax.H2)).extracting(SqlStatement::sql).containsExactly("SELECT 2");
		assertThat(SqlSplitter.split(script, SqlSyntax.STANDARD)).extracting(SqlStatement::sql)
			.containsExactly("SELECT 1", "*/ SELECT 2");
	}

	@Test
	void dollarQuotesWithTagsOnPostgres() {
		String script = """
				DO $outer$
				BEGIN
				  EXECUTE $inner$SELECT 'a;b'$inner$;
				  PERFORM $$;$$;
				END
				$outer$;
				SELECT $1::text, $2;
				SELECT a$b FROM t$;
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.POSTGRESQL)).extracting(SqlStatement::line)
			.containsExactly(1, 7, 8);
	}

	@Test
	void dollarQuotesAreOnlyUntaggedOnH2AndPlainCharactersElsewhere() {
		assertThat(SqlSplitter.split("SELECT $$a;b$$; SELECT $x$a;", SqlSyntax.H2)).extracting(SqlStatement::sql)
			.containsExactly("SELECT $$a;b$$", "SELECT $x$a");
		assertThat(SqlSplitter.split("SELECT $$a;b$$;", SqlSyntax.MYSQL)).extracting(SqlStatement::sql)
			.containsExactly("SELECT $$a", "b$$");
	}

	@Test
	void escapeStringsOnPostgres() {
		assertThat(SqlSplitter.split("SELECT E'it\\'s; fine', e'\\\\'; SELECT 'it''s; fine', 'x\\';",
				SqlSyntax.POSTGRESQL))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT E'it\\'s; fine', e'\\\\'", "SELECT 'it''s; fine', 'x\\'");
	}

	@Test
	void backslashesEscapeInStringsAfterStandardConformingStringsIsOffOnPostgres() {
		String script = """
				SELECT 'a\\';
				SET SESSION standard_conforming_strings TO 'off';
				SELECT 'b\\'; c';
				RESET standard_conforming_strings;
				SELECT 'd\\';
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.POSTGRESQL)).extracting(SqlStatement::line)
			.containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void backslashesEscapeInBothQuotesOnMySql() {
		assertThat(SqlSplitter.split("SELECT 'a\\'; b', \"c\\\"; d\"; SELECT `e;f`;", SqlSyntax.MYSQL))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT 'a\\'; b', \"c\\\"; d\"", "SELECT `e;f`");
	}

	@Test
	void dashDashStartsACommentOnMySqlOnlyBeforeABlank() {
		assertThat(SqlSplitter.split("SELECT 5--1;\nSELECT 1 -- one; two\n;", SqlSyntax.MYSQL))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT 5--1", "SELECT 1 -- one; two");
	}

	@Test
	void executableCommentsAreStatementsOnMySql() {
		String script = """
				/*!40101 SET @saved_cs_client = @@character_set_client */;
				/* a comment; */
				/*M!100101 SET @x = 1 */;
				/*!50003 CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @y = 1; END */;
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.MYSQL)).extracting(SqlStatement::line).containsExactly(1, 3, 4);
	}

	@Test
	void delimiterCommandsChangeTheDelimiterOnMySql() {
		String script = """
				delimiter $$
				CREATE PROCEDURE p()
				BEGIN
				  SELECT 1;
				  SELECT 2;
				END$$
				DELIMITER ;;
				CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @y = 1; END;;
				DELIMITER ;
				SELECT 3;
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.MYSQL)).extracting(SqlStatement::line, SqlStatement::sql)
			.containsExactly(tuple(2, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND"),
					tuple(8, "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @y = 1; END"),
					tuple(10, "SELECT 3"));
	}

	@Test
	void routineBodiesWithNestedBlocksOnMySqlWithoutDelimiterCommands() {
		String script = """
				CREATE DEFINER=`root`@`%` PROCEDURE p(IN n INT)
				main: BEGIN
				  DECLARE i INT DEFAULT 0;
				  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN SET @failed = 1; END;
				  CASE n WHEN 0 THEN SELECT 0; ELSE SELECT 1; END CASE;
				  loop1: LOOP
				    SET i = i + 1;
				    IF i > n THEN LEAVE loop1; END IF;
				  END LOOP loop1;
				  REPEAT SET i = i - 1; UNTIL i = 0 END REPEAT;
				END main;
				BEGIN NOT ATOMIC
				  SELECT 1;
				END;
				BEGIN;
				COMMIT;
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.MYSQL)).extracting(SqlStatement::line)
			.containsExactly(1, 12, 15, 16);
	}

	@Test
	void routineBodiesOnStandardSql() {
		String script = """
				CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO a VALUES (1); INSERT INTO a VALUES (2); END;
				CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN ATOMIC UPDATE b SET n = n + 1; END;
				CREATE TABLE c (function_name VARCHAR(10));
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.STANDARD)).extracting(SqlStatement::line)
			.containsExactly(1, 2, 3);
	}

	@Test
	void bracketsQuoteIdentifiersOnSqlite() {
		assertThat(SqlSplitter.split("SELECT [a;b] FROM t; SELECT 2;", SqlSyntax.SQLITE)).extracting(SqlStatement::sql)
			.containsExactly("SELECT [a;b] FROM t", "SELECT 2");
	}

	@Test
	void linesAreCountedWithAnyLineBreak() {
		assertThat(SqlSplitter.split("SELECT 1;\r\nSELECT 2;\rSELECT\n'3\n';\nSELECT 4;", SqlSyntax.STANDARD))
			.extracting(SqlStatement::line)
			.containsExactly(1, 2, 3, 6);
	}

	@Test
	void statementsThatCannotRunInATransactionOnPostgres() {
		String script = """
				CREATE INDEX CONCURRENTLY a_x ON a (x);
				CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS a_y ON a (y);
				DROP INDEX CONCURRENTLY IF EXISTS a_x;
				REINDEX TABLE CONCURRENTLY a;
				REINDEX (VERBOSE) DATABASE test;
				REINDEX SCHEMA public;
				VACUUM (ANALYZE) a;
				ALTER SYSTEM SET work_mem = '64MB';
				CREATE DATABASE other;
				DROP DATABASE IF EXISTS other;
				CREATE TABLESPACE fast LOCATION '/fast';
				DISCARD ALL;
				ALTER TYPE mood ADD VALUE 'happy';
				ALTER TYPE public."Mood" ADD VALUE IF NOT EXISTS 'sad' BEFORE 'happy';
				COPY a (x, y, z, t, u, v, w) FROM stdin;
				CREATE INDEX a_z ON a (z);
				REINDEX TABLE a;
				ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
				COPY a TO STDOUT;
				CREATE TABLE concurrently (x int);
				""";
		assertThat(SqlSplitter.split(script, SqlSyntax.POSTGRESQL)).extracting(SqlStatement::kind)
			.containsExactly(Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL,
					Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL,
					Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL,
					Kind.NON_TRANSACTIONAL, Kind.ADD_ENUM_VALUE, Kind.ADD_ENUM_VALUE, Kind.COPY_FROM_STDIN,
					Kind.TRANSACTIONAL, Kind.TRANSACTIONAL, Kind.TRANSACTIONAL, Kind.TRANSACTIONAL, Kind.TRANSACTIONAL);
	}

	@Test
	void vacuumCannotRunInATransactionOnSqliteAndEverythingCanOnMySqlAndH2() {
		assertThat(SqlSplitter.split("VACUUM;", SqlSyntax.SQLITE)).extracting(SqlStatement::kind)
			.containsExactly(Kind.NON_TRANSACTIONAL);
		String script = "CREATE DATABASE other; CREATE INDEX CONCURRENTLY a ON b (c); VACUUM;";
		assertThat(SqlSplitter.split(script, SqlSyntax.MYSQL)).extracting(SqlStatement::kind)
			.containsOnly(Kind.TRANSACTIONAL);
		assertThat(SqlSplitter.split(script, SqlSyntax.H2)).extracting(SqlStatement::kind)
			.containsOnly(Kind.TRANSACTIONAL);
	}

	@Test
	void unterminatedStringIsAProblemAtItsLine() {
		assertThatExceptionOfType(ScriptProblem.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1;\nSELECT 'abc;\nSELECT 2;", SqlSyntax.STANDARD))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessage("the string that starts on line 2 is not closed (')");
	}

	@Test
	void unterminatedDollarQuoteIsAProblemAtItsLine() {
		assertThatExceptionOfType(ScriptProblem.class)
			.isThrownBy(() -> SqlSplitter.split("\n\nDO $body$ BEGIN END $bdy$;", SqlSyntax.POSTGRESQL))
			.withMessage("the dollar-quoted string that starts on line 3 is not closed ($body$)");
	}

	@Test
	void unterminatedCommentIsAProblemAtItsLine() {
		assertThatExceptionOfType(ScriptProblem.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1; /* a /* b */", SqlSyntax.POSTGRESQL))
			.withMessage("the comment that starts on line 1 is not closed (*/)");
	}

	@Test
	void delimiterCommandWithoutADelimiterIsAProblem() {
		assertThatExceptionOfType(ScriptProblem.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1;\nDELIMITER\nSELECT 2;", SqlSyntax.MYSQL))
			.withMessageStartingWith("the DELIMITER command on line 2 has no delimiter");
	}

	private static String firstLine(String sql) {
		int end = sql.indexOf('\n');
		return (end < 0) ? sql : sql.substring(0, end);
	}

	static String script(String name) {
		try (InputStream input = SqlSplitterTests.class.getResourceAsStream("scripts/" + name)) {
			assertThat(input).as(name).isNotNull();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
