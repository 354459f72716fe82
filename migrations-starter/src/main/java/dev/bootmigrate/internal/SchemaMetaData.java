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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.ColumnInfo;
import dev.bootmigrate.SchemaInspector;

/**
 * The questions of {@link SchemaInspector}, answered from the driver's
 * {@link DatabaseMetaData} on one connection about one schema: what the engine asks about
 * its own tables, and what {@link DefaultSchemaInspector} asks for migrations.
 * <p>
 * A name is folded as the {@link Dialect} says the database stores it, escaped where the
 * metadata takes a pattern, and compared again with every row the driver returns, so that
 * neither a wildcard nor a driver that matches patterns ignoring case finds another
 * object. On a database whose schemas are catalogs (MariaDB, MySQL), a schema name is
 * looked up as a catalog.
 *
 * @author the bootmigrate authors
 */
final class SchemaMetaData {

	private static final String[] VIEW = { "VIEW" };

	private final DatabaseMetaData metaData;

	private final Dialect dialect;

	private final String[] tableTypes;

	private final IdentifierCase tableCase;

	private final IdentifierCase columnCase;

	private final boolean schemasAreCatalogs;

	private final @Nullable String catalog;

	private final @Nullable String schema;

	private SchemaMetaData(Connection connection, Dialect dialect, @Nullable String schema) throws SQLException {
		this.metaData = connection.getMetaData();
		this.dialect = dialect;
		this.tableTypes = dialect.tableTypes().toArray(String[]::new);
		this.tableCase = dialect.tableNameCase(this.metaData);
		this.columnCase = dialect.columnNameCase(this.metaData);
		this.schemasAreCatalogs = !this.metaData.supportsSchemasInTableDefinitions()
				&& this.metaData.supportsCatalogsInTableDefinitions();
		if (schema == null) {
			this.catalog = connection.getCatalog();
			this.schema = connection.getSchema();
		}
		else if (this.schemasAreCatalogs) {
			this.catalog = this.tableCase.fold(schema);
			this.schema = null;
		}
		else {
			this.catalog = connection.getCatalog();
			this.schema = this.tableCase.fold(schema);
		}
	}

	/**
	 * Return the metadata of the given schema, read on the given connection.
	 * @param connection the connection
	 * @param dialect the database
	 * @param schema the unquoted schema name, or {@code null} for the connection's
	 * current schema
	 * @return the schema's metadata
	 * @throws SQLException on failure
	 */
	static SchemaMetaData of(Connection connection, Dialect dialect, @Nullable String schema) throws SQLException {
		return new SchemaMetaData(connection, dialect, schema);
	}

	boolean tableExists(String table) throws SQLException {
		return exists(table, this.tableTypes);
	}

	boolean viewExists(String view) throws SQLException {
		return exists(view, VIEW);
	}

	private boolean exists(String name, String[] types) throws SQLException {
		try (ResultSet rows = this.metaData.getTables(this.catalog, pattern(this.schema),
				pattern(this.tableCase.fold(name)), types)) {
			while (rows.next()) {
				if (this.tableCase.matches(rows.getString("TABLE_NAME"), name)) {
					return true;
				}
			}
			return false;
		}
	}

	@Nullable ColumnInfo column(String table, String column) throws SQLException {
		List<ColumnInfo> columns = columns(table, column);
		return columns.isEmpty() ? null : columns.get(0);
	}

	/**
	 * Return the columns of a table or view, in their order.
	 * @param table the table name
	 * @return the columns, empty if the table does not exist
	 * @throws SQLException on failure
	 */
	List<ColumnInfo> columns(String table) throws SQLException {
		return columns(table, null);
	}

	private List<ColumnInfo> columns(String table, @Nullable String column) throws SQLException {
		List<ColumnInfo> columns = new ArrayList<>();
		try (ResultSet rows = this.metaData.getColumns(this.catalog, pattern(this.schema),
				pattern(this.tableCase.fold(table)), (column != null) ? pattern(this.columnCase.fold(column)) : null)) {
			while (rows.next()) {
				String name = rows.getString("COLUMN_NAME");
				if (this.tableCase.matches(rows.getString("TABLE_NAME"), table)
						&& (column == null || this.columnCase.matches(name, column))) {
					columns.add(columnInfo(name, rows));
				}
			}
		}
		return columns;
	}

	private ColumnInfo columnInfo(String name, ResultSet row) throws SQLException {
		int size = row.getInt("COLUMN_SIZE");
		Integer knownSize = row.wasNull() ? null : size;
		boolean nullable = row.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
		return new ColumnInfo(name, row.getString("TYPE_NAME"), knownSize, nullable,
				this.dialect.columnDefault(row.getString("COLUMN_DEF")));
	}

	boolean indexExists(String table, String index) throws SQLException {
		return indexes(table, false).keySet().stream().anyMatch((name) -> this.columnCase.matches(name, index));
	}

	boolean uniqueConstraintExists(String table, Collection<String> columns) throws SQLException {
		return indexes(table, true).values().stream().anyMatch((indexed) -> sameColumns(indexed, columns));
	}

	/**
	 * Return the columns of the indexes of a table by index name: of every index, or of
	 * the unique ones that have no condition.
	 */
	private Map<String, List<@Nullable String>> indexes(String table, boolean uniqueOnly) throws SQLException {
		Map<String, List<@Nullable String>> indexes = new LinkedHashMap<>();
		Set<String> partial = new HashSet<>();
		try (ResultSet rows = this.metaData.getIndexInfo(this.catalog, this.schema, this.tableCase.fold(table),
				uniqueOnly, true)) {
			while (rows.next()) {
				String name = rows.getString("INDEX_NAME");
				if (name == null || rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
						|| !this.tableCase.matches(rows.getString("TABLE_NAME"), table)
						|| (uniqueOnly && rows.getBoolean("NON_UNIQUE"))) {
					continue;
				}
				if (rows.getString("FILTER_CONDITION") != null) {
					partial.add(name);
				}
				indexes.computeIfAbsent(name, (key) -> new ArrayList<>()).add(rows.getString("COLUMN_NAME"));
			}
		}
		if (uniqueOnly) {
			partial.addAll(this.dialect.partialIndexes(this.metaData.getConnection(), this.tableCase.fold(table)));
			indexes.keySet().removeAll(partial);
		}
		return indexes;
	}

	boolean foreignKeyExists(String table, Collection<String> columns, String referencedTable) throws SQLException {
		Map<@Nullable String, List<@Nullable String>> keys = new LinkedHashMap<>();
		try (ResultSet rows = this.metaData.getImportedKeys(this.catalog, this.schema, this.tableCase.fold(table))) {
			while (rows.next()) {
				if (this.tableCase.matches(rows.getString("FKTABLE_NAME"), table)
						&& this.tableCase.matches(rows.getString("PKTABLE_NAME"), referencedTable)
						&& inThisSchema(rows.getString("PKTABLE_CAT"), rows.getString("PKTABLE_SCHEM"))) {
					keys.computeIfAbsent(rows.getString("FK_NAME"), (key) -> new ArrayList<>())
						.add(rows.getString("FKCOLUMN_NAME"));
				}
			}
		}
		return keys.values().stream().anyMatch((keyColumns) -> sameColumns(keyColumns, columns));
	}

	/**
	 * Whether the catalog and schema of a row are this schema's; a driver that leaves
	 * them out is taken at its word.
	 */
	private boolean inThisSchema(@Nullable String catalog, @Nullable String schema) {
		return (catalog == null || this.catalog == null || catalog.equals(this.catalog))
				&& (schema == null || this.schema == null || schema.equals(this.schema));
	}

	boolean schemaExists(String schema) throws SQLException {
		// Every schema, compared by name: not every driver takes a pattern
		try (ResultSet rows = this.schemasAreCatalogs ? this.metaData.getCatalogs() : this.metaData.getSchemas()) {
			while (rows.next()) {
				if (this.tableCase.matches(rows.getString(this.schemasAreCatalogs ? "TABLE_CAT" : "TABLE_SCHEM"),
						schema)) {
					return true;
				}
			}
			return false;
		}
	}

	/**
	 * Whether the stored columns and the given ones are the same set.
	 */
	private boolean sameColumns(List<@Nullable String> stored, Collection<String> columns) {
		return columns.stream()
			.allMatch((column) -> stored.stream().anyMatch((name) -> this.columnCase.matches(name, column)))
				&& stored.stream()
					.allMatch((name) -> columns.stream().anyMatch((column) -> this.columnCase.matches(name, column)));
	}

	/**
	 * Return the given stored name as a metadata pattern that matches only itself.
	 */
	private @Nullable String pattern(@Nullable String name) throws SQLException {
		String escape = this.metaData.getSearchStringEscape();
		if (name == null || escape == null || escape.isEmpty()) {
			return name;
		}
		StringBuilder pattern = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (ch == '_' || ch == '%' || escape.indexOf(ch) >= 0) {
				pattern.append(escape);
			}
			pattern.append(ch);
		}
		return pattern.toString();
	}

}
