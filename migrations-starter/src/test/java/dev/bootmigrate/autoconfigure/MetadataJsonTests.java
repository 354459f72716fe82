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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The starter reads its own configuration metadata without any JSON library of the
 * application's.
 *
 * @author the bootmigrate authors
 */
class MetadataJsonTests {

	@Test
	@SuppressWarnings("unchecked")
	void readsTheStartersGeneratedMetadata() throws IOException {
		String json;
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<Object> properties = (List<Object>) MetadataJson.parseObject(json).get("properties");
		assertThat(properties).isNotEmpty()
			.allSatisfy((property) -> assertThat(property).isInstanceOf(Map.class))
			.anySatisfy((property) -> assertThat(((Map<String, Object>) property).get("name"))
				.isEqualTo("migrations.command"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void readsNestedValuesEscapesAndLiterals() {
		Map<String, Object> document = MetadataJson.parseObject("""
				{ "properties": [ {"name": "a.b", "defaultValue": true, "description": "Say \\"hi\\"\\n\\u00e9"},
				{"name": "c", "defaultValue": 30, "x": null, "list": [], "map": {}} ] }
				""");
		List<Map<String, Object>> properties = (List<Map<String, Object>>) document.get("properties");
		assertThat(properties).hasSize(2);
		assertThat(properties.get(0)).containsExactly(entry("name", "a.b"), entry("defaultValue", "true"),
				entry("description", "Say \"hi\"\né"));
		assertThat(properties.get(1)).containsEntry("name", "c")
			.containsEntry("defaultValue", "30")
			.containsEntry("x", null)
			.containsEntry("list", List.of())
			.containsEntry("map", Map.of());
	}

	@Test
	void refusesWhatIsNotOneObject() {
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseObject("[1, 2]"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseObject("{\"a\": 1"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseObject("{\"a\": 1} x"));
	}

}
