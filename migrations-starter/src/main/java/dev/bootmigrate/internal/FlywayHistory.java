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

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationException;

/**
 * Flyway's history table ({@code flyway_schema_history} by default), found and read to
 * adopt a database that Flyway migrated; never written. Flyway quotes the names it
 * creates, in the case it was given, so the table is looked up in the driver's metadata
 * as written, in lower case and in upper case, and quoted as it is stored; its columns
 * are read by name, ignoring case.
 *
 * @author the bootmigrate authors
 */
final class FlywayHistory {

	/**
	 * Flyway's default table name.
	 */
	static final String DEFAULT_TABLE = "flyway_schema_history";

	private final @Nullable String schema;

	private final String table;

	/**
	 * Describe Flyway's history table.
	 * @param name its name, qualified by its schema or not
	 * @throws IllegalArgumentException if the name is not a plain identifier, qualified
	 * or not
	 */
	FlywayHistory(String name) {
		String problem = nameProblem(name);
		if (problem != null) {
			throw new IllegalArgumentException("Flyway's table name '" + name + "' " + problem);
		}
		int dot = name.indexOf('.');
		this.schema = (dot >= 0) ? name.substring(0, dot) : null;
		this.table = name.substring(dot + 1);
	}

	/**
	 * Return why the given name cannot name Flyway's history table, or {@code null} if it
	 * can.
	 * @param name the name
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	static @Nullable String nameProblem(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return "is empty";
		}
		String[] parts = name.split("\\.", -1);
		if (parts.length > 2) {
			return "has more than one dot: give the table, or the schema and the table (schema.table)";
		}
		for (String part : parts) {
			if (part.isEmpty() || !isPlainIdentifier(part)) {
				return "is not a table name, or a schema and a table name (schema.table), made of letters, digits "
						+ "and '_', each starting with a letter or '_'";
			}
		}
		return null;
	}

	private static boolean isPlainIdentifier(String name) {
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			boolean letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_';
			if (!letter && (i == 0 || ch < '0' || ch > '9')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the name of the table as configured.
	 * @return the name
	 */
	String name() {
		return (this.schema != null) ? this.schema + "." + this.table : this.table;
	}

	/**
	 * Find the table: in its schema, or in the connection's current schema.
	 * @param connection the connection
	 * @return the table's name as the database stores it, quoted and qualified as
	 * configured, or {@code null} if it does not exist
	 * @throws SQLException on failure
	 */
	@Nullable String find(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		boolean schemasAreCatalogs = !metaData.supportsSchemasInTableDefinitions()
				&& metaData.supportsCatalogsInTableDefinitions();
		String currentCatalog = connection.getCatalog();
		String currentSchema = schemasAreCatalogs ? currentCatalog : connection.getSchema();
		String escape = metaData.getSearchStringEscape();
		Set<String> candidates = new LinkedHashSet<>(
				List.of(this.table, this.table.toLowerCase(Locale.ROOT), this.table.toUpperCase(Locale.ROOT)));
		for (String candidate : candidates) {
			String pattern = (escape != null)
					? candidate.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%")
					: candidate;
			try (ResultSet rows = metaData.getTables(schemasAreCatalogs ? null : currentCatalog, null, pattern, null)) {
				while (rows.next()) {
					String stored = rows.getString("TABLE_NAME");
					String schema = rows.getString(schemasAreCatalogs ? "TABLE_CAT" : "TABLE_SCHEM");
					if (candidate.equals(stored) && inSchema(schema, currentSchema)) {
						return qualified(metaData, schema, stored);
					}
				}
			}
		}
		return null;
	}

	private boolean inSchema(@Nullable String schema, @Nullable String currentSchema) {
		if (this.schema != null) {
			return this.schema.equalsIgnoreCase(schema);
		}
		return schema == null || currentSchema == null || schema.equals(currentSchema);
	}

	private String qualified(DatabaseMetaData metaData, @Nullable String schema, String table) throws SQLException {
		String quote = metaData.getIdentifierQuoteString();
		quote = (quote == null || quote.isBlank()) ? "" : quote.strip();
		String quoted = quote(table, quote);
		return (this.schema != null && schema != null) ? quote(schema, quote) + "." + quoted : quoted;
	}

	private static String quote(String name, String quote) {
		return quote.isEmpty() ? name : quote + name.replace(quote, quote + quote) + quote;
	}

	/**
	 * Read every row of the table.
	 * @param connection the connection
	 * @param table the table as {@link #find(Connection)} returned it
	 * @return the rows, by rank
	 * @throws MigrationException if the table lacks a column of Flyway's history table
	 * @throws SQLException on failure
	 */
	List<Row> read(Connection connection, String table) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
			Map<String, Integer> columns = columns(result.getMetaData(), table);
			while (result.next()) {
				int checksum = result.getInt(columns.get("checksum"));
				Integer optionalChecksum = result.wasNull() ? null : checksum;
				Timestamp installedOn = result.getTimestamp(columns.get("installed_on"));
				rows.add(new Row(result.getInt(columns.get("installed_rank")), result.getString(columns.get("version")),
						stringOrEmpty(result, columns, "description"), stringOrEmpty(result, columns, "type"),
						stringOrEmpty(result, columns, "script"), optionalChecksum,
						stringOrEmpty(result, columns, "installed_by"),
						(installedOn != null) ? installedOn.toInstant() : Instant.now(),
						result.getInt(columns.get("execution_time")), result.getBoolean(columns.get("success"))));
			}
		}
		rows.sort(Comparator.comparingInt(Row::rank));
		return rows;
	}

	private static String stringOrEmpty(ResultSet result, Map<String, Integer> columns, String column)
			throws SQLException {
		String value = result.getString(columns.get(column));
		return (value != null) ? value : "";
	}

	private Map<String, Integer> columns(ResultSetMetaData metaData, String table) throws SQLException {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 1; i <= metaData.getColumnCount(); i++) {
			columns.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
		}
		List<String> missing = new ArrayList<>();
		for (String column : List.of("installed_rank", "version", "description", "type", "script", "checksum",
				"installed_by", "installed_on", "execution_time", "success")) {
			if (!columns.containsKey(column)) {
				missing.add(column);
			}
		}
		if (!missing.isEmpty()) {
			throw new MigrationException("The table " + table + " is not Flyway's history table: it has no "
					+ String.join(", ", missing) + " column" + ((missing.size() != 1) ? "s" : "")
					+ ". Set migrations.flyway.table to the name of Flyway's table, or migrations.flyway.adopt=false");
		}
		return columns;
	}

	@Override
	public String toString() {
		return name();
	}

	/**
	 * A row of Flyway's history table.
	 *
	 * @param rank the order in which Flyway recorded it
	 * @param version the version, {@code null} for a repeatable migration
	 * @param description the description
	 * @param type how Flyway applied it: {@code SQL}, {@code JDBC}, {@code BASELINE},
	 * {@code SCHEMA}, {@code DELETE}...
	 * @param script the script or class
	 * @param checksum the checksum, or {@code null}
	 * @param installedBy who applied it
	 * @param installedOn when it was applied
	 * @param executionTime how long it took, in milliseconds
	 * @param success whether it succeeded
	 */
	record Row(int rank, @Nullable String version, String description, String type, String script,
			@Nullable Integer checksum, String installedBy, Instant installedOn, int executionTime, boolean success) {

		/**
		 * Whether this row records Flyway's baseline: the schema was at its version when
		 * Flyway took over.
		 * @return whether it is a baseline
		 */
		boolean baseline() {
			return this.type.equals("BASELINE") || this.type.endsWith("_BASELINE");
		}

		/**
		 * Whether this row records no migration but something Flyway did itself: created
		 * schemas, or its table (a row of version {@code null} and a description such as
		 * {@code << Flyway Schema History table created >>}).
		 * @return whether it is a marker of Flyway's own
		 */
		boolean marker() {
			return this.type.equals("SCHEMA") || this.type.equals("TABLE")
					|| (!baseline() && this.description.startsWith("<< ") && this.description.endsWith(" >>"));
		}

		/**
		 * Whether this row takes back an earlier one of its version: Flyway's repair
		 * marked it deleted, or an undo migration reverted it.
		 * @return whether it takes back its version
		 */
		boolean takesBack() {
			return this.type.equals("DELETE") || this.type.startsWith("UNDO");
		}

	}

}
