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

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the SQL migrations of the default location, {@code classpath:db/migration},
 * as resources of a native image; {@link SqlMigrationsAotProcessor} registers those of
 * the locations an application configures.
 *
 * @author the bootmigrate authors
 */
class SqlMigrationsRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The default location, as {@code migrations.locations} defaults to it.
	 */
	static final String DEFAULT_LOCATION = "classpath:db/migration";

	private static final String CLASSPATH = "classpath:";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		register(hints, List.of(DEFAULT_LOCATION));
	}

	/**
	 * Register the SQL files of the given locations that are on the class path.
	 * @param hints the hints
	 * @param locations the locations, as {@code migrations.locations} lists them
	 */
	static void register(RuntimeHints hints, List<String> locations) {
		for (String location : locations) {
			String directory = directory(location.strip());
			if (directory != null) {
				hints.resources().registerPattern(directory.isEmpty() ? "**/*.sql" : directory + "/**/*.sql");
			}
		}
	}

	/**
	 * Return the directory of a location on the class path, without leading or trailing
	 * slashes, or {@code null} for a location on the file system.
	 */
	private static @Nullable String directory(String location) {
		if (!location.startsWith(CLASSPATH) && location.contains(":")) {
			return null;
		}
		String directory = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
		while (directory.startsWith("/")) {
			directory = directory.substring(1);
		}
		while (directory.endsWith("/")) {
			directory = directory.substring(0, directory.length() - 1);
		}
		return directory;
	}

}
