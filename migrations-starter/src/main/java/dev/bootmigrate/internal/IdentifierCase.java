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

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a database stores unquoted identifiers and compares the names it stored: how
 * {@link SchemaMetaData} folds a name before looking it up, and matches what it found.
 *
 * @author the bootmigrate authors
 */
enum IdentifierCase {

	/**
	 * Stored in upper case, compared exactly: H2, the SQL standard.
	 */
	UPPER,

	/**
	 * Stored in lower case, compared exactly: PostgreSQL.
	 */
	LOWER,

	/**
	 * Stored as written, compared exactly: MariaDB's table names on Linux.
	 */
	AS_WRITTEN,

	/**
	 * Stored as written, compared ignoring case: MariaDB's column and index names.
	 */
	ANY_CASE;

	/**
	 * Return the case the driver's metadata reports.
	 * @param metaData the metadata
	 * @return the case
	 * @throws SQLException on failure
	 */
	static IdentifierCase of(DatabaseMetaData metaData) throws SQLException {
		if (metaData.storesUpperCaseIdentifiers()) {
			return UPPER;
		}
		if (metaData.storesLowerCaseIdentifiers()) {
			return LOWER;
		}
		return metaData.supportsMixedCaseIdentifiers() ? AS_WRITTEN : ANY_CASE;
	}

	/**
	 * Return the given unquoted name as the database stores it.
	 * @param name the name
	 * @return the stored name
	 */
	String fold(String name) {
		return switch (this) {
			case UPPER -> name.toUpperCase(Locale.ROOT);
			case LOWER -> name.toLowerCase(Locale.ROOT);
			default -> name;
		};
	}

	/**
	 * Return whether a stored name is the one the given unquoted name refers to.
	 * @param stored the stored name, as the metadata returns it
	 * @param name the unquoted name
	 * @return whether they are the same
	 */
	boolean matches(@Nullable String stored, String name) {
		return (this != ANY_CASE) ? fold(name).equals(stored) : name.equalsIgnoreCase(stored);
	}

}
