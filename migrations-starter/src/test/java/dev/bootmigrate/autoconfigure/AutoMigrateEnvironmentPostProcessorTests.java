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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests for {@link AutoMigrateEnvironmentPostProcessor}: the precedence operators expect,
 * on real {@code SpringApplication} runs whose environment variables are given by the
 * test. {@code automigrate-test.yml} sets {@code migrations.auto-migrate: true}.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
class AutoMigrateEnvironmentPostProcessorTests {

	@Test
	void applicationYmlAppliesWithoutEnvironmentVariables() {
		assertThat(autoMigrate(Map.of())).isTrue();
	}

	@Test
	void bareAutoMigrateOverridesApplicationYml() {
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "false"))).isFalse();
	}

	@Test
	void migrationsAutoMigrateOverridesApplicationYml() {
		assertThat(autoMigrate(Map.of("MIGRATIONS_AUTO_MIGRATE", "false"))).isFalse();
	}

	@Test
	void migrationsAutoMigrateWinsOverBareAutoMigrate() {
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "false", "MIGRATIONS_AUTO_MIGRATE", "true"))).isTrue();
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "true", "MIGRATIONS_AUTO_MIGRATE", "false"))).isFalse();
	}

	@Test
	void commandLineArgumentWinsOverBareAutoMigrate() {
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "false"), "--migrations.auto-migrate=true")).isTrue();
	}

	@Test
	void acceptsTheBooleanSpellingsSpringAccepts() {
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "FALSE"))).isFalse();
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "off"))).isFalse();
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "no"))).isFalse();
		assertThat(autoMigrate(Map.of("AUTO_MIGRATE", "0"))).isFalse();
	}

	@Test
	void unparseableValueStopsStartupNamingTheVariable(CapturedOutput output) {
		assertThatRuntimeException().isThrownBy(() -> autoMigrate(Map.of("AUTO_MIGRATE", "flase")));
		assertThat(output).contains("APPLICATION FAILED TO START", "migrations.auto-migrate", "\"flase\"",
				"AUTO_MIGRATE");
	}

	@Test
	void disabledMigrationsIgnoreTheVariable() {
		try (ConfigurableApplicationContext context = run(Map.of("AUTO_MIGRATE", "flase"),
				"--migrations.enabled=false")) {
			assertThat(context.getBeansOfType(MigrationsProperties.class)).isEmpty();
		}
	}

	private boolean autoMigrate(Map<String, Object> variables, String... args) {
		try (ConfigurableApplicationContext context = run(variables, args)) {
			return context.getBean(MigrationsProperties.class).isAutoMigrate();
		}
	}

	private ConfigurableApplicationContext run(Map<String, Object> variables, String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication(Config.class);
		application.setEnvironment(environment);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new java.util.ArrayList<>(
				List.of("--spring.config.name=automigrate-test", "--spring.main.banner-mode=off",
						"--migrations.lock-timeout=5s", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()));
		arguments.addAll(List.of(args));
		return application.run(arguments.toArray(new String[0]));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			MigrationsAutoConfiguration.class })
	static class Config {

	}

}
