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

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.MigrationLockException;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A start that fails because of migrations, in a full application (web server, actuator,
 * JPA, a scheduled task), prints its report once: no second report and no "Unable to
 * close ApplicationContext" after it while the context closes.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportedOnceTests {

	private final H2Database database = H2Database.create();

	@ParameterizedTest
	@ValueSource(strings = { "servlet", "reactive" })
	void failedMigrationIsReportedOnce(String type, CapturedOutput output) {
		Throwable failure = run("--spring.main.web-application-type=" + type, "--test.fail=true");
		assertThat(failure).isInstanceOf(MigrationFailedException.class);
		assertReportedOnce(output, "Migration 1 \"Fails when told\" (bean 'failsWhenTold') failed.");
	}

	@Test
	void lockTimeoutIsReportedOnce(CapturedOutput output) throws Exception {
		try (Connection holder = this.database.dataSource().getConnection()) {
			holder.createStatement().execute("CREATE TABLE schema_migrations_lock (id INT NOT NULL PRIMARY KEY)");
			holder.createStatement().execute("INSERT INTO schema_migrations_lock (id) VALUES (1)");
			holder.setAutoCommit(false);
			holder.createStatement().executeQuery("SELECT id FROM schema_migrations_lock WHERE id = 1 FOR UPDATE");
			Throwable failure = run("--spring.main.web-application-type=servlet", "--migrations.lock-timeout=500ms");
			assertThat(failure).isInstanceOf(MigrationLockException.class);
			holder.rollback();
		}
		assertReportedOnce(output, "Timed out after 0 s waiting for the row lock on schema_migrations_lock");
	}

	@Test
	void failedCommandIsReportedOnce(CapturedOutput output) {
		Throwable failure = run("--migrations.command=migrate", "--migrations.exit-after-command=false",
				"--test.fail=true");
		assertThat(failure).isInstanceOf(MigrationFailedException.class);
		assertReportedOnce(output, "Migration 1 \"Fails when told\" (bean 'failsWhenTold') failed.");
	}

	@Test
	void refusedCommandIsReportedOnce(CapturedOutput output) {
		Throwable failure = run("--migrations.command=rollback", "--migrations.exit-after-command=false");
		assertThat(failure).isInstanceOf(MigrationCommandException.class);
		assertReportedOnce(output, "rollback needs --migrations.target=<version>");
	}

	private void assertReportedOnce(CapturedOutput output, String description) {
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains(description)
			.doesNotContain("Unable to close ApplicationContext")
			.doesNotContain("Application run failed")
			.doesNotContain("Exception in thread");
	}

	private Throwable run(String... args) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + this.database.url(), "--spring.jpa.open-in-view=false",
				"--management.endpoints.web.exposure.include=health,migrations"));
		arguments.addAll(List.of(args));
		return catchThrowable(
				() -> new SpringApplication(FailingApplication.class).run(arguments.toArray(new String[0])).close());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableScheduling
	static class FailingApplication {

		@Bean
		Migration failsWhenTold(Environment environment) {
			return Migration.of("1", "Fails when told", (context) -> {
				if (environment.getProperty("test.fail", Boolean.class, false)) {
					context.jdbc().execute("SELECT * FROM no_such_table");
				}
			});
		}

		@Bean
		Ticker ticker() {
			return new Ticker();
		}

	}

	static class Ticker {

		@Scheduled(fixedRate = 10)
		void tick() {
		}

	}

}
