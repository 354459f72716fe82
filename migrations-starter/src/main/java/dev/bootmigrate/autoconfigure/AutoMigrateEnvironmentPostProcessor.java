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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the bare {@code AUTO_MIGRATE} environment variable to
 * {@code migrations.auto-migrate}, in a property source placed right after the system
 * environment: it overrides {@code application.yml} but yields to
 * {@code MIGRATIONS_AUTO_MIGRATE}, system properties and command-line arguments.
 *
 * @author the bootmigrate authors
 */
class AutoMigrateEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String VARIABLE = "AUTO_MIGRATE";

	static final String PROPERTY_SOURCE_NAME = "bootmigrateAutoMigrate";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> systemEnvironment = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (systemEnvironment == null) {
			return;
		}
		Object value = systemEnvironment.getProperty(VARIABLE);
		if (value == null) {
			return;
		}
		Map<String, Object> properties = Map.of("migrations.auto-migrate",
				OriginTrackedValue.of(value, new SystemEnvironmentOrigin(VARIABLE)));
		environment.getPropertySources()
			.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, properties, true));
	}

}
