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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;

/**
 * Questions the engine asks PostgreSQL's catalog, and no other database's.
 *
 * @author the bootmigrate authors
 */
final class PostgresInspector {

	private static final String PRIVILEGES_SQL = "SELECT has_table_privilege(?, 'INSERT'), "
			+ "has_table_privilege(?, 'UPDATE'), has_table_privilege(?, 'DELETE')";

	private static final String[] WRITE_PRIVILEGES = { "INSERT", "UPDATE", "DELETE" };

	/**
	 * The invalid plain indexes of a schema, but not those another session is building
	 * right now (they are invalid until the build ends).
	 */
	private static final String INVALID_INDEXES_SQL = """
			SELECT quote_ident(n.nspname), quote_ident(n.nspname) || '.' || quote_ident(i.relname),
			quote_ident(n.nspname) || '.' || quote_ident(t.relname)
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = i.relnamespace
			WHERE NOT x.indisvalid AND i.relkind = 'i' AND n.nspname = COALESCE(lower(?), current_schema())
			AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = x.indexrelid)
			ORDER BY 2""";

	private PostgresInspector() {
	}

	/**
	 * Return the invalid indexes of the given schema.
	 * @param connection the connection
	 * @param schema the schema, or {@code null} for the connection's current schema
	 * @return the invalid indexes, by name
	 * @throws SQLException on failure
	 */
	static List<InvalidIndex> invalidIndexes(Connection connection, @Nullable String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INVALID_INDEXES_SQL)) {
			statement.setString(1, schema);
			List<InvalidIndex> invalid = new ArrayList<>(0);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					invalid.add(new InvalidIndex(result.getString(1), result.getString(2), result.getString(3)));
				}
			}
			return invalid;
		}
	}

	/**
	 * Return which of the privileges to write the history table (INSERT to record
	 * migrations, UPDATE and DELETE to repair and roll back) the session's user lacks.
	 * @param connection the connection
	 * @param table the table name, qualified or found on the search path
	 * @return the missing privileges, in the order INSERT, UPDATE, DELETE
	 * @throws SQLException on failure
	 */
	static List<String> missingWritePrivileges(Connection connection, String table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(PRIVILEGES_SQL)) {
			for (int i = 1; i <= WRITE_PRIVILEGES.length; i++) {
				statement.setString(i, table);
			}
			List<String> missing = new ArrayList<>(0);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				for (int i = 0; i < WRITE_PRIVILEGES.length; i++) {
					if (!result.getBoolean(i + 1)) {
						missing.add(WRITE_PRIVILEGES[i]);
					}
				}
			}
			return missing;
		}
	}

}
