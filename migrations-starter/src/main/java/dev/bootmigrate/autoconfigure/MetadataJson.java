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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the starter's configuration metadata (JSON as the configuration processor writes
 * it) into maps, lists, strings and the raw text of other values, whatever JSON library
 * the application has, or none: Spring Boot's {@code BasicJsonParser}, used when Jackson
 * is absent, does not read arrays of objects.
 *
 * @author the bootmigrate authors
 */
final class MetadataJson {

	private final String json;

	private int index;

	private MetadataJson(String json) {
		this.json = json;
	}

	/**
	 * Read a JSON document whose root is an object.
	 * @param json the document
	 * @return its members
	 * @throws IllegalArgumentException if it is not valid JSON
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> parseObject(String json) {
		MetadataJson reader = new MetadataJson(json);
		Object value = reader.value();
		reader.skipWhitespace();
		if (!(value instanceof Map) || reader.index != json.length()) {
			throw reader.invalid("a single object");
		}
		return (Map<String, Object>) value;
	}

	private @Nullable Object value() {
		skipWhitespace();
		char c = peek();
		if (c == '{') {
			return object();
		}
		if (c == '[') {
			return array();
		}
		if (c == '"') {
			return string();
		}
		int start = this.index;
		while (this.index < this.json.length() && ",}] \t\r\n".indexOf(this.json.charAt(this.index)) < 0) {
			this.index++;
		}
		String literal = this.json.substring(start, this.index);
		if (literal.isEmpty()) {
			throw invalid("a value");
		}
		return "null".equals(literal) ? null : literal;
	}

	private Map<String, Object> object() {
		Map<String, Object> members = new LinkedHashMap<>();
		this.index++;
		skipWhitespace();
		if (peek() == '}') {
			this.index++;
			return members;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw invalid("a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			members.put(name, value());
			skipWhitespace();
			if (peek() == '}') {
				this.index++;
				return members;
			}
			expect(',');
		}
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> elements = new ArrayList<>();
		this.index++;
		skipWhitespace();
		if (peek() == ']') {
			this.index++;
			return elements;
		}
		while (true) {
			elements.add(value());
			skipWhitespace();
			if (peek() == ']') {
				this.index++;
				return elements;
			}
			expect(',');
		}
	}

	private String string() {
		StringBuilder text = new StringBuilder();
		this.index++;
		while (true) {
			char c = next();
			if (c == '"') {
				return text.toString();
			}
			if (c != '\\') {
				text.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case 'n' -> text.append('\n');
				case 't' -> text.append('\t');
				case 'r' -> text.append('\r');
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'u' -> {
					if (this.index + 4 > this.json.length()) {
						throw invalid("four hexadecimal digits");
					}
					text.append((char) Integer.parseInt(this.json.substring(this.index, this.index + 4), 16));
					this.index += 4;
				}
				default -> text.append(escaped);
			}
		}
	}

	private void expect(char expected) {
		if (next() != expected) {
			this.index--;
			throw invalid("'" + expected + "'");
		}
	}

	private char peek() {
		if (this.index >= this.json.length()) {
			throw invalid("more");
		}
		return this.json.charAt(this.index);
	}

	private char next() {
		char c = peek();
		this.index++;
		return c;
	}

	private void skipWhitespace() {
		while (this.index < this.json.length() && Character.isWhitespace(this.json.charAt(this.index))) {
			this.index++;
		}
	}

	private IllegalArgumentException invalid(String expected) {
		return new IllegalArgumentException(
				"Invalid configuration metadata: expected " + expected + " at character " + this.index);
	}

}
