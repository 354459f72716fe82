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
package dev.bootmigrate.benchmarks.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The small application of the startup scenario: Spring Boot with a pooled
 * {@code DataSource} and whichever migration tool its classpath holds, plus one query of
 * its own at startup, as any application that uses its database makes. When it is ready
 * it prints the time since the JVM started and its peak resident memory, and exits.
 *
 * @author the bootmigrate authors
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApp {

	/**
	 * The prefix of the line the benchmark reads.
	 */
	public static final String MARKER = "bench-startup";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StartupApp.class);
		application.addListeners(new ReadyReporter());
		ConfigurableApplicationContext context = application.run(args);
		System.exit(SpringApplication.exit(context));
	}

	@Bean
	ApplicationRunner touchDatabase(JdbcTemplate jdbc) {
		return (args) -> jdbc.queryForObject("SELECT 1", Integer.class);
	}

	/**
	 * Prints the measurements once the application is ready: after the context refresh
	 * (where Flyway and Liquibase run) and after the runners (where this starter runs):
	 * the time since the JVM started, the CPU time of the process so far (all threads)
	 * and the peak resident set size ({@code VmHWM}).
	 */
	static final class ReadyReporter implements ApplicationListener<ApplicationReadyEvent> {

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			long now = System.currentTimeMillis();
			long readyMillis = now - ManagementFactory.getRuntimeMXBean().getStartTime();
			long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
			String tools = List.of("migrationEngine", "flyway", "liquibase")
				.stream()
				.filter(event.getApplicationContext()::containsBean)
				.collect(Collectors.joining(","));
			System.out.println(MARKER + " ready-ms=" + readyMillis + " cpu-ms=" + cpuMillis + " peak-rss-kb="
					+ peakRssKb() + " tools=[" + tools + "]");
		}

		private static long peakRssKb() {
			try {
				return Files.readAllLines(Path.of("/proc/self/status"))
					.stream()
					.filter((line) -> line.startsWith("VmHWM:"))
					.map((line) -> Long.parseLong(line.replaceAll("\\D", "")))
					.findFirst()
					.orElse(-1L);
			}
			catch (IOException ex) {
				return -1;
			}
		}

	}

}
