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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.sample.jobs.AccountDigestJob;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sample app on its default embedded H2 database.
 *
 * @author the bootmigrate authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.digest-rate=100ms")
class SampleApplicationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	@Autowired
	private AccountDigestJob digest;

	@Test
	void migrationsAreAppliedInOrderAndRecorded() {
		assertThat(this.jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("1", "2", "3", "4", "5", "6");
	}

	@Test
	void legacyAccountsGotUniqueUsernamesFromTheirEmail() {
		assertThat(this.jdbc.queryForList("SELECT username FROM account ORDER BY id", String.class)).startsWith("ada",
				"grace.hopper", "ada2");
	}

	@Test
	void usernameIsRequiredAndUniqueAndEmailIsOptional() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("INSERT INTO account (email, created_at) VALUES ('x@y.z', NOW())"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("INSERT INTO account (username, created_at) VALUES ('ada', NOW())"));
		assertThat(this.jdbc.update("INSERT INTO account (username, created_at) VALUES ('no.email', NOW())")).isOne();
		assertThat(this.jdbc.queryForObject("SELECT settings FROM account WHERE username = 'no.email'", String.class))
			.isEqualTo("{}");
		this.jdbc.update("DELETE FROM account WHERE username = 'no.email'");
	}

	@Test
	void scheduledDigestReadsTheMigratedColumns() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.digest.runs() >= 2);
	}

	@Test
	@SuppressWarnings("rawtypes")
	void apiServesAccountsByUsername() {
		RestClient rest = RestClient.create("http://localhost:" + this.port);
		ResponseEntity<Map> created = rest.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "linus", "email", "linus@example.com"))
			.retrieve()
			.toEntity(Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(rest.get().uri("/accounts/linus").retrieve().body(Map.class)).containsEntry("email",
				"linus@example.com");
		assertThat(rest.get().uri("/accounts").retrieve().body(List.class)).hasSizeGreaterThanOrEqualTo(4);
		this.jdbc.update("DELETE FROM account WHERE username = 'linus'");
	}

}
