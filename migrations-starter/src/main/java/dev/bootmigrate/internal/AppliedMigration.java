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
package dev.bootmigrate.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row of the history table: a migration recorded as applied.
 *
 * @param version the version
 * @param description the description at the time it was applied
 * @param type how it was applied, one of the {@code TYPE_*} constants
 * @param checksum the checksum recorded, or {@code null}
 * @param installedBy who applied it
 * @param installedOn when it was applied
 * @param executionMs how long it took, in milliseconds
 * @author the bootmigrate authors
 */
public record AppliedMigration(String version, String description, String type, @Nullable String checksum,
		String installedBy, @Nullable Instant installedOn, long executionMs) {

	/**
	 * Type of a migration applied inside a transaction.
	 */
	public static final String TYPE_TRANSACTIONAL = "JAVA";

	/**
	 * Type of a migration applied in auto-commit mode.
	 */
	public static final String TYPE_NON_TRANSACTIONAL = "JAVA_NO_TX";

	/**
	 * Type of a migration recorded as applied without running it.
	 */
	public static final String TYPE_MARKED = "MARKED";

}
