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
 * Counts the statements that PostgreSQL executes for a contender, on the server side, so
 * that nothing a driver or a pool sends on its own escapes the count. The contender gets
 * a pool whose connections set {@code log_statement=all} for their own sessions only
 * (through the {@code options} URL parameter; the server configuration is not touched).
 * The backend pids of that pool are noted, marker statements are sent on a separate
 * connection before and after the run, and the server log lines between the markers that
 * come from those pids and report a statement ({@code statement:} for the simple
 * protocol, {@code execute ...:} for the extended protocol) are the count. A statement
 * that the server refuses before executing it (such as a query of a table that does not
 * exist) is not logged as executed; it is counted from its error report instead.
 *
 * @author the bootmigrate authors
 */
final class StatementCounter {

	private static final Pattern EXECUTED = Pattern
		.compile("^.*? \\[(\\d+)\\] \\S*@\\S* LOG:  (?:statement|execute [^:]*): (.*)$");

	private static final Pattern ERROR = Pattern.compile("^.*? \\[(\\d+)\\] \\S*@\\S* ERROR:  (.*)$");

	private static final Pattern FAILED = Pattern.compile("^.*? \\[(\\d+)\\] \\S*@\\S* STATEMENT:  (.*)$");

	private static final long TIMEOUT_NANOS = 10_000_000_000L;

	private final Path log;

	StatementCounter(Path log) {
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
	List<String> record(String url, Action action) throws Exception {
		String loggingUrl = Database.Postgres.withParameter(url, "options=-c%20log_statement%3Dall");
		String marker = "bench-marker-" + UUID.randomUUID();
		try (HikariDataSource pool = Database.pool(loggingUrl);
				Connection markers = DriverManager.getConnection(loggingUrl)) {
			Set<String> pids = backendPids(pool);
			long offset = Files.size(this.log);
			Jdbc.execute(markers, "SELECT '" + marker + "-start'");
			action.run(pool);
			Jdbc.execute(markers, "SELECT '" + marker + "-end'");
			return read(offset, marker, pids);
		}
	}

	private static Set<String> backendPids(HikariDataSource pool) throws SQLException {
		Set<String> pids = new HashSet<>();
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				Connection connection = pool.getConnection();
				connections.add(connection);
				try (Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
					rows.next();
					pids.add(rows.getString(1));
				}
			}
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
		return pids;
	}

	private List<String> read(long offset, String marker, Set<String> pids) throws IOException, InterruptedException {
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

	/**
	 * What to count the statements of.
	 */
	@FunctionalInterface
	interface Action {

		void run(DataSource dataSource) throws Exception;

	}

}
