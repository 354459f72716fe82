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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manual entry point of the sample app, a web application with a scheduled task whose
 * {@code main} is a plain {@code SpringApplication.run(...)}, run as operators run it: a
 * separate JVM with {@code --migrations.command=...} that ends by itself with the
 * command's exit code.
 *
 * @author the bootmigrate authors
 */
class SampleCommandLineTests {

	@Test
	void statusPrintsTheMigrationsAndExitsWithZero() throws Exception {
		Result status = run("--migrations.command=status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.output()).containsPattern("1 +Add username column +bean +pending")
			.containsPattern("6 +Add account settings \\(JSON\\) +bean +pending")
			.contains("0 applied, 6 pending")
			.doesNotContain("Tomcat started")
			.doesNotContain("Account digest");
	}

	@Test
	void checkExitsWithTwoWhenMigrationsArePending() throws Exception {
		Result check = run("--migrations.command=check");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("Action needed: 0 applied, 6 pending");
	}

	@Test
	void unknownCommandExitsWithOneAndListsTheCommands() throws Exception {
		Result result = run("--migrations.command=statuz");
		assertThat(result.exitCode()).isOne();
		assertThat(result.output()).contains("'statuz' is not a migrations command: did you mean status?",
				"The commands are: migrate");
	}

	private Result run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--spring.main.banner-mode=off"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ended by itself").isTrue();
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Result(int exitCode, String output) {
	}

}
