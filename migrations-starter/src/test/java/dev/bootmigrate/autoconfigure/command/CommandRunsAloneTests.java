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
package dev.bootmigrate.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command runs alone: the application's own {@code ApplicationRunner} and
 * {@code CommandLineRunner} beans do not run in command mode, also when the JVM is not
 * exited after the command, and the log says which were held back. Real
 * {@code SpringApplication} runs, once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class CommandRunsAloneTests extends AbstractTestDatabaseTests {

	@BeforeEach
	void clearEvents() {
		CommandApplication.events.clear();
	}

	@Test
	void applicationRunnersDoNotRunInCommandMode(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--migrations.command=migrate")) {
			FlagRunner flagRunner = context.getBean(FlagRunner.class);
			assertThat(flagRunner.describe()).as("the rest of the bean works").isEqualTo("flag runner");
			assertThat(SpringApplication.exit(context)).isZero();
			assertThat(CommandApplication.events).containsExactly("migrate 1", "migrate 2", "migrate 3", "migrate 4",
					"migrate 5");
			assertThat(database().tableExists("runner_ran")).isFalse();
			assertThat(output).containsOnlyOnce("The migrations command 'migrate' runs alone: the application's "
					+ "runners createTableOnStart, flagRunner are held back (ApplicationRunner and CommandLineRunner "
					+ "beans do not run in command mode)");
		}
	}

	@Test
	void applicationRunnersRunAtANormalStart() {
		try (ConfigurableApplicationContext context = run("--spring.main.web-application-type=none")) {
			assertThat(CommandApplication.events).contains("migrate 5", "flag runner");
			assertThat(database().tableExists("runner_ran")).isTrue();
		}
	}

	private ConfigurableApplicationContext run(String... args) {
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--migrations.exit-after-command=false");
		arguments.addAll(List.of(args));
		return new SpringApplication(CommandApplication.class, Runners.class).run(arguments.toArray(new String[0]));
	}

	@Configuration(proxyBeanMethods = false)
	static class Runners {

		@Bean
		ApplicationRunner createTableOnStart(DataSource dataSource) {
			return (args) -> new JdbcTemplate(dataSource).execute("CREATE TABLE runner_ran (id INT)");
		}

		@Bean
		FlagRunner flagRunner() {
			return new FlagRunner();
		}

	}

	static class FlagRunner implements CommandLineRunner {

		@Override
		public void run(String... args) {
			CommandApplication.events.add("flag runner");
		}

		String describe() {
			return "flag runner";
		}

	}

}
