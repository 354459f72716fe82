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
package dev.bootmigrate.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bootmigrate.Migration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code migrations} actuator endpoint answers while a slow migration runs, so that
 * operators can follow it, wherever the actuator is mapped, while every other request
 * still gets {@code 503}.
 *
 * @author the bootmigrate authors
 */
class MigrationsEndpointWhileMigratingTests {

	static volatile CountDownLatch migratingNow;

	static volatile CountDownLatch releaseNow;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final Map<String, Integer> ports = new ConcurrentHashMap<>();

	private Future<ConfigurableApplicationContext> startup;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (releaseNow != null) {
			releaseNow.countDown();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.executor.shutdownNow();
	}

	@ParameterizedTest
	@ValueSource(strings = { "servlet", "reactive" })
	void migrationsEndpointShowsTheRunningMigrationWhileOtherRequestsWait(String type) throws Exception {
		start(type);
		HttpResponse<String> migrations = get("application", "/actuator/migrations");
		assertThat(migrations.statusCode()).isEqualTo(200);
		assertThat(migrations.body()).contains("\"currentVersion\":null", "\"pending\":2",
				"{\"version\":\"1\",\"description\":\"Wait for the test\",\"state\":\"running\"",
				"{\"version\":\"2\",\"description\":\"After the wait\",\"state\":\"pending\"");
		assertThat(get("application", "/hello").statusCode()).isEqualTo(503);
		assertThat(get("application", "/actuator/migrationsx").statusCode()).isEqualTo(503);
		assertThat(get("application", "/actuator/info").statusCode()).isEqualTo(503);
		releaseNow.countDown();
		started();
		assertThat(get("application", "/actuator/migrations").body()).contains("\"currentVersion\":\"2\"")
			.doesNotContain("running");
	}

	@Test
	void migrationsEndpointFollowsTheActuatorBasePathAndPathMapping() throws Exception {
		start("servlet", "--management.endpoints.web.base-path=/manage",
				"--management.endpoints.web.path-mapping.migrations=schema");
		assertThat(get("application", "/manage/schema").statusCode()).isEqualTo(200);
		assertThat(get("application", "/manage/schema").body()).contains("\"state\":\"running\"");
		assertThat(get("application", "/actuator/migrations").statusCode()).isEqualTo(503);
		assertThat(get("application", "/hello").statusCode()).isEqualTo(503);
		releaseNow.countDown();
		started();
	}

	@ParameterizedTest
	@ValueSource(strings = { "servlet", "reactive" })
	void migrationsEndpointAnswersOnASeparateManagementPort(String type) throws Exception {
		// Tomcat and Netty are both on the class path: let one child context factory win
		start(type, "--management.server.port=0", "--spring.main.allow-bean-definition-overriding=true");
		HttpResponse<String> migrations = get("management", "/actuator/migrations");
		assertThat(migrations.statusCode()).isEqualTo(200);
		assertThat(migrations.body()).contains("\"state\":\"running\"");
		assertThat(get("application", "/hello").statusCode()).isEqualTo(503);
		releaseNow.countDown();
		started();
	}

	private void start(String type, String... args) throws Exception {
		migratingNow = new CountDownLatch(1);
		releaseNow = new CountDownLatch(1);
		SpringApplication application = new SpringApplication(EndpointApplication.class);
		application.addListeners((ApplicationListener<WebServerInitializedEvent>) (event) -> this.ports.put(
				(event.getApplicationContext().getServerNamespace() != null)
						? event.getApplicationContext().getServerNamespace() : "application",
				event.getWebServer().getPort()));
		List<String> arguments = new ArrayList<>(List.of("--spring.main.web-application-type=" + type,
				"--server.port=0", "--spring.main.banner-mode=off",
				"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "--spring.jpa.open-in-view=false",
				"--management.endpoints.web.exposure.include=health,info,migrations"));
		arguments.addAll(List.of(args));
		this.startup = this.executor.submit(() -> application.run(arguments.toArray(new String[0])));
		assertThat(migratingNow.await(60, TimeUnit.SECONDS)).as("migration started").isTrue();
	}

	private void started() throws Exception {
		this.context = this.startup.get(60, TimeUnit.SECONDS);
	}

	private HttpResponse<String> get(String server, String path) throws Exception {
		// A connection of its own for each request: a pooled connection was once left
		// unanswered (the server, shutting down, saw no request in flight)
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get(server) + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EndpointApplication {

		@Bean
		Migration waitForTheTest() {
			return Migration.of("1", "Wait for the test", (context) -> {
				migratingNow.countDown();
				assertThat(releaseNow.await(60, TimeUnit.SECONDS)).isTrue();
				context.jdbc().execute("CREATE TABLE greetings (id INT)");
			});
		}

		@Bean
		Migration afterTheWait() {
			return Migration.of("2", "After the wait",
					(context) -> context.jdbc().execute("INSERT INTO greetings (id) VALUES (1)"));
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
