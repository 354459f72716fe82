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

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration that answers {@code 503 Service Unavailable} to web requests, except
 * the health endpoints, until the migrations have committed at startup.
 *
 * @author the bootmigrate authors
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBean(StartupGate.class)
public final class MigrationsWebAutoConfiguration {

	private static String healthPath(ObjectProvider<HealthPath> healthPath) {
		return healthPath.getIfAvailable(() -> new HealthPath("/actuator/health")).value();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebEndpointProperties.class)
	static class ActuatorConfiguration {

		@Bean
		HealthPath migrationsHealthPath(ObjectProvider<WebEndpointProperties> properties) {
			WebEndpointProperties endpoints = properties.getIfAvailable(WebEndpointProperties::new);
			String health = endpoints.getPathMapping().getOrDefault("health", "health");
			String basePath = endpoints.getBasePath();
			return new HealthPath(("/".equals(basePath) ? "" : basePath) + "/" + health);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class ServletConfiguration {

		@Bean
		FilterRegistrationBean<MigrationsInProgressFilter> migrationsInProgressFilter(StartupGate migrationsStartupGate,
				ObjectProvider<HealthPath> healthPath) {
			FilterRegistrationBean<MigrationsInProgressFilter> registration = new FilterRegistrationBean<>(
					new MigrationsInProgressFilter(migrationsStartupGate, healthPath(healthPath)));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setName("migrationsInProgressFilter");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveConfiguration {

		@Bean
		MigrationsInProgressWebFilter migrationsInProgressWebFilter(StartupGate migrationsStartupGate,
				ObjectProvider<HealthPath> healthPath) {
			return new MigrationsInProgressWebFilter(migrationsStartupGate, healthPath(healthPath));
		}

	}

	/**
	 * The path of the health endpoint, which stays reachable while migrations run.
	 *
	 * @param value the path, within the application
	 */
	record HealthPath(String value) {

	}

}
