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
package dev.bootmigrate;

/**
 * The version and description of a migration, as reported in results and exceptions. Its
 * string form, used in every message, shows control characters escaped: a reference to a
 * row of the history table holds whatever was written there.
 *
 * @param version the version, empty for a repeatable migration
 * @param description the description
 * @author the bootmigrate authors
 */
public record MigrationRef(String version, String description) {

	@Override
	public String toString() {
		String version = this.version.isEmpty() ? "repeatable" : Printable.escape(this.version);
		return version + " \"" + Printable.escape(this.description) + "\"";
	}

}
