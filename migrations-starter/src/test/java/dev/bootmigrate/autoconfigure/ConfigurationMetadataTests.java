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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that the generated configuration metadata describes every property and that the
 * configuration reference in {@code docs/configuration.md} documents each of them with
 * the default the code has.
 *
 * @author the bootmigrate authors
 */
class ConfigurationMetadataTests {

	private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(migrations\\.[a-z.-]+)` \\| ([^|]*) \\|");

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<Map<String, Object>> properties = metadataProperties();
		assertThat(properties).isNotEmpty()
			.allSatisfy((property) -> assertThat((String) property.get("description")).as((String) property.get("name"))
				.isNotBlank()
				.doesNotContain("<")
				.endsWith("."));
	}

	@Test
	void referenceDocumentsEveryPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = documentedDefaults();
		Map<String, String> actual = new LinkedHashMap<>();
		for (Map<String, Object> property : metadataProperties()) {
			if (!((String) property.get("name")).startsWith("migrations.")) {
				// The endpoint's own properties (management.endpoint.migrations.*) follow
				// Boot's
				continue;
			}
			Object defaultValue = property.get("defaultValue");
			if (defaultValue instanceof List<?> values) {
				// Documented as it is written in a property: comma-separated
				defaultValue = String.join(",", values.stream().map(String::valueOf).toList());
			}
			actual.put((String) property.get("name"), (defaultValue != null) ? "`" + defaultValue + "`" : null);
		}
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(actual.keySet());
		actual.forEach((name, defaultValue) -> {
			if (defaultValue != null) {
				assertThat(documented.get(name)).as(name).isEqualTo(defaultValue);
			}
			else {
				assertThat(documented.get(name)).as(name).startsWith("(");
			}
		});
	}

	@Test
	void everyDocumentedPropertyIsAcceptedAndAMistypedOneIsNot() throws IOException {
		Map<String, Object> properties = new LinkedHashMap<>();
		documentedDefaults().keySet().forEach((name) -> properties.put(name, "x"));
		properties.put("migrations.placeholders.any-name", "x");
		properties.put("migrations.unknown-properties", "fail");
		assertThat(properties).hasSizeGreaterThan(25);
		assertThatNoException().isThrownBy(() -> checkUnknownProperties(properties));
		properties.put("migrations.placeholder.owner", "x");
		assertThatExceptionOfType(UnknownMigrationsPropertiesException.class)
			.isThrownBy(() -> checkUnknownProperties(properties))
			.satisfies((ex) -> assertThat(ex.getProperties()).singleElement()
				.asString()
				.startsWith("migrations.placeholder.owner"));
	}

	private static void checkUnknownProperties(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new UnknownPropertiesEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(environment,
				new SpringApplication());
	}

	private static Map<String, String> documentedDefaults() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("../docs/configuration.md"))) {
			Matcher matcher = DOCUMENTED.matcher(line);
			if (matcher.find()) {
				documented.put(matcher.group(1), matcher.group(2).strip());
			}
		}
		return documented;
	}

	private static List<Map<String, Object>> metadataProperties() throws IOException {
		try (InputStream metadata = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("generated configuration metadata").isNotNull();
			return JsonPath.read(metadata, "$.properties");
		}
	}

}
