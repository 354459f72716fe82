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
package dev.bootmigrate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/**
 * Describes the machine, the JVM and the versions under test, for the report.
 *
 * @author the bootmigrate authors
 */
final class Environment {

	private Environment() {
	}

	static void describe(Results results, Options options) {
		results.environment.put("Date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
		results.environment.put("CPU", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
		results.environment.put("Memory", memory());
		results.environment.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		results.environment.put("JVM",
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vm.vendor") + "), "
						+ ManagementFactory.getRuntimeMXBean()
							.getInputArguments()
							.stream()
							.reduce((first, second) -> first + " " + second)
							.map((flags) -> "flags: " + flags)
							.orElse("default flags"));
		results.environment.put("bootmigrate",
				version("dev.bootmigrate", "migrations-spring-boot-starter") + ", repository at " + git());
		results.environment.put("Spring Boot",
				SpringBootVersion.getVersion() + " (Spring Framework " + SpringVersion.getVersion() + ")");
		results.environment.put("Flyway", version("org.flywaydb", "flyway-core"));
		results.environment.put("Liquibase", liquibase.util.LiquibaseUtil.getBuildVersion());
		results.environment.put("HikariCP", version("com.zaxxer", "HikariCP"));
		results.environment.put("H2 driver", org.h2.engine.Constants.FULL_VERSION);
		results.environment.put("PostgreSQL driver", org.postgresql.util.DriverInfo.DRIVER_VERSION);
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String version(String group, String artifact) {
		try (InputStream in = Environment.class.getClassLoader()
			.getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String cpu() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

	private static String memory() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String git() {
		String commit = run("git", "rev-parse", "--short", "HEAD");
		if (commit.isEmpty()) {
			return "unknown commit";
		}
		String changes = run("git", "status", "--porcelain", "--", "migrations-starter/src");
		return "commit " + commit + (changes.isEmpty() ? "" : ", with uncommitted changes in migrations-starter/src");
	}

	private static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(Benchmarks.home().getParent().getParent().toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return "";
			}
			return output;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
