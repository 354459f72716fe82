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

import org.jspecify.annotations.Nullable;

/**
 * One difference between the application's entity model and the database's schema, found
 * by drift detection: each names the entity and field, and the table and column (or
 * sequence) it concerns.
 *
 * @param kind what kind of difference it is
 * @param entity the entity, or {@code null} when no entity maps the object alone
 * @param field the entity's field, or {@code null} for a table or a sequence
 * @param table the table, or the sequence for a sequence difference
 * @param column the column, or {@code null} for a table or a sequence
 * @param expected what the entity model expects, or {@code null} for a missing object
 * @param actual what the database has, or {@code null} for a missing object
 * @author the bootmigrate authors
 */
public record SchemaDifference(Kind kind, @Nullable String entity, @Nullable String field, String table,
		@Nullable String column, @Nullable String expected, @Nullable String actual) {

	/**
	 * Describe this difference on one line, naming the entity, the field, the table and
	 * the column.
	 */
	@Override
	public String toString() {
		String owner = (this.entity != null) ? this.entity + ((this.field != null) ? "." + this.field : "") : "";
		String prefix = owner.isEmpty() ? "" : owner + ": ";
		String column = this.table + "." + this.column;
		return prefix + switch (this.kind) {
			case MISSING_TABLE -> "table " + this.table + " is missing";
			case MISSING_COLUMN -> "column " + column + " is missing (the entity expects " + this.expected + ")";
			case COLUMN_TYPE -> "column " + column + " is " + this.actual + ", the entity expects " + this.expected;
			case COLUMN_NULLABILITY -> "column " + column + " accepts NULL, the entity requires a value";
			case MISSING_SEQUENCE -> "sequence " + this.table + " is missing";
			case SEQUENCE_INCREMENT ->
				"sequence " + this.table + " increments by " + this.actual + ", the entity expects " + this.expected;
		};
	}

	/**
	 * The kinds of differences.
	 */
	public enum Kind {

		/**
		 * An entity's table does not exist.
		 */
		MISSING_TABLE,

		/**
		 * A column an entity maps does not exist.
		 */
		MISSING_COLUMN,

		/**
		 * A column's type is not the one the entity maps (as Hibernate's validation
		 * compares them).
		 */
		COLUMN_TYPE,

		/**
		 * The entity requires a value (the column is mapped {@code NOT NULL}) but the
		 * column accepts {@code NULL}.
		 */
		COLUMN_NULLABILITY,

		/**
		 * A sequence the entities' generated ids use does not exist.
		 */
		MISSING_SEQUENCE,

		/**
		 * A sequence increments by another step than the id generator allocates.
		 */
		SEQUENCE_INCREMENT

	}

}
