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
package dev.bootmigrate.autoconfigure;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationFailedException;
import dev.bootmigrate.testsupport.H2Database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A JDBC URL that carries a password never shows it in the starter's reports: the
 * driver's message that quotes the URL (here {@code java.sql.DriverManager}'s "No
 * suitable driver found for ...") is masked at startup, in command mode and when a
 * migration's own connection fails.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordsInReportsAreMaskedTests {

	private static final String URL = "jdbc:unreachable://app:s3cret@db.internal:5432/app?user=app&password=s3cret";

	private static final String MASKED = "jdbc:unreachable://app:****@db.internal:5432/app?user=app&password=****";

	@Test
	void passwordInTheUrlOfAnUnreachableDatabaseIsMaskedInTheStartupReport(CapturedOutput output) {
		MigrationException failure = catchThrowableOfType(MigrationException.class, () -> run("--test.url=" + URL));
		assertThat(failure.getMessage()).contains(MASKED).doesNotContain("s3cret");
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("No suitable driver found for " + MASKED)
			.doesNotContain("s3cret");
	}

	@Test
	void passwordInTheUrlOfAnUnreachableDatabaseIsMaskedInTheCommandReport(CapturedOutput output) {
		catchThrowableOfType(MigrationException.class,
				() -> run("--test.url=" + URL, "--migrations.command=status", "--migrations.exit-after-command=false"));
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("No suitable driver found for " + MASKED)
			.doesNotContain("s3cret");
	}

	@Test
	void passwordInADriverMessageOfAFailedMigrationIsMasked(CapturedOutput output) {
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run("--test.url=" + H2Database.create().url(), "--test.legacy-url=" + URL));
		assertThat(failure.getCauseMessage()).isEqualTo("No suitable driver found for " + MASKED);
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Cause: No suitable driver found for " + MASKED)
			.doesNotContain("s3cret");
	}

	private void run(String... args) {
		SpringApplication application = new SpringApplication(LegacyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		application.run(arguments.toArray(new String[0])).close();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class LegacyApplication {

		@Bean
		DataSource dataSource(Environment environment) {
			return new DriverManagerDataSource(environment.getRequiredProperty("test.url"), "sa", "");
		}

		@Bean
		Migration copyFromLegacy(Environment environment) {
			return Migration.of("1", "Copy from the legacy database", (context) -> {
				String legacy = environment.getProperty("test.legacy-url");
				if (legacy != null) {
					DriverManager.getConnection(legacy).close();
				}
			});
		}

	}

}
