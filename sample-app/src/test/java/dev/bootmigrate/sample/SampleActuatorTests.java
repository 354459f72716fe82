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

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with its {@code actuator} profile, which exposes the {@code migrations}
 * endpoint.
 *
 * @author the bootmigrate authors
 */
class SampleActuatorTests {

	@Test
	void actuatorProfileExposesTheMigrationsEndpoint() {
		try (ConfigurableApplicationContext context = run("--spring.profiles.active=actuator")) {
			String body = client(context).get().uri("/actuator/migrations").retrieve().body(String.class);
			assertThat(body).contains("\"table\":\"schema_migrations\"", "\"currentVersion\":\"6\"", "\"applied\":6",
					"\"pending\":0", "\"description\":\"Add account settings (JSON)\"", "\"state\":\"applied\"");
		}
	}

	@Test
	void withoutTheProfileTheEndpointIsNotExposed() {
		try (ConfigurableApplicationContext context = run()) {
			ResponseEntity<String> response = client(context).get()
				.uri("/actuator/migrations")
				.retrieve()
				.onStatus((status) -> true, (request, reply) -> {
				})
				.toEntity(String.class);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	private static RestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestClient.create("http://localhost:" + port);
	}

	private static ConfigurableApplicationContext run(String... profile) {
		String[] args = new String[profile.length + 3];
		args[0] = "--server.port=0";
		args[1] = "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		args[2] = "--spring.main.banner-mode=off";
		System.arraycopy(profile, 0, args, 3, profile.length);
		return SpringApplication.run(SampleApplication.class, args);
	}

}
