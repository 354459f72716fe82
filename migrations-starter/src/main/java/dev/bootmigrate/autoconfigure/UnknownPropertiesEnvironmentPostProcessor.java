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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses to start, before anything touches the database, when a property under
 * {@code migrations.*} is not one the starter knows: a mistyped name would otherwise be
 * ignored, and {@code migrations.auto-migrat=false} would migrate production. The known
 * properties are those of the starter's generated configuration metadata; under a map or
 * a list ({@code migrations.placeholders.*}, {@code migrations.locations[0]}) any name is
 * accepted. Environment variables only warn, and only when close to a property, since
 * unrelated ones may share the {@code MIGRATIONS_} prefix;
 * {@code migrations.unknown-properties=warn} makes the others warn too.
 *
 * @author the bootmigrate authors
 */
class UnknownPropertiesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "migrations.unknown-properties";

	private static final String PREFIX = "migrations.";

	private static final String VARIABLE_PREFIX = "MIGRATIONS_";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("migrations");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final Log logger;

	UnknownPropertiesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(UnknownPropertiesEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// Before the command is looked at: a mistyped property may be the command's
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Known known = Known.load();
		if (known == null) {
			this.logger.debug("No configuration metadata of the migrations starter: unknown properties not checked");
			return;
		}
		Set<String> unknown = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource variables) {
				warnOfVariables(variables, known);
			}
			else if (source instanceof IterableConfigurationPropertySource names) {
				names.stream()
					.filter((name) -> ROOT.isAncestorOf(name) && !known.accepts(name))
					.forEach((name) -> unknown.add(describe(names.getConfigurationProperty(name), name, known)));
			}
		}
		if (unknown.isEmpty()) {
			return;
		}
		MigrationsProperties.Policy policy = Binder.get(environment)
			.bind(PROPERTY, MigrationsProperties.Policy.class)
			.orElse(MigrationsProperties.Policy.FAIL);
		if (policy == MigrationsProperties.Policy.FAIL) {
			throw new UnknownMigrationsPropertiesException(List.copyOf(unknown));
		}
		unknown.forEach((line) -> this.logger.warn("Ignoring the unknown property " + line + " (" + PROPERTY
				+ "=warn; docs/configuration.md lists every property)"));
	}

	private void warnOfVariables(SystemEnvironmentPropertySource variables, Known known) {
		for (String variable : variables.getPropertyNames()) {
			if (variable.toUpperCase(Locale.ROOT).startsWith(VARIABLE_PREFIX) && !known.acceptsVariable(variable)) {
				String nearest = known.nearestVariable(variable);
				// Only one close to a property is likely a typo rather than another
				// tool's
				if (nearest != null) {
					this.logger.warn("The environment variable " + variable + " is not a migrations property and is "
							+ "ignored: did you mean " + nearest + "? (Other variables may share the MIGRATIONS_ "
							+ "prefix, so this is only a warning.)");
				}
				else if (this.logger.isDebugEnabled()) {
					this.logger.debug("Ignoring the environment variable " + variable + ", not a migrations property");
				}
			}
		}
	}

	private static String describe(@Nullable ConfigurationProperty property, ConfigurationPropertyName name,
			Known known) {
		String nearest = known.nearest(name.toString());
		return name + ((property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "")
				+ ((nearest != null) ? ": did you mean " + nearest + "?" : "");
	}

	/**
	 * The properties of the starter, from its generated configuration metadata.
	 */
	static final class Known {

		private final List<String> names;

		private final List<ConfigurationPropertyName> properties;

		private final List<ConfigurationPropertyName> containers;

		private Known(List<String> names, List<String> containerNames) {
			this.names = names;
			this.properties = names.stream().map(ConfigurationPropertyName::of).toList();
			this.containers = containerNames.stream().map(ConfigurationPropertyName::of).toList();
		}

		/**
		 * Read the metadata of the starter's own jar (or classes folder), found next to
		 * {@link MigrationsProperties}, or return {@code null} when it has none.
		 */
		static @Nullable Known load() {
			String type = MigrationsProperties.class.getName().replace('.', '/') + ".class";
			URL classUrl = MigrationsProperties.class.getClassLoader().getResource(type);
			if (classUrl == null) {
				return null;
			}
			String location = classUrl.toString();
			try (InputStream in = URI.create(location.substring(0, location.length() - type.length()) + METADATA)
				.toURL()
				.openStream()) {
				return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException | IllegalArgumentException ex) {
				return null;
			}
		}

		@SuppressWarnings("unchecked")
		static Known parse(String json) {
			List<String> names = new ArrayList<>();
			List<String> containers = new ArrayList<>();
			List<Object> properties = (List<Object>) MetadataJson.parseObject(json)
				.getOrDefault("properties", List.of());
			for (Object entry : properties) {
				Map<String, Object> property = (Map<String, Object>) entry;
				String name = (String) property.get("name");
				if (name == null || !name.startsWith(PREFIX)) {
					continue;
				}
				names.add(name);
				String type = String.valueOf(property.get("type"));
				if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
						|| type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
						|| type.endsWith("[]")) {
					containers.add(name);
				}
			}
			return new Known(List.copyOf(names), List.copyOf(containers));
		}

		boolean accepts(ConfigurationPropertyName name) {
			return this.properties.contains(name)
					|| this.containers.stream().anyMatch((container) -> container.isAncestorOf(name));
		}

		boolean acceptsVariable(String variable) {
			String upper = variable.toUpperCase(Locale.ROOT);
			for (String name : this.names) {
				String dashed = name.toUpperCase(Locale.ROOT).replace('.', '_');
				if (upper.equals(dashed.replace("-", "")) || upper.equals(dashed.replace('-', '_'))) {
					return true;
				}
			}
			for (ConfigurationPropertyName container : this.containers) {
				String dashed = container.toString().toUpperCase(Locale.ROOT).replace('.', '_');
				if (upper.startsWith(dashed.replace("-", "") + "_")
						|| upper.startsWith(dashed.replace('-', '_') + "_")) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Return the property closest to a mistyped one, or {@code null}.
		 */
		@Nullable String nearest(String name) {
			List<String> suffixes = this.names.stream().map((known) -> known.substring(PREFIX.length())).toList();
			String nearest = Suggestions.nearest(name.substring(PREFIX.length()), suffixes);
			return (nearest != null) ? PREFIX + nearest : null;
		}

		/**
		 * Return the variable of the property closest to a mistyped variable, or
		 * {@code null}.
		 */
		@Nullable String nearestVariable(String variable) {
			String typed = variable.substring(VARIABLE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
			List<String> suffixes = this.names.stream()
				.map((known) -> known.substring(PREFIX.length()).replace('-', '.'))
				.toList();
			String nearest = Suggestions.nearest(typed, suffixes);
			return (nearest != null) ? VARIABLE_PREFIX + nearest.toUpperCase(Locale.ROOT).replace('.', '_') : null;
		}

		List<String> names() {
			return this.names;
		}

	}

}
