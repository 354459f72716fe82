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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample, built with Spring AOT ({@code process-aot}), started once on the
 * JVM in AOT mode ({@code -Dspring.aot.enabled=true}) on a new H2 database: it applies
 * its migrations and serves the migrated table. Run by {@code ./mvnw verify} (failsafe),
 * after the jar is packaged.
 *
 * @author the bootmigrate authors
 */
class SampleAotIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void packagedJarStartsInAotModeAndAppliesItsMigrations() throws Exception {
		String packaged = System.getProperty("sample.jar");
		assumeTrue(packaged != null, "Run by failsafe, after the jar is packaged (./mvnw verify)");
		Path jar = Path.of(packaged);
		assertThat(jar).as("the packaged jar").exists();
		List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> log = new ArrayList<>();
		try {
			int port = assertTimeoutPreemptively(java.time.Duration.ofSeconds(240), () -> awaitMigrated(process, log));
			assertThat(String.join("\n", log)).contains("Starting AOT-processed SampleApplication")
				.contains("Started SampleApplication")
				.contains("Applied 6 migrations (2 skipped) to schema_migrations")
				.doesNotContain(" ERROR ");
			String accounts = RestClient.create("http://localhost:" + port)
				.get()
				.uri("/accounts")
				.retrieve()
				.body(String.class);
			assertThat(accounts).contains("\"username\"");
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			Files.write(jar.resolveSibling("sample-aot.log"), log, StandardCharsets.UTF_8);
		}
	}

	private static int awaitMigrated(Process process, List<String> log) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		Integer port = null;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			log.add(line);
			Matcher matcher = PORT.matcher(line);
			if (matcher.find()) {
				port = Integer.valueOf(matcher.group(1));
			}
			// The startup runner migrates once the context has started
			if (line.contains("Applied 6 migrations")) {
				assertThat(port).as("the port Tomcat started on").isNotNull();
				Thread drain = new Thread(() -> reader.lines().forEach((rest) -> {
				}));
				drain.setDaemon(true);
				drain.start();
				return port;
			}
		}
		throw new AssertionError("The application ended before it migrated:\n" + String.join("\n", log));
	}

}
