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

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Timeouts and retry counts out of their range are refused when they are bound, with a
 * report that names the property and the range, before any database access.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsPropertiesRangeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@ParameterizedTest
	@ValueSource(strings = { "-1s", "0", "999us", "25h", "1000000d" })
	void lockTimeoutOutOfRangeIsRefused(String value) {
		this.contextRunner.withPropertyValues("migrations.lock-timeout=" + value)
			.run((context) -> assertRefused(context, "migrations.lock-timeout",
					"migrations.lock-timeout must be from 1ms to 24h"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1s", "999us", "25h", "1000000d" })
	void ddlLockTimeoutOutOfRangeIsRefused(String value) {
		this.contextRunner.withPropertyValues("migrations.ddl-lock-timeout=" + value)
			.run((context) -> assertRefused(context, "migrations.ddl-lock-timeout",
					"migrations.ddl-lock-timeout must be from 1ms to 24h, or 0 to wait forever"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "101" })
	void ddlLockRetriesOutOfRangeAreRefused(String value) {
		this.contextRunner.withPropertyValues("migrations.ddl-lock-retries=" + value)
			.run((context) -> assertRefused(context, "migrations.ddl-lock-retries",
					"migrations.ddl-lock-retries must be from 0 to 100"));
	}

	@Test
	void boundsOfEachRangeAreAccepted() {
		this.contextRunner
			.withPropertyValues("migrations.lock-timeout=1ms", "migrations.ddl-lock-timeout=0",
					"migrations.ddl-lock-retries=0")
			.run((context) -> {
				MigrationsProperties properties = context.getBean(MigrationsProperties.class);
				assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofMillis(1));
				assertThat(properties.getDdlLockTimeout()).isZero();
				assertThat(properties.getDdlLockRetries()).isZero();
			});
		this.contextRunner
			.withPropertyValues("migrations.lock-timeout=24h", "migrations.ddl-lock-timeout=24h",
					"migrations.ddl-lock-retries=100")
			.run((context) -> {
				MigrationsProperties properties = context.getBean(MigrationsProperties.class);
				assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofHours(24));
				assertThat(properties.getDdlLockTimeout()).isEqualTo(Duration.ofHours(24));
				assertThat(properties.getDdlLockRetries()).isEqualTo(100);
			});
	}

	@Test
	void lockTimeoutThatWouldOverflowIsReportedByNameWithItsOrigin(CapturedOutput output) {
		SpringApplication application = new SpringApplication(RangeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--spring.main.banner-mode=off",
					"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "--migrations.lock-timeout=1000000d"))
			.havingRootCause()
			.withMessage("migrations.lock-timeout must be from 1ms to 24h");
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Property: migrations.lock-timeout", "Value: \"1000000d\"",
					"Origin: \"migrations.lock-timeout\" from property source \"commandLineArgs\"",
					"Reason: java.lang.IllegalArgumentException: migrations.lock-timeout must be from 1ms to 24h")
			.doesNotContain("Application run failed");
	}

	private static void assertRefused(AssertableApplicationContext context, String property, String reason) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		BindException bind = findBindException(failure);
		assertThat(bind.getProperty()).isNotNull();
		assertThat(bind.getProperty().getName()).hasToString(property);
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage(reason);
	}

	private static BindException findBindException(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BindException bind) {
				return bind;
			}
		}
		throw new AssertionError("No BindException in " + failure);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class RangeApplication {

	}

}
