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
package dev.bootmigrate.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.SqlStatementFailedException;

import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * One SQL file: read once when found, to compute its checksum, check its placeholders and
 * split it, then read again when it runs. Its text is not kept in between.
 *
 * @author the bootmigrate authors
 */
final class SqlScript {

	private static final Log logger = LogFactory.getLog(SqlScript.class);

	private static final int STATEMENT_EXCERPT = 300;

	private final Source source;

	private final String path;

	private final String fileName;

	private final boolean repeatable;

	private final Placeholders placeholders;

	private final String checksum;

	private final boolean transactional;

	private SqlScript(Source source, String path, String fileName, boolean repeatable, Placeholders placeholders,
			String checksum, boolean transactional) {
		this.source = source;
		this.path = path;
		this.fileName = fileName;
		this.repeatable = repeatable;
		this.placeholders = placeholders;
		this.checksum = checksum;
		this.transactional = transactional;
	}

	/**
	 * Read a file: compute its checksum, replace its placeholders, split it and decide
	 * whether it runs in a transaction.
	 * @param resource the file
	 * @param path its path, for messages
	 * @param repeatable whether it is a repeatable migration, whose checksum, as
	 * Flyway's, is that of the text with its placeholders replaced
	 * @param placeholders the placeholders
	 * @param syntax the syntax of the database it targets
	 * @param mixed whether statements that cannot run in a transaction may be mixed with
	 * others, the file then running without a transaction
	 * @return the script
	 * @throws ScriptProblem if the file cannot be read, split, or run as it is
	 */
	static SqlScript scan(Resource resource, String path, boolean repeatable, Placeholders placeholders,
			SqlSyntax syntax, boolean mixed) {
		Source source = Source.of(resource);
		return scan(source, source, path, repeatable, placeholders, syntax, mixed);
	}

	/**
	 * Read a file where the scan found it: compute its checksum, replace its
	 * placeholders, split it and decide whether it runs in a transaction.
	 * @param found how to read it now (such as its entry in a jar the scan opened once)
	 * @param source how to read it again when it runs
	 * @param path its path, for messages
	 * @param repeatable whether it is a repeatable migration, whose checksum, as
	 * Flyway's, is that of the text with its placeholders replaced
	 * @param placeholders the placeholders
	 * @param syntax the syntax of the database it targets
	 * @param mixed whether statements that cannot run in a transaction may be mixed with
	 * others, the file then running without a transaction
	 * @return the script
	 * @throws ScriptProblem if the file cannot be read, split, or run as it is
	 */
	static SqlScript scan(Source found, Source source, String path, boolean repeatable, Placeholders placeholders,
			SqlSyntax syntax, boolean mixed) {
		// From the path: a resource would clean its whole URL to tell its name
		String fileName = path.substring(path.lastIndexOf('/') + 1);
		Content content = read(found, fileName, repeatable, placeholders, syntax);
		boolean transactional = content.transactional(mixed);
		return new SqlScript(source, path, fileName, repeatable, placeholders, Integer.toString(content.checksum),
				transactional);
	}

	String path() {
		return this.path;
	}

	/**
	 * Return the checksum of the file, as Flyway computes it.
	 * @return the checksum, a signed 32-bit integer in decimal
	 */
	String checksum() {
		return this.checksum;
	}

	/**
	 * Whether the file runs in a transaction: unless all its statements are statements
	 * that cannot run in one, or mixing was allowed and some are.
	 * @return whether it runs in a transaction
	 */
	boolean transactional() {
		return this.transactional;
	}

	/**
	 * Read the file again and run its statements, one by one, through the context's
	 * connection.
	 * @param context the migration's context
	 * @param inTransaction whether the context's connection is in a transaction
	 * @throws SqlStatementFailedException if a statement fails
	 * @throws MigrationException if the file changed since it was found, or cannot run
	 * this way on the context's database
	 */
	void run(MigrationContext context, boolean inTransaction) {
		Content content;
		try {
			content = read(this.source, this.fileName, this.repeatable, this.placeholders,
					SqlSyntax.of(context.database()));
		}
		catch (ScriptProblem ex) {
			throw new MigrationException("SQL file '" + this.path + "' cannot run: " + ex.getMessage());
		}
		if (!Integer.toString(content.checksum).equals(this.checksum)) {
			throw new MigrationException(
					"SQL file '" + this.path + "' changed since it was read at startup (checksum " + this.checksum
							+ ", now " + content.checksum + "); restart the application to apply what it says now");
		}
		if (inTransaction) {
			SqlStatement outside = content.firstOutsideTransactions();
			if (outside != null) {
				throw new MigrationException("SQL file '" + this.path + "' cannot run: the statement on line "
						+ content.line(outside) + " cannot run in a transaction on " + context.database() + " ("
						+ content.excerpt(outside, 60) + "); nothing of the file ran");
			}
		}
		SqlStatement enumValue = content.first(SqlStatement.Kind.ADD_ENUM_VALUE);
		if (inTransaction && enumValue != null) {
			// Only then: the engine counts each call of the template as a statement
			context.jdbc().execute((ConnectionCallback<Void>) (connection) -> {
				checkEnumValueInTransaction(connection, content, enumValue);
				return null;
			});
		}
		List<SqlStatement> statements = content.statements;
		for (int i = 0; i < statements.size(); i++) {
			// One call of the template per statement, so that the engine can tell how
			// many statements completed when one fails
			int index = i;
			context.jdbc().execute((ConnectionCallback<Void>) (connection) -> {
				execute(connection, content, statements.get(index), index, inTransaction);
				return null;
			});
		}
	}

	private void execute(Connection connection, Content content, SqlStatement statement, int index,
			boolean inTransaction) throws SQLException {
		try (Statement jdbc = connection.createStatement()) {
			// The statements go to the database as written, without JDBC escapes
			jdbc.setEscapeProcessing(false);
			try {
				boolean result = jdbc.execute(statement.sql());
				while (result || jdbc.getUpdateCount() != -1) {
					result = jdbc.getMoreResults();
				}
				logWarnings(jdbc.getWarnings(), content, statement);
			}
			catch (SQLException ex) {
				throw new SqlStatementFailedException(this.path, content.line(statement), content.excerpt(statement),
						index, inTransaction, masked(ex));
			}
		}
	}

	/**
	 * Refuse, before anything runs, {@code ALTER TYPE ... ADD VALUE} in a transaction on
	 * PostgreSQL before 12.
	 */
	private void checkEnumValueInTransaction(Connection connection, Content content, SqlStatement statement)
			throws SQLException {
		int version = connection.getMetaData().getDatabaseMajorVersion();
		if (version < 12) {
			throw new MigrationException("SQL file '" + this.path + "' cannot run: the statement on line "
					+ content.line(statement) + " adds a value to an enum type (" + content.excerpt(statement, 60)
					+ "), which PostgreSQL " + version
					+ " cannot do in a transaction (PostgreSQL 12 can); move it to a file of its own, "
					+ "which then runs without a transaction. Nothing of the file ran");
		}
	}

	/**
	 * Return the given exception, or a copy with the same SQL state, vendor code and
	 * stack whose message masks the values of sensitive placeholders, when it quotes them
	 * (as H2 and MySQL quote the statement).
	 */
	private SQLException masked(SQLException ex) {
		String message = ex.getMessage();
		if (message == null || this.placeholders.mask(message).equals(message)) {
			return ex;
		}
		SQLException masked = new SQLException(this.placeholders.mask(message), ex.getSQLState(), ex.getErrorCode());
		masked.setStackTrace(ex.getStackTrace());
		return masked;
	}

	private void logWarnings(@Nullable SQLWarning warning, Content content, SqlStatement statement) {
		for (SQLWarning next = warning; next != null && logger.isInfoEnabled(); next = next.getNextWarning()) {
			logger.info(this.path + ", line " + content.line(statement) + ": " + next.getMessage());
		}
	}

	private static Content read(Source source, String fileName, boolean repeatable, Placeholders placeholders,
			SqlSyntax syntax) {
		byte[] bytes;
		try {
			bytes = source.read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + source, ex);
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new ScriptProblem(0, "it is not valid UTF-8; save it as UTF-8");
		}
		if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
			text = text.substring(1);
		}
		Placeholders.Replaced replaced = placeholders.replace(text, fileName);
		int checksum = (repeatable && replaced.changed()) ? FlywayChecksum.of(replaced.text())
				: FlywayChecksum.of(bytes);
		return new Content(checksum, replaced, SqlSplitter.split(replaced.text(), syntax));
	}

	@Override
	public String toString() {
		return this.path;
	}

	/**
	 * Where the bytes of a file come from.
	 */
	interface Source {

		/**
		 * Read the whole file.
		 * @return its bytes
		 * @throws IOException on failure
		 */
		byte[] read() throws IOException;

		/**
		 * Return a source that reads a resource.
		 * @param resource the resource
		 * @return the source, described as the resource is
		 */
		static Source of(Resource resource) {
			return new Source() {

				@Override
				public byte[] read() throws IOException {
					try (InputStream input = resource.getInputStream()) {
						return input.readAllBytes();
					}
				}

				@Override
				public String toString() {
					return resource.toString();
				}

			};
		}

	}

	/**
	 * What a file says, while it is read.
	 */
	private static final class Content {

		private final int checksum;

		private final Placeholders.Replaced replaced;

		private final List<SqlStatement> statements;

		Content(int checksum, Placeholders.Replaced replaced, List<SqlStatement> statements) {
			this.checksum = checksum;
			this.replaced = replaced;
			this.statements = statements;
		}

		/**
		 * Decide whether the file runs in a transaction; refuse a file that mixes
		 * statements that cannot run in one with others, unless mixing is allowed.
		 */
		boolean transactional(boolean mixed) {
			SqlStatement outside = null;
			SqlStatement inside = null;
			boolean enumValues = false;
			for (SqlStatement statement : this.statements) {
				switch (statement.kind()) {
					case NON_TRANSACTIONAL -> outside = (outside != null) ? outside : statement;
					case TRANSACTIONAL -> inside = (inside != null) ? inside : statement;
					case ADD_ENUM_VALUE -> enumValues = true;
					case COPY_FROM_STDIN -> throw new ScriptProblem(line(statement),
							"COPY ... FROM STDIN on line " + line(statement)
									+ " is not supported (its data would follow in the file); write the "
									+ "rows as INSERT statements");
				}
			}
			if (outside != null && inside != null && !mixed) {
				throw new ScriptProblem(line(outside), "the statement on line " + line(outside)
						+ " cannot run in a transaction (" + excerpt(outside, 60) + ") but the statement on line "
						+ line(inside) + " runs in one (" + excerpt(inside, 60)
						+ "); move the statements that cannot run in a transaction to a file of their own, which "
						+ "then runs without a transaction, or allow mixing (migrations.mixed=true: the whole file "
						+ "then runs without a transaction)");
			}
			// ALTER TYPE ... ADD VALUE alone runs without a transaction, as on any
			// version
			return outside == null && (inside != null || !enumValues);
		}

		/**
		 * Return the first statement of the given kind.
		 */
		@Nullable SqlStatement first(SqlStatement.Kind kind) {
			for (SqlStatement statement : this.statements) {
				if (statement.kind() == kind) {
					return statement;
				}
			}
			return null;
		}

		/**
		 * Return the first statement that cannot run in a transaction on the database the
		 * file runs on: none, unless that is not the one it was read for.
		 */
		@Nullable SqlStatement firstOutsideTransactions() {
			for (SqlStatement statement : this.statements) {
				if (statement.kind() == SqlStatement.Kind.NON_TRANSACTIONAL
						|| statement.kind() == SqlStatement.Kind.COPY_FROM_STDIN) {
					return statement;
				}
			}
			return null;
		}

		int line(SqlStatement statement) {
			return this.replaced.changed() ? this.replaced.originalLine(statement.start()) : statement.line();
		}

		String excerpt(SqlStatement statement) {
			return excerpt(statement, STATEMENT_EXCERPT);
		}

		/**
		 * Return the start of a statement as written in the file, placeholders
		 * unreplaced, on one line when shorter than the whole statement.
		 */
		String excerpt(SqlStatement statement, int length) {
			String sql = this.replaced.changed() ? this.replaced.original(statement.start(), statement.end())
					: statement.sql();
			if (length < STATEMENT_EXCERPT) {
				sql = sql.replaceAll("\\s+", " ");
			}
			return (sql.length() <= length) ? sql : sql.substring(0, length) + "...";
		}

	}

}
