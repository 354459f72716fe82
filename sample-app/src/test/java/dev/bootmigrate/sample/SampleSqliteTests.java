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
package dev.bootmigrate.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bootmigrate.testsupport.SqliteDatabase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on a SQLite database file, set only by {@code spring.datasource.url}:
 * its migrations rebuild the account table where SQLite's {@code ALTER TABLE} cannot
 * change a column.
 *
 * @author the bootmigrate authors
 */
class SampleSqliteTests {

	private final SqliteDatabase database = SqliteDatabase.create();

	@AfterEach
	void deleteDatabase() {
		this.database.close();
	}

	@Test
	void migratesANewDatabaseFileAndServesAccounts() {
		try (ConfigurableApplicationContext context = run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
				.containsExactly("1", "2", "3", "4", "5", "6");
			assertThat(notNull(jdbc)).containsEntry("username", true)
				.containsEntry("email", false)
				.containsEntry("settings", true);
			RestClient client = RestClient.create("http://localhost:" + port(context));
			ResponseEntity<String> created = client.post()
				.uri("/accounts")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("username", "ada"))
				.retrieve()
				.toEntity(String.class);
			assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(client.get().uri("/accounts/ada").retrieve().body(String.class))
				.contains("\"username\":\"ada\"");
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' " + "AND name = 'uk_account_username'",
					Integer.class))
				.isOne();
		}
	}

	@Test
	void upgradesALegacyDatabaseFileAndThenFindsItUpToDate() {
		JdbcTemplate legacy = new JdbcTemplate(this.database.dataSource());
		legacy.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL, "
				+ "created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
		legacy.execute("CREATE INDEX account_email ON account (email)");
		legacy.update(
				"INSERT INTO account (email) VALUES ('ada@example.com'), ('alan@example.com'), " + "('ADA@other.org')");
		try (ConfigurableApplicationContext context = run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT username FROM account ORDER BY id", String.class))
				.containsExactly("ada", "alan", "ada2");
			assertThat(notNull(jdbc)).containsEntry("username", true)
				.containsEntry("email", false)
				.containsEntry("settings", true);
			assertThat(jdbc.queryForList(
					"SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL " + "ORDER BY name",
					String.class))
				.as("indexes kept through the rebuilds")
				.containsExactly("account_email", "uk_account_username");
		}
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM schema_migrations", Integer.class)).isEqualTo(6);
		}
	}

	@Test
	void rollbackRevertsTheNewestMigrations() {
		run().close();
		try (ConfigurableApplicationContext rollback = run("--migrations.command=rollback", "--migrations.target=3",
				"--migrations.exit-after-command=false")) {
			assertThat(SpringApplication.exit(rollback)).isZero();
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2", "3");
		assertThat(notNull(jdbc)).doesNotContainKey("settings")
			.containsEntry("email", true)
			.containsEntry("username", true);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'uk_account_username'",
				Integer.class))
			.isZero();
	}

	private static Map<String, Boolean> notNull(JdbcTemplate jdbc) {
		Map<String, Boolean> columns = new HashMap<>();
		jdbc.query("SELECT name, \"notnull\" FROM pragma_table_info('account')",
				(RowCallbackHandler) (row) -> columns.put(row.getString(1), row.getInt(2) == 1));
		return columns;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private ConfigurableApplicationContext run(String... extra) {
		List<String> args = new ArrayList<>();
		args.add("--spring.datasource.url=" + this.database.url());
		args.add("--server.port=0");
		args.addAll(List.of(extra));
		return SpringApplication.run(SampleApplication.class, args.toArray(new String[0]));
	}

}
