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

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.bootmigrate.ColumnInfo;
import dev.bootmigrate.SchemaInspector;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * The {@link SchemaInspector} of a migration: each question is answered by
 * {@link SchemaMetaData} on the connection of the migration's template (its
 * transaction's, or its own auto-commit connection), about that connection's current
 * schema.
 *
 * @author the bootmigrate authors
 */
final class DefaultSchemaInspector implements SchemaInspector {

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	DefaultSchemaInspector(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	@Override
	public boolean tableExists(String table) {
		requireName(table, "table");
		return ask((schema) -> schema.tableExists(table));
	}

	@Override
	public boolean viewExists(String view) {
		requireName(view, "view");
		return ask((schema) -> schema.viewExists(view));
	}

	@Override
	public Optional<ColumnInfo> column(String table, String column) {
		requireName(table, "table");
		requireName(column, "column");
		return this.jdbc.execute((ConnectionCallback<Optional<ColumnInfo>>) (connection) -> Optional
			.ofNullable(SchemaMetaData.of(connection, this.dialect, null).column(table, column)));
	}

	@Override
	public boolean indexExists(String table, String index) {
		requireName(table, "table");
		requireName(index, "index");
		return ask((schema) -> schema.indexExists(table, index));
	}

	@Override
	public boolean uniqueConstraintExists(String table, String... columns) {
		requireName(table, "table");
		List<String> columnList = requireColumns(Arrays.asList(columns));
		return ask((schema) -> schema.uniqueConstraintExists(table, columnList));
	}

	@Override
	public boolean foreignKeyExists(String table, List<String> columns, String referencedTable) {
		requireName(table, "table");
		List<String> columnList = requireColumns(columns);
		requireName(referencedTable, "referenced table");
		return ask((schema) -> schema.foreignKeyExists(table, columnList, referencedTable));
	}

	@Override
	public boolean schemaExists(String schema) {
		requireName(schema, "schema");
		return ask((metaData) -> metaData.schemaExists(schema));
	}

	private boolean ask(Question question) {
		return Objects.requireNonNull(this.jdbc.execute((ConnectionCallback<Boolean>) (connection) -> question
			.ask(SchemaMetaData.of(connection, this.dialect, null))));
	}

	private static void requireName(String name, String kind) {
		Assert.hasText(name, () -> "The " + kind + " name must not be empty");
	}

	private static List<String> requireColumns(List<String> columns) {
		Assert.notEmpty(columns, "At least one column name is required");
		columns.forEach((column) -> requireName(column, "column"));
		return List.copyOf(columns);
	}

	/**
	 * A yes-or-no question about the current schema.
	 */
	@FunctionalInterface
	private interface Question {

		boolean ask(SchemaMetaData schema) throws SQLException;

	}

}
