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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
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
 * A running web application, servlet and reactive, probed with a real HTTP client while a
 * slow migration runs: requests get {@code 503} with {@code Retry-After} except the
 * health endpoints, readiness refuses traffic and liveness stays correct, until the
 * migrations committed.
 *
 * @author the bootmigrate authors
 */
class WebStartupTests {

	static volatile CountDownLatch migratingNow;

	static volatile CountDownLatch releaseNow;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

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
	void requestsWaitForMigrationsWhileHealthAnswers(String type) throws Exception {
		migratingNow = new CountDownLatch(1);
		releaseNow = new CountDownLatch(1);
		AtomicInteger port = new AtomicInteger();
		SpringApplication application = new SpringApplication(WebApplication.class);
		application.addListeners(
				(ApplicationListener<WebServerInitializedEvent>) (event) -> port.set(event.getWebServer().getPort()));
		Future<ConfigurableApplicationContext> started = this.executor
			.submit(() -> application.run("--spring.main.web-application-type=" + type, "--server.port=0",
					"--spring.main.banner-mode=off", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"--spring.jpa.open-in-view=false", "--management.endpoint.health.probes.enabled=true",
					"--management.endpoints.web.exposure.include=health,migrations"));
		assertThat(migratingNow.await(60, TimeUnit.SECONDS)).as("migration started").isTrue();
		HttpResponse<String> hello = get(port, "/hello");
		assertThat(hello.statusCode()).isEqualTo(503);
		assertThat(hello.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(hello.body()).isEqualTo("Database migrations are being applied; try again shortly.");
		assertThat(get(port, "/actuator/migrations").statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("OUT_OF_SERVICE");
		HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("UP");
		releaseNow.countDown();
		this.context = started.get(60, TimeUnit.SECONDS);
		assertThat(get(port, "/hello").body()).isEqualTo("hello");
		assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> migrations = get(port, "/actuator/migrations");
		assertThat(migrations.statusCode()).isEqualTo(200);
		assertThat(migrations.body()).contains("\"currentVersion\":\"1\"", "\"state\":\"applied\"",
				"\"description\":\"Wait for the test\"");
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("migrations.applied").tag("version", "1").timer().count()).isOne();
		assertThat(meters.get("migrations.pending").gauge().value()).isZero();
	}

	private HttpResponse<String> get(AtomicInteger port, String path) throws Exception {
		// A connection of its own for each request: a pooled connection was once left
		// unanswered (the server, shutting down, saw no request in flight)
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		Migration waitForTheTest() {
			return Migration.of("1", "Wait for the test", (context) -> {
				migratingNow.countDown();
				assertThat(releaseNow.await(60, TimeUnit.SECONDS)).isTrue();
				context.jdbc().execute("CREATE TABLE greetings (id INT)");
			});
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
