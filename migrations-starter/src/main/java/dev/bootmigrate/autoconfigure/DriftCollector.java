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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.spi.ColumnInformation;
import org.hibernate.tool.schema.extract.spi.DatabaseInformation;
import org.hibernate.tool.schema.extract.spi.NameSpaceTablesInformation;
import org.hibernate.tool.schema.extract.spi.SequenceInformation;
import org.hibernate.tool.schema.extract.spi.TableInformation;
import org.hibernate.tool.schema.internal.AbstractSchemaValidator;
import org.hibernate.tool.schema.internal.HibernateSchemaManagementTool;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.SchemaDifference;
import dev.bootmigrate.SchemaDifference.Kind;

/**
 * Hibernate's schema validator, made to collect every difference instead of stopping at
 * the first: it reads the database as Hibernate's validation does, and compares each
 * column's type with Hibernate's own rule (the validator's {@code validateColumnType}),
 * then adds what the validator does not check: a column that accepts {@code NULL} where
 * the entity requires a value.
 *
 * @author the bootmigrate authors
 */
final class DriftCollector extends AbstractSchemaValidator {

	private final EntityNames names;

	private final List<SchemaDifference> differences = new ArrayList<>();

	DriftCollector(HibernateSchemaManagementTool tool, EntityNames names) {
		super(tool, SchemaFilter.ALL);
		this.names = names;
	}

	List<SchemaDifference> differences() {
		return List.copyOf(this.differences);
	}

	@Override
	protected void validateTables(Metadata metadata, DatabaseInformation databaseInformation, ExecutionOptions options,
			ContributableMatcher contributableInclusionFilter, Dialect dialect, Namespace namespace) {
		NameSpaceTablesInformation tables = databaseInformation.getTablesInformation(namespace);
		for (Table table : namespace.getTables()) {
			if (this.schemaFilter.includeTable(table) && table.isPhysicalTable()
					&& contributableInclusionFilter.matches(table)) {
				compare(table, tables.getTableInformation(table), metadata, dialect);
			}
		}
	}

	private void compare(Table table, @Nullable TableInformation tableInformation, Metadata metadata, Dialect dialect) {
		String tableName = table.getName();
		if (tableInformation == null) {
			add(Kind.MISSING_TABLE, this.names.entity(table), null, tableName, null, null, null);
			return;
		}
		for (Column column : table.getColumns()) {
			String entity = this.names.entity(table, column);
			String field = this.names.field(table, column);
			String expected = column.getSqlType(metadata).toLowerCase(Locale.ROOT);
			ColumnInformation existing = tableInformation.getColumn(Identifier.toIdentifier(column.getQuotedName()));
			if (existing == null) {
				add(Kind.MISSING_COLUMN, entity, field, tableName, column.getName(), expected, null);
				continue;
			}
			try {
				validateColumnType(table, column, existing, metadata, dialect);
			}
			catch (SchemaManagementException ex) {
				add(Kind.COLUMN_TYPE, entity, field, tableName, column.getName(), expected,
						existing.getTypeName().toLowerCase(Locale.ROOT));
			}
			if (!column.isNullable() && Boolean.TRUE.equals(existing.getNullable())) {
				add(Kind.COLUMN_NULLABILITY, entity, field, tableName, column.getName(), "not null", "null");
			}
		}
	}

	@Override
	protected void validateSequence(Sequence sequence, @Nullable SequenceInformation sequenceInformation) {
		String name = sequence.getName().getSequenceName().getText();
		String entity = this.names.sequenceUser(name);
		if (sequenceInformation == null) {
			add(Kind.MISSING_SEQUENCE, entity, null, name, null, null, null);
			return;
		}
		try {
			super.validateSequence(sequence, sequenceInformation);
		}
		catch (SchemaManagementException ex) {
			add(Kind.SEQUENCE_INCREMENT, entity, null, name, null, String.valueOf(sequence.getIncrementSize()),
					String.valueOf(sequenceInformation.getIncrementValue()));
		}
	}

	private void add(Kind kind, @Nullable String entity, @Nullable String field, String table, @Nullable String column,
			@Nullable String expected, @Nullable String actual) {
		this.differences.add(new SchemaDifference(kind, entity, field, table, column, expected, actual));
	}

}
