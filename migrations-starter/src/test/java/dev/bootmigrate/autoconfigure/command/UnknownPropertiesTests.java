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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property under {@code migrations.*} that the starter does not know refuses the start,
 * command or not, before anything touches the database, naming the property, where it was
 * set and the property probably meant; environment variables only warn, and
 * {@code migrations.unknown-properties=warn} makes the others warn too. Real
 * {@code SpringApplication} runs, once per database.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesTests extends AbstractTestDatabaseTests {

	private CapturedOutput output;

	private final AtomicBoolean started = new AtomicBoolean();

	@BeforeEach
	void prepare(CapturedOutput output) {
		this.output = output;
		CommandApplication.events.clear();
	}

	@Test
	void mistypedCommandPropertyIsRefusedInsteadOfStartingTheApplication() {
		RuntimeException failure = run(null, "--migrations.comand=status");
		assertThat(failure).isNotNull();
		assertThat(this.output).contains("APPLICATION FAILED TO START",
				"- migrations.comand (\"migrations.comand\" from property source \"commandLineArgs\"): did you mean "
						+ "migrations.command?",
				"set migrations.unknown-properties=warn");
		assertNothingWasDone();
	}

	@Test
	void mistypedPropertyIsRefusedAlsoWithoutACommand() {
		assertThat(run(null, "--migrations.auto-migrat=false")).isNotNull();
		assertThat(this.output).contains("- migrations.auto-migrat (\"migrations.auto-migrat\" from property source "
				+ "\"commandLineArgs\"): did you mean migrations.auto-migrate?");
		assertNothingWasDone();
	}

	@Test
	void mistypedPropertiesOfConfigurationFilesAndProfilesNameTheirFileAndLine() {
		assertThat(run(null, "--spring.config.location=classpath:unknown-properties/", "--spring.config.name=typo",
				"--spring.profiles.active=prod", "--migrations.command=status"))
			.isNotNull();
		assertThat(this.output).contains(
				"- migrations.on-pendng (class path resource [unknown-properties/typo.yml] - 2:14): "
						+ "did you mean migrations.on-pending?",
				"- migrations.lock-timout (class path resource [unknown-properties/typo-prod.properties] "
						+ "- 1:24): did you mean migrations.lock-timeout?");
		assertThat(this.output).doesNotContain("migrations.placeholders.owner (");
		assertNothingWasDone();
	}

	@Test
	void unknownPropertiesOnlyWarnWhenToldTo() {
		assertThat(run(null, "--migrations.command=status", "--migrations.unknown-properties=warn",
				"--migrations.comand=check"))
			.isNull();
		assertThat(this.output).contains("Ignoring the unknown property migrations.comand (\"migrations.comand\" from "
				+ "property source \"commandLineArgs\"): did you mean migrations.command?");
		assertThat(this.output).contains("0 applied, 5 pending");
	}

	@Test
	void environmentVariablesOnlyWarnAndOnlyWhenCloseToAProperty() {
		assertThat(run(Map.of("MIGRATIONS_COMAND", "check", "MIGRATIONS_AUTO_MIGRATE", "true",
				"MIGRATIONS_PLACEHOLDERS_OWNER", "app", "MIGRATIONS_TEST_REPORT_URL", "http://example.com"),
				"--migrations.command=status"))
			.isNull();
		assertThat(this.output)
			.contains("The environment variable MIGRATIONS_COMAND is not a migrations property and "
					+ "is ignored: did you mean MIGRATIONS_COMMAND?")
			.doesNotContain("MIGRATIONS_AUTO_MIGRATE is not", "MIGRATIONS_PLACEHOLDERS_OWNER is not",
					"MIGRATIONS_TEST_REPORT_URL is not");
		assertThat(this.output).contains("0 applied, 5 pending");
	}

	@Test
	void anySubKeyOfAMapAndAnyIndexOfAListIsAccepted() {
		assertThat(run(null, "--migrations.command=status", "--migrations.placeholders.any-name=x",
				"--migrations.locations[0]=classpath:db/migration", "--migrations.ignoredFiles=README.md"))
			.isNull();
		assertThat(this.output).doesNotContain("APPLICATION FAILED TO START", "Ignoring the unknown property");
	}

	private void assertNothingWasDone() {
		assertThat(this.started).as("the application context was created").isFalse();
		assertThat(CommandApplication.events).isEmpty();
		assertThat(database().tableExists("schema_migrations")).isFalse();
	}

	private @Nullable RuntimeException run(@Nullable Map<String, Object> variables, String... args) {
		SpringApplication application = new SpringApplication(CommandApplication.class);
		application.addInitializers((context) -> this.started.set(true));
		if (variables != null) {
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables));
			application.setEnvironment(environment);
		}
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--migrations.exit-after-command=false");
		arguments.addAll(List.of(args));
		try {
			ConfigurableApplicationContext context = application.run(arguments.toArray(new String[0]));
			SpringApplication.exit(context);
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

}
