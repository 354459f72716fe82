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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A command given to an application started in Spring AOT mode is refused before anything
 * starts, with exit code 1 and what to run instead: the beans of an AOT-processed
 * application were fixed at build time, with its web server and without the command mode,
 * so it would otherwise fail on the web server's missing context.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandInAotModeTests {

	private static final String AOT_ENABLED = "spring.aot.enabled";

	private final H2Database database = H2Database.create();

	@BeforeEach
	void enableAot() {
		CommandApplication.events.clear();
		System.setProperty(AOT_ENABLED, "true");
	}

	@AfterEach
	void disableAot() {
		System.clearProperty(AOT_ENABLED);
	}

	@Test
	void commandInAotModeIsRefusedBeforeAnythingStarts(CapturedOutput output) {
		MigrationCommandException failure = catchThrowableOfType(MigrationCommandException.class,
				() -> new SpringApplication(CommandApplication.class).run("--spring.main.banner-mode=off",
						"--spring.datasource.url=" + this.database.url(), "--migrations.exit-after-command=false",
						"--migrations.command=migrate"));
		assertThat(failure.getExitCode()).isOne();
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("The migrations command 'migrate' cannot run in Spring AOT mode (spring.aot.enabled=true): the "
					+ "application's beans were fixed when it was processed ahead of time")
			.contains("Run the command from the same jar without -Dspring.aot.enabled=true: java -jar app.jar "
					+ "--migrations.command=migrate.");
		assertThat(CommandApplication.events).isEmpty();
		assertThat(new JdbcTemplate(this.database.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", Integer.class))
			.isZero();
	}

	@Test
	void aMistypedCommandInAotModeIsReportedAsMistyped(CapturedOutput output) {
		catchThrowableOfType(MigrationCommandException.class,
				() -> new SpringApplication(CommandApplication.class).run("--spring.main.banner-mode=off",
						"--spring.datasource.url=" + this.database.url(), "--migrations.exit-after-command=false",
						"--migrations.command=stauts"));
		assertThat(output).contains("did you mean status?").doesNotContain("AOT mode");
	}

}
