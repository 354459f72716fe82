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

import java.util.List;
import java.util.Optional;

/**
 * Answers questions about the schema a migration runs in, so that a migration can check
 * the state of the database before it changes it: whether a table, a view, a column, an
 * index, a unique constraint, a foreign key or a schema exists.
 * <p>
 * Names are unquoted SQL identifiers and are folded the way the database stores unquoted
 * identifiers: to upper case on H2, to lower case on PostgreSQL, left as written where
 * the database keeps them so (MariaDB and MySQL, whose table names are case-sensitive
 * unless {@code lower_case_table_names} says otherwise, and whose column and index names
 * never are). {@code tableExists("users")} therefore finds the table that
 * {@code CREATE TABLE users} created, on every database. A name is never a pattern:
 * {@code _} and {@code %} are plain characters.
 * <p>
 * Every question is about the schema the inspector is bound to and is answered on its
 * connection: for {@link MigrationContext#schema()}, the migration's connection and its
 * current schema, so it sees what the migration changed earlier in its own transaction. A
 * blank name is refused with an {@link IllegalArgumentException} before the database is
 * asked; a failure to read the database's metadata is thrown as Spring's
 * {@link org.springframework.dao.DataAccessException}.
 *
 * @author the bootmigrate authors
 * @see MigrationContext#schema()
 */
public interface SchemaInspector {

	/**
	 * Return whether a table of the given name exists; a view does not count.
	 * @param table the table name
	 * @return whether the table exists
	 */
	boolean tableExists(String table);

	/**
	 * Return whether a view of the given name exists; a table or a materialized view does
	 * not count.
	 * @param view the view name
	 * @return whether the view exists
	 */
	boolean viewExists(String view);

	/**
	 * Return whether the given table, or view, has a column of the given name.
	 * @param table the table name
	 * @param column the column name
	 * @return whether the column exists
	 */
	default boolean columnExists(String table, String column) {
		return column(table, column).isPresent();
	}

	/**
	 * Return the given column of a table, or view, as the database describes it.
	 * @param table the table name
	 * @param column the column name
	 * @return the column, or empty if the table or the column does not exist
	 */
	Optional<ColumnInfo> column(String table, String column);

	/**
	 * Return whether the given table has an index of the given name, including the
	 * indexes the database created for its primary key and unique constraints.
	 * @param table the table name
	 * @param index the index name
	 * @return whether the index exists
	 */
	boolean indexExists(String table, String index);

	/**
	 * Return whether the values of exactly the given columns, taken together, are unique
	 * in the table: whether a unique constraint, a unique index or the primary key covers
	 * those columns and no other, in any order. A unique index with a condition (a
	 * partial index) does not count, since it leaves other rows unchecked.
	 * @param table the table name
	 * @param columns the columns, at least one
	 * @return whether such a constraint or index exists
	 */
	boolean uniqueConstraintExists(String table, String... columns);

	/**
	 * Return whether the table has a foreign key over exactly the given columns, in any
	 * order, that references the given table of the same schema, as in
	 * {@code ALTER TABLE table ADD FOREIGN KEY (columns) REFERENCES referencedTable}.
	 * @param table the table name
	 * @param columns the referencing columns, at least one
	 * @param referencedTable the name of the table the key references
	 * @return whether such a foreign key exists
	 */
	boolean foreignKeyExists(String table, List<String> columns, String referencedTable);

	/**
	 * Return whether a schema of the given name exists: on MariaDB and MySQL, where a
	 * schema is a database, whether that database exists.
	 * @param schema the schema name
	 * @return whether the schema exists
	 */
	boolean schemaExists(String schema);

}
