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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.ColumnInfo;
import dev.bootmigrate.IncompatibleHistoryTableException;
import dev.bootmigrate.MigrationPrivilegeException;
import dev.bootmigrate.Versions;

/**
 * The history table, one row per applied migration, and the SQL that reads and writes it.
 * Names are validated as plain SQL identifiers that no supported database reserves before
 * they are used in any statement, which never quotes them.
 * <p>
 * A row is keyed by the migration's version. A repeatable migration has none: its row is
 * keyed by {@code R:} and its description in lower case ({@link #repeatableKey}), which
 * no version can be (versions start with a digit), and which fits the column: a longer
 * description is cut and ends with a hash of the whole.
 *
 * @author the bootmigrate authors
 */
final class HistoryTable {

	/**
	 * How the key of a repeatable migration's row starts.
	 */
	static final String REPEATABLE_PREFIX = "R:";

	/**
	 * The hexadecimal digits of the hash that ends a shortened key.
	 */
	private static final int HASH_LENGTH = 16;

	/**
	 * The longest table or schema name accepted: PostgreSQL's limit of 63, less room for
	 * the {@code _lock} suffix of the lock table.
	 */
	public static final int MAX_NAME_LENGTH = 58;

	private static final String COLUMNS = "version, description, type, checksum, installed_by, installed_on, execution_ms";

	private static final List<String> COLUMN_NAMES = List.of(COLUMNS.split(", "));

	private final @Nullable String schema;

	private final String table;

	private final String qualifiedName;

	private final String selectSql;

	private final String briefSelectSql;

	private final String insertSql;

	/**
	 * Create a history table description.
	 * @param schema the schema, or {@code null} for the connection's default schema
	 * @param table the table name
	 * @throws IllegalArgumentException if a name is not a valid identifier
	 */
	public HistoryTable(@Nullable String schema, String table) {
		requireIdentifier(table, "table");
		if (schema != null) {
			requireIdentifier(schema, "schema");
		}
		this.schema = schema;
		this.table = table;
		this.qualifiedName = qualify(table);
		this.selectSql = "SELECT " + COLUMNS + " FROM " + this.qualifiedName;
		this.briefSelectSql = "SELECT version, checksum, execution_ms FROM " + this.qualifiedName;
		this.insertSql = "INSERT INTO " + this.qualifiedName + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
	}

	/**
	 * Return the key of the row of the repeatable migration with the given description:
	 * {@code R:} and the description in lower case, since descriptions that differ only
	 * in case are one migration (MariaDB and MySQL compare keys ignoring case); when that
	 * is longer than the column, the description is cut and followed by {@code #} and the
	 * start of the SHA-256 hash of the whole description.
	 * @param description the description of a repeatable migration
	 * @return the key
	 */
	static String repeatableKey(String description) {
		String lowerCase = description.toLowerCase(Locale.ROOT);
		if (REPEATABLE_PREFIX.length() + lowerCase.length() <= Versions.MAX_LENGTH) {
			return REPEATABLE_PREFIX + lowerCase;
		}
		int cut = Versions.MAX_LENGTH - REPEATABLE_PREFIX.length() - HASH_LENGTH - 1;
		if (Character.isHighSurrogate(lowerCase.charAt(cut - 1))) {
			cut--;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(lowerCase.getBytes(StandardCharsets.UTF_8));
			return REPEATABLE_PREFIX + lowerCase.substring(0, cut) + "#"
					+ HexFormat.of().formatHex(hash, 0, HASH_LENGTH / 2);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the given key of a row is that of a repeatable migration.
	 * @param key the key, the version column
	 * @return whether it is a repeatable migration's
	 */
	static boolean isRepeatableKey(String key) {
		return key.startsWith(REPEATABLE_PREFIX);
	}

	/**
	 * Whether the name matches {@code [A-Za-z_][A-Za-z0-9_]*}.
	 */
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
	 * Return why the given name cannot be used as a table or schema name, or {@code null}
	 * if it can.
	 * @param name the name
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String identifierProblem(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return "is empty";
		}
		if (name.length() > MAX_NAME_LENGTH) {
			return "is longer than " + MAX_NAME_LENGTH + " characters";
		}
		if (!isPlainIdentifier(name)) {
			return "is not a plain SQL identifier: use letters, digits and '_', starting with a letter or '_'";
		}
		List<String> reservedBy = ReservedNames.reservedBy(name);
		if (!reservedBy.isEmpty()) {
			String last = reservedBy.remove(reservedBy.size() - 1);
			return "is a reserved word in " + (reservedBy.isEmpty() ? "" : String.join(", ", reservedBy) + " and ")
					+ last
					+ ": databases refuse it as a name unless it is quoted, and the starter does not quote names";
		}
		return null;
	}

	/**
	 * Return why the given name cannot be used as the schema of the history table, or
	 * {@code null} if it can.
	 * @param name the name
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String schemaProblem(@Nullable String name) {
		String problem = identifierProblem(name);
		if (problem == null && ReservedNames.isSystemSchema(name)) {
			return "is a system schema, which belongs to the database: the history table cannot be created in it";
		}
		return problem;
	}

	private static void requireIdentifier(String name, String kind) {
		String problem = kind.equals("schema") ? schemaProblem(name) : identifierProblem(name);
		if (problem != null) {
			throw new IllegalArgumentException("The " + kind + " name '" + name + "' " + problem);
		}
	}

	/**
	 * Return the schema, or {@code null} for the connection's default schema.
	 * @return the schema
	 */
	public @Nullable String schema() {
		return this.schema;
	}

	/**
	 * Return the table name, without schema.
	 * @return the table name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Return the name of the table, qualified by its schema if one is set.
	 * @return the qualified name
	 */
	public String qualifiedName() {
		return this.qualifiedName;
	}

	/**
	 * Qualify a table name with this table's schema.
	 * @param name a table name, valid as an identifier
	 * @return the qualified name
	 */
	String qualify(String name) {
		return (this.schema != null) ? this.schema + "." + name : name;
	}

	String createSql(Dialect dialect) {
		return createSql(dialect, this.qualifiedName);
	}

	/**
	 * The primary key's 128 characters take 512 bytes in MySQL's and MariaDB's utf8mb4,
	 * within the 767 bytes of an index key in their oldest row format.
	 */
	private static String createSql(Dialect dialect, String qualifiedName) {
		return "CREATE TABLE " + qualifiedName + " (" //
				+ "version VARCHAR(" + Versions.MAX_LENGTH + ") NOT NULL PRIMARY KEY, " //
				+ "description VARCHAR(" + ResolvedMigration.MAX_DESCRIPTION_LENGTH + ") NOT NULL, " //
				+ "type VARCHAR(20) NOT NULL, " //
				+ "checksum VARCHAR(" + ResolvedMigration.MAX_CHECKSUM_LENGTH + "), " //
				+ "installed_by VARCHAR(100) NOT NULL, " //
				+ "installed_on " + dialect.timestampType() + " NOT NULL, " //
				+ "execution_ms BIGINT NOT NULL)";
	}

	String selectSql() {
		return this.selectSql;
	}

	String insertSql() {
		return this.insertSql;
	}

	/**
	 * Return the statement that completes the row of a migration claimed at its start:
	 * parameters execution time, installed on and version, then those of the given
	 * condition.
	 * @param condition a condition that must hold too, or {@code null}
	 * @return the statement
	 */
	String completeSql(@Nullable String condition) {
		return "UPDATE " + this.qualifiedName + " SET execution_ms = ?, installed_on = ? WHERE version = ?"
				+ ((condition != null) ? " AND " + condition : "");
	}

	/**
	 * Return the query that counts the complete rows of a version (parameter 1).
	 * @return the query
	 */
	String countCompleteSql() {
		return "SELECT COUNT(*) FROM " + this.qualifiedName + " WHERE version = ? AND execution_ms <> -1";
	}

	/**
	 * Return the query that counts the complete rows of a key (parameter 1) that record a
	 * checksum (parameter 2): whether a repeatable migration is recorded as it is now.
	 * @return the query
	 */
	String countCompleteWithChecksumSql() {
		return countCompleteSql() + " AND checksum = ?";
	}

	/**
	 * Return the statement that records a repeatable migration applied again over its
	 * complete row: parameters as those of {@link #bindInsert}, the key last.
	 * @return the statement
	 */
	String reapplySql() {
		return "UPDATE " + this.qualifiedName + " SET description = ?, type = ?, checksum = ?, installed_by = ?, "
				+ "installed_on = ?, execution_ms = ? WHERE version = ? AND execution_ms >= 0";
	}

	/**
	 * Bind the values of a row to the statement of {@link #reapplySql()}.
	 * @param statement the prepared update
	 * @param row the row
	 * @throws SQLException on failure
	 */
	void bindReapply(PreparedStatement statement, AppliedMigration row) throws SQLException {
		statement.setString(1, row.description());
		statement.setString(2, row.type());
		if (row.checksum() != null) {
			statement.setString(3, row.checksum());
		}
		else {
			statement.setNull(3, Types.VARCHAR);
		}
		statement.setString(4, row.installedBy());
		statement.setTimestamp(5, Timestamp.from((row.installedOn() != null) ? row.installedOn() : Instant.now()));
		statement.setLong(6, row.executionMs());
		statement.setString(7, row.version());
	}

	/**
	 * Return the query that counts the incomplete rows of a version (parameter 1).
	 * @return the query
	 */
	String countIncompleteSql() {
		return "SELECT COUNT(*) FROM " + this.qualifiedName + " WHERE version = ? AND execution_ms = -1";
	}

	/**
	 * Return the statement that records the incomplete row of a version as applied
	 * without running it: parameters type, installed by, installed on, version.
	 * @return the statement
	 */
	String markIncompleteSql() {
		return "UPDATE " + this.qualifiedName
				+ " SET type = ?, installed_by = ?, installed_on = ?, execution_ms = 0 WHERE version = ? "
				+ "AND execution_ms = -1";
	}

	/**
	 * Return the statement that deletes every incomplete row of a version (parameter 1),
	 * whoever claimed it: to clear a migration recorded as failed.
	 * @return the statement
	 */
	String deleteFailedSql() {
		return "DELETE FROM " + this.qualifiedName + " WHERE version = ? AND execution_ms = -1";
	}

	/**
	 * Return the statement that deletes the incomplete row of a version (parameter 1),
	 * claimed by a run that did not complete it.
	 * @param condition a condition that must hold too, or {@code null}
	 * @return the statement
	 */
	String deleteIncompleteSql(@Nullable String condition) {
		return "DELETE FROM " + this.qualifiedName + " WHERE version = ? AND execution_ms = -1"
				+ ((condition != null) ? " AND " + condition : "");
	}

	/**
	 * Return the statement that marks the row of a version (parameter 1) as being rolled
	 * back, keeping its execution time.
	 * @return the statement
	 */
	String markRollingBackSql() {
		return "UPDATE " + this.qualifiedName + " SET execution_ms = -2 - execution_ms WHERE version = ? "
				+ "AND execution_ms >= 0";
	}

	/**
	 * Return the statement that unmarks every row marked as being rolled back.
	 * @return the statement
	 */
	String unmarkRollingBackSql() {
		return "UPDATE " + this.qualifiedName + " SET execution_ms = -2 - execution_ms WHERE execution_ms <= -2";
	}

	String deleteSql() {
		return "DELETE FROM " + this.qualifiedName + " WHERE version = ?";
	}

	String realignSql() {
		return "UPDATE " + this.qualifiedName + " SET checksum = ?, description = ? WHERE version = ?";
	}

	/**
	 * Read every row of the table.
	 * @param connection the connection to use
	 * @param dialect the database, which tells a missing table from other failures
	 * @return the rows, in no particular order, or {@code null} if the table does not
	 * exist
	 * @throws SQLException on failure
	 */
	@Nullable List<AppliedMigration> read(Connection connection, Dialect dialect) throws SQLException {
		return read(connection, dialect, false);
	}

	/**
	 * Read every row of the table, completely or only the version and checksum of each:
	 * enough to decide what is pending and to validate.
	 * @param connection the connection to use
	 * @param dialect the database, which tells a missing table from other failures
	 * @param brief whether to read only the version and checksum
	 * @return the rows, in no particular order, or {@code null} if the table does not
	 * exist
	 * @throws SQLException on failure
	 */
	@Nullable List<AppliedMigration> read(Connection connection, Dialect dialect, boolean brief) throws SQLException {
		dialect.requireSupported(this);
		try {
			return readRows(connection, brief);
		}
		catch (SQLException ex) {
			if (!connection.getAutoCommit()) {
				// PostgreSQL refuses every further statement of a transaction after a
				// failed one
				connection.rollback();
			}
			if (dialect.isTableNotFound(ex)) {
				// The database says so itself: no metadata query on a first start
				return null;
			}
			if (dialect.isColumnNotFound(ex)) {
				throw incompatible(connection, dialect, ex);
			}
			if (dialect.isPermissionDenied(ex)) {
				String user = dialect.grantee(connection);
				String table = resolvedName(connection, dialect);
				throw new MigrationPrivilegeException(
						"The database user " + user + " may not read the history table " + table + ": "
								+ DatabaseErrors.describe(ex),
						table, user,
						dialect.grantRead(table, dialect.quoteIfNeeded(schemaName(connection, dialect)), user), null,
						ex);
			}
			if (!exists(connection, dialect)) {
				return null;
			}
			// Another instance may have created the table since the query failed
			return readRows(connection, brief);
		}
	}

	private List<AppliedMigration> readRows(Connection connection, boolean brief) throws SQLException {
		try (var statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(brief ? this.briefSelectSql : this.selectSql)) {
			List<AppliedMigration> applied = new ArrayList<>();
			while (rows.next()) {
				applied.add(brief ? AppliedMigration.brief(rows.getString(1), rows.getString(2), rows.getLong(3))
						: full(rows));
			}
			return applied;
		}
	}

	private static AppliedMigration full(ResultSet row) throws SQLException {
		Timestamp installedOn = row.getTimestamp(6);
		return new AppliedMigration(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
				row.getString(5), (installedOn != null) ? installedOn.toInstant() : null, row.getLong(7));
	}

	/**
	 * Create the schema of this table.
	 * @param connection the connection to use
	 * @param dialect the database
	 * @throws MigrationPrivilegeException if the user may not create it
	 * @throws SQLException on other failures
	 */
	void createSchema(Connection connection, Dialect dialect) throws SQLException {
		try {
			execute(connection, "CREATE SCHEMA " + this.schema);
		}
		catch (SQLException ex) {
			if (!dialect.isPermissionDenied(ex)) {
				throw ex;
			}
			String user = dialect.grantee(connection);
			throw new MigrationPrivilegeException(
					"The database user " + user + " may not create the schema " + this.schema + " of the history table "
							+ this.qualifiedName + ": " + DatabaseErrors.describe(ex),
					this.qualifiedName, user,
					dialect.grantCreateSchema(String.valueOf(connection.getCatalog()), this.schema, user),
					"create the schema beforehand as a user who may: " + dialect.createSchemaOwnedBy(this.schema, user),
					ex);
		}
	}

	/**
	 * Create this table.
	 * @param connection the connection to use
	 * @param dialect the database
	 * @throws MigrationPrivilegeException if the user may not create it
	 * @throws SQLException on other failures
	 */
	void create(Connection connection, Dialect dialect) throws SQLException {
		try {
			execute(connection, createSql(dialect));
		}
		catch (SQLException ex) {
			if (!dialect.isPermissionDenied(ex)) {
				throw ex;
			}
			String user = dialect.grantee(connection);
			String schema = dialect.quoteIfNeeded(schemaName(connection, dialect));
			String table = resolvedName(connection, dialect);
			throw new MigrationPrivilegeException("The database user " + user + " may not create the history table "
					+ table + " in schema " + schema + ": " + DatabaseErrors.describe(ex), table, user,
					dialect.grantCreateTable(schema, user),
					"create the history table beforehand as a user who may, and grant " + user
							+ " the privileges to use it: " + createSql(dialect, table) + "; "
							+ DatabaseErrors.grantOnTable("SELECT, INSERT, UPDATE, DELETE", table, user),
					ex);
		}
	}

	/**
	 * Check that this existing table is a history table, and, where the database can tell
	 * without trying, that the user may record migrations in it: before any migration
	 * runs.
	 * @param connection the connection to use
	 * @param dialect the database
	 * @throws IncompatibleHistoryTableException if the table lacks columns of a history
	 * table
	 * @throws MigrationPrivilegeException if the user may not insert rows
	 * @throws SQLException on failure
	 */
	void requireUsable(Connection connection, Dialect dialect) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// Refused by the database if a column is missing; no rows and no metadata
			// query
			statement.executeQuery(this.selectSql + " WHERE 1 = 0").close();
		}
		catch (SQLException ex) {
			if (dialect.isColumnNotFound(ex)) {
				throw incompatible(connection, dialect, ex);
			}
			throw ex;
		}
		List<String> missing = dialect.missingWritePrivileges(connection, this.qualifiedName);
		if (missing.contains("INSERT")) {
			String user = dialect.grantee(connection);
			String table = resolvedName(connection, dialect);
			throw new MigrationPrivilegeException(
					"The database user " + user + " may read the history table " + table
							+ " but not record migrations in it: it lacks the " + String.join(", ", missing)
							+ " privilege" + ((missing.size() != 1) ? "s" : "") + " on it",
					table, user, DatabaseErrors.grantOnTable(String.join(", ", missing), table, user), null, null);
		}
	}

	private IncompatibleHistoryTableException incompatible(Connection connection, Dialect dialect, SQLException cause)
			throws SQLException {
		List<String> columns = new ArrayList<>();
		for (ColumnInfo column : SchemaMetaData.of(connection, dialect, this.schema).columns(this.table)) {
			columns.add(column.name().toLowerCase(Locale.ROOT));
		}
		return new IncompatibleHistoryTableException(resolvedName(connection, dialect), columns, COLUMN_NAMES, cause);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private String schemaName(Connection connection, Dialect dialect) throws SQLException {
		return (this.schema != null) ? this.schema : String.valueOf(dialect.currentSchema(connection));
	}

	/**
	 * Return the name of this table qualified by its schema, also when it is the
	 * connection's default schema, as the database's statements accept it.
	 */
	private String resolvedName(Connection connection, Dialect dialect) throws SQLException {
		return dialect.quoteIfNeeded(schemaName(connection, dialect)) + "." + this.table;
	}

	/**
	 * Return whether this table has no row.
	 * @param connection the connection to use
	 * @return whether it is empty
	 * @throws SQLException on failure
	 */
	boolean isEmpty(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setMaxRows(1);
			try (ResultSet rows = statement.executeQuery("SELECT version FROM " + this.qualifiedName)) {
				return !rows.next();
			}
		}
	}

	/**
	 * Return whether this table exists.
	 * @param connection the connection to use
	 * @param dialect the database
	 * @return whether the table exists
	 * @throws SQLException on failure
	 */
	boolean exists(Connection connection, Dialect dialect) throws SQLException {
		return SchemaMetaData.of(connection, dialect, this.schema).tableExists(this.table);
	}

	/**
	 * Return whether the schema of this table exists: always when it is the connection's
	 * current schema.
	 * @param connection the connection to use
	 * @param dialect the database
	 * @return whether the schema exists
	 * @throws SQLException on failure
	 */
	boolean schemaExists(Connection connection, Dialect dialect) throws SQLException {
		return this.schema == null || SchemaMetaData.of(connection, dialect, null).schemaExists(this.schema);
	}

	/**
	 * Bind the values of a row to the statement of {@link #insertSql()}, with typed
	 * nulls: Spring's generic binding would ask some drivers for parameter metadata, a
	 * round trip per migration on PostgreSQL.
	 * @param statement the prepared insert
	 * @param row the row
	 * @throws SQLException on failure
	 */
	void bindInsert(PreparedStatement statement, AppliedMigration row) throws SQLException {
		statement.setString(1, row.version());
		statement.setString(2, row.description());
		statement.setString(3, row.type());
		if (row.checksum() != null) {
			statement.setString(4, row.checksum());
		}
		else {
			statement.setNull(4, Types.VARCHAR);
		}
		statement.setString(5, row.installedBy());
		statement.setTimestamp(6, Timestamp.from((row.installedOn() != null) ? row.installedOn() : Instant.now()));
		statement.setLong(7, row.executionMs());
	}

	@Override
	public String toString() {
		return this.qualifiedName;
	}

}
