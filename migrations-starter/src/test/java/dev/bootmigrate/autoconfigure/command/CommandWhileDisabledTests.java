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

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A command given while {@code migrations.enabled=false} turns the starter off is refused
 * before anything starts, with exit code 1 and a report that says why and what to do,
 * instead of exiting 0 having done nothing or starting a web server that never exits.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandWhileDisabledTests {

	private final H2Database database = H2Database.create();

	@BeforeEach
	void clearEvents() {
		CommandApplication.events.clear();
	}

	@Test
	void commandWithMigrationsDisabledFailsToStartWithExitCodeOne(CapturedOutput output) {
		MigrationCommandException failure = catchThrowableOfType(MigrationCommandException.class,
				() -> new SpringApplication(CommandApplication.class).run("--spring.main.banner-mode=off",
						"--spring.datasource.url=" + this.database.url(), "--migrations.exit-after-command=false",
						"--migrations.enabled=false", "--migrations.command=migrate"));
		assertThat(failure).isInstanceOf(ExitCodeGenerator.class);
		assertThat(((ExitCodeGenerator) failure).getExitCode()).isOne();
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("The migrations command 'migrate' cannot run: migrations.enabled=false turns the migrations "
					+ "starter off, so the command was not run and nothing was done.")
			.contains("- migrations.enabled=false (\"migrations.enabled\" from property source \"commandLineArgs\")")
			.contains("override it with --migrations.enabled=true", "remove migrations.command")
			.doesNotContain("Application run failed");
		assertNothingWasDone();
	}

	@Test
	void commandFromTheEnvironmentWithMigrationsDisabledInTheEnvironmentNamesTheVariables(CapturedOutput output) {
		SpringApplication application = new SpringApplication(CommandApplication.class);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("MIGRATIONS_ENABLED", "false", "MIGRATIONS_COMMAND", "status")));
		application.setEnvironment(environment);
		MigrationCommandException failure = catchThrowableOfType(MigrationCommandException.class,
				() -> application.run("--spring.main.banner-mode=off", "--spring.datasource.url=" + this.database.url(),
						"--migrations.exit-after-command=false"));
		assertThat(failure.getExitCode()).isOne();
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("The migrations command 'status' cannot run",
					"- migrations.enabled=false (System Environment Property \"MIGRATIONS_ENABLED\")",
					"- migrations.command=status (System Environment Property \"MIGRATIONS_COMMAND\")");
		assertNothingWasDone();
	}

	private void assertNothingWasDone() {
		assertThat(CommandApplication.events).isEmpty();
		assertThat(new JdbcTemplate(this.database.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'SCHEMA_MIGRATIONS'",
				Integer.class))
			.isZero();
	}

}
