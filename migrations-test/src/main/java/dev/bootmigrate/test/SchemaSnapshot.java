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
package dev.bootmigrate.test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * What the connection's current schema holds, read from the driver's metadata: tables,
 * views and sequences, each column's type, size, nullability and default, primary keys,
 * indexes (unique or not) and foreign keys. Names the database generates for indexes and
 * constraints differ from one run to the next, so those are compared by what they cover.
 * The history table and its lock table are left out.
 *
 * @author the bootmigrate authors
 */
final class SchemaSnapshot {

	private final Map<String, String> objects;

	private SchemaSnapshot(Map<String, String> objects) {
		this.objects = objects;
	}

	static SchemaSnapshot read(DataSource dataSource, Set<String> ignoredTables) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return read(connection, ignoredTables);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the schema: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static SchemaSnapshot read(Connection connection, Set<String> ignoredTables) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String catalog = connection.getCatalog();
		String schema = connection.getSchema();
		Map<String, String> objects = new TreeMap<>();
		List<String> tables = new ArrayList<>();
		try (ResultSet rows = metaData.getTables(catalog, schema, "%", null)) {
			while (rows.next()) {
				String name = rows.getString("TABLE_NAME");
				String type = String.valueOf(rows.getString("TABLE_TYPE")).toLowerCase(Locale.ROOT);
				if (ignoredTables.contains(lower(name)) || !schema(rows, schema)) {
					continue;
				}
				if (type.equals("table") || type.equals("base table")) {
					objects.put("table " + lower(name), "exists");
					tables.add(name);
				}
				else if (type.equals("view") || type.equals("sequence")) {
					objects.put(type + " " + lower(name), "exists");
				}
			}
		}
		for (String table : tables) {
			readTable(metaData, catalog, schema, table, objects);
		}
		return new SchemaSnapshot(objects);
	}

	private static void readTable(DatabaseMetaData metaData, @Nullable String catalog, @Nullable String schema,
			String table, Map<String, String> objects) throws SQLException {
		String name = lower(table);
		try (ResultSet rows = metaData.getColumns(catalog, schema, table, "%")) {
			while (rows.next()) {
				if (!table.equals(rows.getString("TABLE_NAME"))) {
					continue;
				}
				String type = lower(rows.getString("TYPE_NAME")) + "(" + rows.getInt("COLUMN_SIZE")
						+ ((rows.getInt("DECIMAL_DIGITS") != 0) ? ", " + rows.getInt("DECIMAL_DIGITS") : "") + ")";
				String nullable = (rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls) ? "not null" : "null";
				String defaultValue = rows.getString("COLUMN_DEF");
				objects.put("column " + name + "." + lower(rows.getString("COLUMN_NAME")),
						type + " " + nullable + ((defaultValue != null) ? " default " + defaultValue.strip() : ""));
			}
		}
		Map<Integer, String> primaryKey = new TreeMap<>();
		try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, table)) {
			while (rows.next()) {
				primaryKey.put(rows.getInt("KEY_SEQ"), lower(rows.getString("COLUMN_NAME")));
			}
		}
		if (!primaryKey.isEmpty()) {
			objects.put("primary key of " + name + " (" + String.join(", ", primaryKey.values()) + ")", "exists");
		}
		Map<String, Map<Integer, String>> indexes = new TreeMap<>();
		Map<String, Boolean> unique = new TreeMap<>();
		try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, false, false)) {
			while (rows.next()) {
				String index = rows.getString("INDEX_NAME");
				String column = rows.getString("COLUMN_NAME");
				if (index == null || column == null) {
					continue;
				}
				indexes.computeIfAbsent(index, (key) -> new TreeMap<>())
					.put(rows.getInt("ORDINAL_POSITION"), lower(column));
				unique.put(index, !rows.getBoolean("NON_UNIQUE"));
			}
		}
		indexes.forEach((index, columns) -> {
			String key = (unique.get(index) ? "unique index on " : "index on ") + name + " ("
					+ String.join(", ", columns.values()) + ")";
			objects.merge(key, "1", (count, one) -> String.valueOf(Integer.parseInt(count) + 1));
		});
		Map<String, List<String>> foreignKeys = new TreeMap<>();
		try (ResultSet rows = metaData.getImportedKeys(catalog, schema, table)) {
			while (rows.next()) {
				String key = String.valueOf(rows.getString("FK_NAME"));
				List<String> parts = foreignKeys.computeIfAbsent(key, (k) -> new ArrayList<>(List.of("", "", "")));
				parts.set(0, lower(rows.getString("PKTABLE_NAME")));
				parts.set(1,
						parts.get(1) + (parts.get(1).isEmpty() ? "" : ", ") + lower(rows.getString("FKCOLUMN_NAME")));
				parts.set(2,
						parts.get(2) + (parts.get(2).isEmpty() ? "" : ", ") + lower(rows.getString("PKCOLUMN_NAME")));
			}
		}
		foreignKeys.values()
			.forEach((parts) -> objects.put("foreign key " + name + " (" + parts.get(1) + ") references " + parts.get(0)
					+ " (" + parts.get(2) + ")", "exists"));
	}

	private static boolean schema(ResultSet rows, @Nullable String schema) throws SQLException {
		String rowSchema = rows.getString("TABLE_SCHEM");
		return schema == null || rowSchema == null || schema.equalsIgnoreCase(rowSchema);
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Return how the given schema differs from this one, one line each, empty when they
	 * are the same.
	 */
	List<String> differencesFrom(SchemaSnapshot expected) {
		List<String> differences = new ArrayList<>();
		expected.objects.forEach((key, value) -> {
			String actual = this.objects.get(key);
			if (actual == null) {
				differences.add(describe(key, value) + " is missing");
			}
			else if (!actual.equals(value)) {
				differences.add(key + " is " + actual + ", was " + value);
			}
		});
		this.objects.forEach((key, value) -> {
			if (!expected.objects.containsKey(key)) {
				differences.add(describe(key, value) + " was not there");
			}
		});
		return differences;
	}

	private static String describe(String key, String value) {
		return key.startsWith("column ") ? key + " (" + value + ")" : key;
	}

}
