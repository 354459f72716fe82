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

/**
 * Thrown when properties under {@code migrations.*} are not ones the starter knows.
 *
 * @author the bootmigrate authors
 */
class UnknownMigrationsPropertiesException extends RuntimeException {

	private final List<String> properties;

	/**
	 * Create a new exception.
	 * @param properties each unknown property, with where it was set and the property
	 * probably meant
	 */
	UnknownMigrationsPropertiesException(List<String> properties) {
		super("Unknown migrations properties: " + String.join("; ", properties));
		this.properties = properties;
	}

	List<String> getProperties() {
		return this.properties;
	}

}
