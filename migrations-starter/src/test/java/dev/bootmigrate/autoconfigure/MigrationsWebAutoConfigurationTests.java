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

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationsWebAutoConfiguration}.
 *
 * @author the bootmigrate authors
 */
class MigrationsWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, MigrationsAutoConfiguration.class,
			MigrationsWebAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class);

	private static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID();

	@Test
	void servletApplicationGetsTheFilter() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE)
			.run((context) -> assertThat(context).hasBean("migrationsInProgressFilter")
				.getBean("migrationsInProgressFilter", FilterRegistrationBean.class)
				.satisfies((registration) -> assertThat(registration.getFilter())
					.isInstanceOf(MigrationsInProgressFilter.class)));
	}

	@Test
	void reactiveApplicationGetsTheWebFilter() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE)
			.run((context) -> assertThat(context).hasSingleBean(MigrationsInProgressWebFilter.class));
	}

	@Test
	void nonWebApplicationGetsNoFilter() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE)
			.run((context) -> assertThat(context).doesNotHaveBean("migrationsInProgressFilter")
				.doesNotHaveBean(MigrationsInProgressWebFilter.class));
	}

	@Test
	void disabledMigrationsLeaveRequestsAlone() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE, "migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("migrationsInProgressFilter"));
	}

	@Test
	void healthPathFollowsTheActuatorBasePathAndMapping() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE, "management.endpoints.web.base-path=/manage",
					"management.endpoints.web.path-mapping.health=status")
			.run((context) -> assertThat(context.getBean(MigrationsWebAutoConfiguration.HealthPath.class).value())
				.isEqualTo("/manage/status"));
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(DATABASE, "management.endpoints.web.base-path=/")
			.run((context) -> assertThat(context.getBean(MigrationsWebAutoConfiguration.HealthPath.class).value())
				.isEqualTo("/health"));
	}

	@Test
	void healthPathCoversTheProbeGroups() {
		assertThat(MigrationsInProgressFilter.isHealth("/actuator/health", "/actuator/health")).isTrue();
		assertThat(MigrationsInProgressFilter.isHealth("/actuator/health", "/actuator/health/readiness")).isTrue();
		assertThat(MigrationsInProgressFilter.isHealth("/actuator/health", "/actuator/healthy")).isFalse();
		assertThat(MigrationsInProgressFilter.isHealth("/actuator/health", "/actuator/info")).isFalse();
	}

}
