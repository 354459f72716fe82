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
import org.jspecify.annotations.Nullable;

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
 * the health and migrations endpoints, until the migrations have committed at startup.
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

	private static @Nullable String migrationsPath(ObjectProvider<MigrationsEndpointPath> migrationsPath) {
		MigrationsEndpointPath path = migrationsPath.getIfAvailable();
		return (path != null) ? path.value() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebEndpointProperties.class)
	static class ActuatorConfiguration {

		@Bean
		HealthPath migrationsHealthPath(ObjectProvider<WebEndpointProperties> properties) {
			return new HealthPath(endpointPath(properties, "health"));
		}

		@Bean
		MigrationsEndpointPath migrationsEndpointPath(ObjectProvider<WebEndpointProperties> properties) {
			return new MigrationsEndpointPath(endpointPath(properties, "migrations"));
		}

		private static String endpointPath(ObjectProvider<WebEndpointProperties> properties, String id) {
			WebEndpointProperties endpoints = properties.getIfAvailable(WebEndpointProperties::new);
			String path = endpoints.getPathMapping().getOrDefault(id, id);
			String basePath = endpoints.getBasePath();
			return ("/".equals(basePath) ? "" : basePath) + "/" + path;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class ServletConfiguration {

		@Bean
		FilterRegistrationBean<MigrationsInProgressFilter> migrationsInProgressFilter(StartupGate migrationsStartupGate,
				ObjectProvider<HealthPath> healthPath, ObjectProvider<MigrationsEndpointPath> migrationsPath) {
			FilterRegistrationBean<MigrationsInProgressFilter> registration = new FilterRegistrationBean<>(
					new MigrationsInProgressFilter(migrationsStartupGate, healthPath(healthPath),
							migrationsPath(migrationsPath)));
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
				ObjectProvider<HealthPath> healthPath, ObjectProvider<MigrationsEndpointPath> migrationsPath) {
			return new MigrationsInProgressWebFilter(migrationsStartupGate, healthPath(healthPath),
					migrationsPath(migrationsPath));
		}

	}

	/**
	 * The path of the health endpoint, which stays reachable while migrations run.
	 *
	 * @param value the path, within the application
	 */
	record HealthPath(String value) {

	}

	/**
	 * The path of the migrations endpoint, which stays reachable while migrations run so
	 * that operators can follow them.
	 *
	 * @param value the path, within the application
	 */
	record MigrationsEndpointPath(String value) {

	}

}
