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
package dev.bootmigrate.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Counts the statements that a database server executes for a contender, on the server
 * side, so that nothing a driver or a pool sends on its own escapes the count: the
 * contender runs on a fresh pool, and only the statements of that pool's sessions after a
 * marker are counted.
 *
 * @author the bootmigrate authors
 */
abstract class StatementCounter {

	/**
	 * Run the action on a fresh pool whose statements are recorded and return the
	 * statements it sent.
	 * @param url the JDBC URL of the instance
	 * @param action what to run
	 * @return the statements, in the order the server executed them
	 * @throws Exception on failure
	 */
	abstract List<String> record(String url, Action action) throws Exception;

	/**
	 * Return the statements of a PostgreSQL log excerpt.
	 * @param lines the lines of the log
	 * @param pids the backend pids whose statements count
	 * @return the statements
	 */
	static List<String> statements(List<String> lines, Set<String> pids) {
		return PostgresLog.statements(lines, pids);
	}

	/**
	 * Counts the statements that PostgreSQL executes for a contender. The contender gets
	 * a pool whose connections set {@code log_statement=all} for their own sessions only
	 * (through the {@code options} URL parameter; the server configuration is not
	 * touched). The backend pids of that pool are noted, marker statements are sent on a
	 * separate connection before and after the run, and the server log lines between the
	 * markers that come from those pids and report a statement ({@code statement:} for
	 * the simple protocol, {@code execute ...:} for the extended protocol) are the count.
	 * A statement that the server refuses before executing it (such as a query of a table
	 * that does not exist) is not logged as executed; it is counted from its error report
	 * instead.
	 */
	static final class PostgresLog extends StatementCounter {

		private static final Pattern EXECUTED = Pattern
			.compile("^.*? \\[(\\d+)\\] \\S*@\\S* LOG:  (?:statement|execute [^:]*): (.*)$");

		private static final Pattern ERROR = Pattern.compile("^.*? \\[(\\d+)\\] \\S*@\\S* ERROR:  (.*)$");

		private static final Pattern FAILED = Pattern.compile("^.*? \\[(\\d+)\\] \\S*@\\S* STATEMENT:  (.*)$");

		private static final long TIMEOUT_NANOS = 10_000_000_000L;

		private final Path log;

		PostgresLog(Path log) {
			this.log = log;
		}

		Path log() {
			return this.log;
		}

		/**
		 * Run the action on a statement-logging pool and return the statements it sent.
		 * @param url the JDBC URL of the instance
		 * @param action what to run
		 * @return the statements, in the order the server executed them
		 * @throws Exception on failure
		 */
		@Override
		List<String> record(String url, Action action) throws Exception {
			String loggingUrl = Database.Postgres.withParameter(url, "options=-c%20log_statement%3Dall");
			String marker = "bench-marker-" + UUID.randomUUID();
			try (HikariDataSource pool = Database.pool(loggingUrl);
					Connection markers = DriverManager.getConnection(loggingUrl)) {
				Set<String> pids = sessionIds(pool, "SELECT pg_backend_pid()");
				long offset = Files.size(this.log);
				Jdbc.execute(markers, "SELECT '" + marker + "-start'");
				action.run(pool);
				Jdbc.execute(markers, "SELECT '" + marker + "-end'");
				return read(offset, marker, pids);
			}
		}

		private List<String> read(long offset, String marker, Set<String> pids)
				throws IOException, InterruptedException {
			long deadline = System.nanoTime() + TIMEOUT_NANOS;
			while (true) {
				List<String> lines = linesFrom(offset);
				int start = indexOf(lines, marker + "-start", 0);
				int end = (start >= 0) ? indexOf(lines, marker + "-end", start) : -1;
				if (end >= 0) {
					return statements(lines.subList(start + 1, end), pids);
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The markers " + marker + " did not appear in " + this.log
							+ "; is it the log of the server at the benchmark's URL?");
				}
				Thread.sleep(50);
			}
		}

		static List<String> statements(List<String> lines, Set<String> pids) {
			List<String> statements = new ArrayList<>();
			Map<String, String> lastExecuted = new HashMap<>();
			Map<String, String> lastError = new HashMap<>();
			for (String line : lines) {
				Matcher executed = EXECUTED.matcher(line);
				if (executed.matches() && pids.contains(executed.group(1))) {
					statements.add(executed.group(2).strip());
					lastExecuted.put(executed.group(1), executed.group(2).strip());
					continue;
				}
				Matcher error = ERROR.matcher(line);
				if (error.matches() && pids.contains(error.group(1))) {
					lastError.put(error.group(1), error.group(2).strip());
					continue;
				}
				Matcher failed = FAILED.matcher(line);
				if (failed.matches() && pids.contains(failed.group(1))) {
					String sql = failed.group(2).strip();
					if (!sql.equals(lastExecuted.get(failed.group(1)))) {
						statements.add(sql + "   -- refused: " + lastError.get(failed.group(1)));
					}
					lastExecuted.remove(failed.group(1));
				}
			}
			return statements;
		}

		private List<String> linesFrom(long offset) throws IOException {
			try (RandomAccessFile file = new RandomAccessFile(this.log.toFile(), "r")) {
				long length = file.length();
				if (length < offset) {
					throw new IllegalStateException(this.log + " was truncated or rotated while counting");
				}
				byte[] bytes = new byte[Math.toIntExact(length - offset)];
				file.seek(offset);
				file.readFully(bytes);
				return new String(bytes, StandardCharsets.UTF_8).lines().toList();
			}
		}

		private static int indexOf(List<String> lines, String text, int from) {
			for (int i = from; i < lines.size(); i++) {
				if (lines.get(i).contains(text)) {
					return i;
				}
			}
			return -1;
		}

	}

	/**
	 * Counts the statements that MariaDB executes for a contender, from its general query
	 * log, which records every command a session sends, refused ones included. The
	 * performance schema is usually off (it can only be switched on at server start); the
	 * general log is switched on globally, written to the {@code mysql.general_log}
	 * table, only while a contender runs, and put back as it was afterwards. Each
	 * connection of the contender's pool reports its id and sends a marker before the
	 * run; the commands of those ids after their marker are the count: queries,
	 * server-side prepares and executes, and changes of database, but not the pings that
	 * check a connection, which the MariaDB driver sends instead of a query and
	 * PostgreSQL's log does not show.
	 */
	static final class MariaDbGeneralLog extends StatementCounter {

		private static final Set<String> NOT_STATEMENTS = Set.of("Connect", "Quit", "Ping", "Close stmt");

		private final String adminUrl;

		MariaDbGeneralLog(String adminUrl) {
			this.adminUrl = adminUrl;
		}

		@Override
		List<String> record(String url, Action action) throws Exception {
			String marker = "bench-marker-" + UUID.randomUUID();
			try (Connection admin = DriverManager.getConnection(this.adminUrl)) {
				String output;
				boolean enabled;
				try (Statement statement = admin.createStatement();
						ResultSet rows = statement.executeQuery("SELECT @@global.log_output, @@global.general_log")) {
					rows.next();
					output = rows.getString(1);
					enabled = rows.getBoolean(2);
				}
				Jdbc.execute(admin, "SET GLOBAL log_output = '"
						+ (output.contains("TABLE") ? output : output + ",TABLE").replace("NONE,", "") + "'");
				if (!enabled) {
					// Only what this run writes, so that reading it stays quick
					Jdbc.execute(admin, "TRUNCATE TABLE mysql.general_log");
				}
				Jdbc.execute(admin, "SET GLOBAL general_log = 1");
				try (HikariDataSource pool = Database.pool(url)) {
					Set<String> ids = sessionIds(pool, "SELECT CONNECTION_ID(), '" + marker + "'");
					action.run(pool);
					return read(admin, ids, marker);
				}
				finally {
					Jdbc.execute(admin, "SET GLOBAL general_log = " + (enabled ? 1 : 0));
					Jdbc.execute(admin, "SET GLOBAL log_output = '" + output + "'");
				}
			}
		}

		private static List<String> read(Connection admin, Set<String> ids, String marker) throws SQLException {
			List<String> statements = new ArrayList<>();
			Set<String> marked = new HashSet<>();
			String idList = String.join(", ", ids);
			// The CSV engine of the log table returns its rows in the order they were
			// written
			try (Statement statement = admin.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT thread_id, command_type, CONVERT(argument USING utf8mb4) "
								+ "FROM mysql.general_log WHERE thread_id IN (" + idList + ")")) {
				while (rows.next()) {
					String id = rows.getString(1);
					String command = rows.getString(2);
					String argument = rows.getString(3);
					if (!marked.contains(id)) {
						if (argument != null && argument.contains(marker)) {
							marked.add(id);
						}
						continue;
					}
					if (!NOT_STATEMENTS.contains(command)) {
						String sql = (argument != null) ? argument.strip() : "";
						statements.add(command.equals("Query") ? sql : "[" + command + "] " + sql);
					}
				}
			}
			if (!marked.equals(ids)) {
				throw new IllegalStateException("The markers of the sessions " + ids
						+ " are not all in mysql.general_log; is the general log writable?");
			}
			return statements;
		}

	}

	/**
	 * Return the server's id of the session of each connection of the pool, asked with
	 * the given query (its first column) on every connection, all of them open at once so
	 * that each is a different one.
	 */
	private static Set<String> sessionIds(HikariDataSource pool, String query) throws SQLException {
		Set<String> ids = new HashSet<>();
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				Connection connection = pool.getConnection();
				connections.add(connection);
				try (Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery(query)) {
					rows.next();
					ids.add(rows.getString(1));
				}
			}
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
		return ids;
	}

	/**
	 * What to count the statements of.
	 */
	@FunctionalInterface
	interface Action {

		void run(DataSource dataSource) throws Exception;

	}

}
