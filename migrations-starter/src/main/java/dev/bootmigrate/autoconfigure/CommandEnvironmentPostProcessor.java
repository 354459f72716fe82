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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCommandException;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the application without its web server when a migrations command is given
 * ({@code --migrations.command} or {@code MIGRATIONS_COMMAND}), even when its
 * {@code main} is a plain {@code SpringApplication.run(...)}: the command runs, and the
 * application exits with the command's exit code. Beans are created when first used
 * ({@code spring.main.lazy-initialization}, unless the application sets it), so a command
 * starts little more than what it needs. A command that only reads ({@code status},
 * {@code check}, {@code validate}, {@code show}, {@code diff}) starts without what would
 * write to the database at startup: Hibernate's {@code ddl-auto}, {@code spring.sql.init}
 * scripts, Flyway, Liquibase and the schema initializers of Spring Batch, Session, Quartz
 * and Integration. Refuses, before anything touches the database, an unknown command, a
 * command given while {@code migrations.enabled} turns the starter off, which would
 * otherwise never run it, and a command in Spring AOT mode, whose beans were fixed when
 * the application was built (with its web server, without the command mode).
 *
 * @author the bootmigrate authors
 */
class CommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "bootmigrateCommand";

	private static final String COMMAND = "migrations.command";

	private static final String ENABLED = "migrations.enabled";

	private static final String NL = System.lineSeparator();

	private static final String LAZY_INITIALIZATION = "spring.main.lazy-initialization";

	/**
	 * What a command that only reads turns off, each to the value that writes nothing.
	 */
	private static final Map<String, Object> READ_ONLY = Map.of("spring.jpa.hibernate.ddl-auto", "none",
			"spring.jpa.generate-ddl", "false", "spring.sql.init.mode", "never", "spring.flyway.enabled", "false",
			"spring.liquibase.enabled", "false", "spring.batch.jdbc.initialize-schema", "never",
			"spring.session.jdbc.initialize-schema", "never", "spring.quartz.jdbc.initialize-schema", "never",
			"spring.integration.jdbc.initialize-schema", "never");

	@Override
	public int getOrder() {
		// After the check of unknown properties, which may have found a mistyped command
		return ConfigDataEnvironmentPostProcessor.ORDER + 2;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String command = environment.getProperty(COMMAND);
		if (command == null || "false".equalsIgnoreCase(command)) {
			return;
		}
		String enabled = environment.getProperty(ENABLED);
		// The same test as the auto-configuration's condition: anything but true is off
		if (enabled != null && !"true".equalsIgnoreCase(enabled)) {
			throw new MigrationCommandException(
					"The migrations command '" + command
							+ "' cannot run: migrations.enabled=false turns the migrations starter off, so the command "
							+ "was not run and nothing was done." + NL + NL + describe(environment, ENABLED) + NL
							+ describe(environment, COMMAND),
					"Run the command with the starter on: remove migrations.enabled=false (MIGRATIONS_ENABLED=false "
							+ "in the environment) or override it with --migrations.enabled=true. To start the "
							+ "application without migrations instead, remove migrations.command (MIGRATIONS_COMMAND).");
		}
		MigrationsCommand known = MigrationsCommands.find(command);
		if (known == null) {
			throw MigrationsCommands.unknown(command, NL + NL + describe(environment, COMMAND));
		}
		if (AotDetector.useGeneratedArtifacts()) {
			throw inAotMode(command);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		// A command needs few of the application's beans: create them when first used
		if (!environment.containsProperty(LAZY_INITIALIZATION)) {
			properties.put(LAZY_INITIALIZATION, "true");
		}
		if (!known.changesDatabase()) {
			properties.putAll(READ_ONLY);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	private static MigrationCommandException inAotMode(String command) {
		boolean nativeImage = NativeDetector.inNativeImage();
		return new MigrationCommandException("The migrations command '" + command + "' cannot run in "
				+ (nativeImage ? "a native image" : "Spring AOT mode (spring.aot.enabled=true)")
				+ ": the application's beans were fixed when it was processed ahead of time, with its web server and "
				+ "without the command mode, so the command was not run and nothing was done.",
				nativeImage ? "Run commands with a JVM build of the application (java -jar app.jar "
						+ "--migrations.command=" + command + "), for example in the image of the job that migrates."
						: "Run the command from the same jar without -Dspring.aot.enabled=true: java -jar app.jar "
								+ "--migrations.command=" + command + ".");
	}

	/**
	 * Whether the environment runs a command that only reads the database.
	 */
	static boolean readOnlyCommand(Environment environment) {
		MigrationsCommand command = MigrationsCommands.find(environment.getProperty(COMMAND));
		return command != null && !command.changesDatabase();
	}

	/**
	 * Describe a property as it is set, with where it comes from, such as
	 * {@code migrations.enabled=false (System Environment Property "MIGRATIONS_ENABLED")}.
	 */
	private static String describe(ConfigurableEnvironment environment, String name) {
		ConfigurationProperty property = find(environment, ConfigurationPropertyName.of(name));
		String value = (property != null) ? name + "=" + property.getValue() : name;
		return "    - " + value
				+ ((property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "");
	}

	private static @Nullable ConfigurationProperty find(ConfigurableEnvironment environment,
			ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
