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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the results as {@code docs/benchmarks.md}: the method (from
 * {@code benchmarks.md} beside this class) and the numbers of this run.
 *
 * @author the bootmigrate authors
 */
final class Report {

	private static final String H2 = "H2";

	private static final String POSTGRES = "PostgreSQL";

	private static final String MARIADB = "MariaDB";

	private static final String SQLITE = "SQLite";

	/**
	 * The databases that SQL files have targets on.
	 */
	private static final List<String> SQL_TARGETS = List.of(H2, POSTGRES, MARIADB);

	private static final String FLOOR = Floor.NAME;

	private static final String OURS = BootmigrateContender.NAME;

	private static final List<String> FLYWAYS = List.of("Flyway (Java)", "Flyway (SQL)");

	private static final String FLYWAY_SQL = "Flyway (SQL)";

	private static final String OURS_SQL = BootmigrateSqlContender.NAME;

	private static final String FLOOR_SQL = SqlFloor.NAME;

	private static final int LARGE = 1000;

	private static final int MEDIUM = 100;

	private final Options options;

	private final Results results;

	Report(Options options, Results results) {
		this.options = options;
		this.results = results;
	}

	String render() {
		return template().replace("{{command}}", this.options.command())
			.replace("{{warmups}}", Integer.toString(this.options.warmups()))
			.replace("{{rounds}}", Integer.toString(this.options.rounds()))
			.replace("{{checkRounds}}", Integer.toString(this.options.checkRounds()))
			.replace("{{startupWarmups}}", Integer.toString(this.options.startupWarmups()))
			.replace("{{startupRounds}}", Integer.toString(this.options.startupRounds()))
			.replace("{{startupMigrations}}", Integer.toString(this.options.startupMigrations()))
			.replace("{{memoryMigrations}}", Integer.toString(this.options.memoryMigrations()))
			.replace("{{memoryRounds}}", Integer.toString(this.options.memoryRounds()))
			.replace("{{results}}", results())
			.stripTrailing() + "\n";
	}

	private static String template() {
		try (InputStream in = Report.class.getResourceAsStream("benchmarks.md")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String results() {
		StringBuilder out = new StringBuilder();
		long seconds = this.results.elapsedMillis / 1000;
		out.append("Measured with `")
			.append(this.options.command())
			.append("`")
			.append(this.options.quick() ? " (a quick run: few rounds, not for conclusions)" : "")
			.append("; the run took ")
			.append(seconds / 60)
			.append(" min ")
			.append(seconds % 60)
			.append(" s.\n\n");
		if (!this.options.quick() && (this.options.rounds() < 5 || this.options.checkRounds() < 25
				|| this.options.startupRounds() < 20 || this.options.memoryRounds() < 5)) {
			out.append("> **Note:** fewer rounds than the defaults (A ")
				.append(this.options.rounds())
				.append(" instead of 5, B ")
				.append(this.options.checkRounds())
				.append(" instead of 25, C ")
				.append(this.options.startupRounds())
				.append(" launches instead of 20, the memory comparison ")
				.append(this.options.memoryRounds())
				.append(" instead of 5), to keep a run on every database short on a 2-core machine shared with ")
				.append("other builds: the medians are of fewer samples, and the minimum and maximum show their ")
				.append("spread.\n\n");
		}
		for (String note : this.results.notes) {
			out.append("> **Note:** ").append(note).append("\n\n");
		}
		out.append("| | |\n| --- | --- |\n");
		this.results.environment.forEach((name, value) -> tableRow(out, name, value.replace("|", "\\|")));
		out.append("\n");
		targets(out);
		if (has("A")) {
			out.append("### A. Apply N migrations to an empty database\n\n");
			timings(out, "A");
			perMigration(out);
		}
		if (has("B")) {
			out.append("### B. Up-to-date check: N applied, start, validate, find nothing pending\n\n");
			timings(out, "B");
			sqlFiles(out);
		}
		if (!this.results.statements.isEmpty()) {
			statements(out);
		}
		if (this.results.startupMillis.keySet().stream().anyMatch((key) -> key.scenario().equals("C"))) {
			startup(out);
		}
		if (this.results.startupMillis.keySet()
			.stream()
			.anyMatch((key) -> key.scenario().equals(StartupBenchmark.MEMORY))) {
			memory(out);
		}
		return out.toString();
	}

	private boolean has(String scenario) {
		return this.results.timings.keySet().stream().anyMatch((key) -> key.scenario().equals(scenario));
	}

	private void targets(StringBuilder out) {
		out.append("### Against the targets\n\n");
		out.append("Medians; every ratio compares medians of this run.\n\n");
		out.append("| Target | Database | Measured | Met |\n| --- | --- | --- | --- |\n");
		for (String database : targeted()) {
			for (int size : this.options.sizes()) {
				Double ratio = ratio("B", database, size, OURS, FLOOR);
				if (ratio != null) {
					row(out, "B, N=" + size + ": at most 1.5× the floor", database, ratio(ratio) + " the floor",
							ratio <= 1.5);
				}
			}
		}
		for (String database : targeted()) {
			double required = switch (database) {
				case H2 -> 10;
				case MARIADB -> 5;
				default -> 3;
			};
			for (String flyway : FLYWAYS) {
				Double ratio = ratio("B", database, LARGE, flyway, OURS);
				if (ratio != null) {
					row(out, "B, N=" + LARGE + ": at least " + (int) required + "× faster than " + flyway, database,
							ratio(ratio) + " faster", ratio >= required);
				}
			}
		}
		sqlTargets(out);
		for (String database : List.of(POSTGRES, MARIADB)) {
			int beyond = database.equals(POSTGRES) ? 2 : 1;
			for (int size : this.options.sizes()) {
				List<String> ours = this.results.statements.get(new Results.Key("B", database, size, OURS));
				List<String> floor = this.results.statements.get(new Results.Key("B", database, size, FLOOR));
				if (ours != null && floor != null) {
					row(out, "B, N=" + size + ": at most " + statementCount(beyond) + " beyond the floor's", database,
							statementCount(ours.size()) + ", the floor " + floor.size(),
							ours.size() - floor.size() <= beyond);
				}
			}
		}
		for (String database : targeted()) {
			double allowed = database.equals(H2) ? 3 : 1.5;
			Double ratio = ratio("A", database, LARGE, OURS, FLOOR);
			if (ratio != null) {
				row(out, "A, N=" + LARGE + ": at most " + number(allowed) + "× the floor", database,
						ratio(ratio) + " the floor", ratio <= allowed);
			}
		}
		for (String database : targeted()) {
			Samples medium = sample("A", database, MEDIUM, OURS);
			Samples large = sample("A", database, LARGE, OURS);
			if (medium != null && large != null) {
				double perMedium = medium.median() / MEDIUM;
				double perLarge = large.median() / LARGE;
				row(out, "A: constant cost per migration, N=" + MEDIUM + " → " + LARGE + " (at most 1.25× as much)",
						database, millis(perMedium) + " → " + millis(perLarge) + " ms per migration ("
								+ ratio(perLarge / perMedium) + ")",
						perLarge <= 1.25 * perMedium);
			}
		}
		for (String database : this.results.databases) {
			Samples none = startup(database, StartupBenchmark.Variant.NONE);
			Samples ours = startup(database, StartupBenchmark.Variant.BOOTMIGRATE);
			Samples flyway = startup(database, StartupBenchmark.Variant.FLYWAY);
			if (none != null && ours != null) {
				double added = ours.median() - none.median();
				row(out, "C: at most 30 ms added to startup over no migration tool", database, signed(added) + " ms",
						added <= 30);
			}
			Samples alone = startup(database, StartupBenchmark.Variant.BOOTMIGRATE_EMPTY);
			if (none != null && alone != null) {
				double added = alone.median() - none.median();
				row(out, "C, the starter alone (no migration beans): at most 30 ms added", database,
						signed(added) + " ms", added <= 30);
			}
			if (flyway != null && ours != null) {
				row(out, "C: starts faster than with Flyway", database,
						millis(ours.median()) + " ms against " + millis(flyway.median()) + " ms",
						ours.median() < flyway.median());
			}
		}
		for (String database : this.results.databases) {
			Samples beans = memory(database, StartupBenchmark.Variant.BOOTMIGRATE);
			Samples files = memory(database, StartupBenchmark.Variant.BOOTMIGRATE_SQL);
			if (beans != null && files != null) {
				double ratio = files.median() / beans.median();
				row(out, "C, N=" + this.options.memoryMigrations()
						+ ": peak RSS with SQL files at most 10% above the same migrations as beans", database,
						millis(files.median()) + " MB against " + millis(beans.median()) + " MB ("
								+ signedPercent(ratio) + ")",
						ratio <= 1.10);
			}
		}
		out.append("\n");
	}

	/**
	 * The databases of the run that have targets: SQLite is measured, without one.
	 */
	private List<String> targeted() {
		return this.results.databases.stream().filter((database) -> !database.equals(SQLITE)).toList();
	}

	/**
	 * The targets of SQL-file migrations: B against Flyway's SQL files and against the
	 * floor that reads and checksums the files, A against the same migrations as beans.
	 */
	private void sqlTargets(StringBuilder out) {
		for (String database : this.results.databases.stream().filter(SQL_TARGETS::contains).toList()) {
			Double flyway = ratio("B", database, LARGE, FLYWAY_SQL, OURS_SQL);
			if (flyway != null) {
				row(out, "B, N=" + LARGE + ", SQL files: at least 5× faster than " + FLYWAY_SQL, database,
						ratio(flyway) + " faster", flyway >= 5);
			}
			Double floor = ratio("B", database, LARGE, OURS_SQL, FLOOR_SQL);
			if (floor != null) {
				row(out, "B, N=" + LARGE + ", SQL files: at most 2× the " + FLOOR_SQL, database,
						ratio(floor) + " the floor", floor <= 2);
			}
			Double beans = ratio("A", database, LARGE, OURS_SQL, OURS);
			if (beans != null) {
				row(out, "A, N=" + LARGE + ", SQL files: at most 1.3× the same migrations as beans", database,
						ratio(beans) + " the beans", beans <= 1.3);
			}
		}
	}

	/**
	 * What reading the N files adds to the up-to-date check: listing, reading and
	 * checksumming them (and, for the starter, naming, splitting and resolving them),
	 * measured as the difference between the file and bean (or raw) medians of B.
	 */
	private void sqlFiles(StringBuilder out) {
		if (this.results.databases.stream()
			.flatMap((database) -> this.options.sizes().stream().map((size) -> sample("B", database, size, OURS_SQL)))
			.allMatch((samples) -> samples == null)) {
			return;
		}
		out.append("#### What N SQL files add to B\n\n");
		out.append("The median of B with the migrations as SQL files in a jar, less the median with the same ")
			.append("migrations as beans (for the floors: reading and checksumming the files, less nothing), ")
			.append("in ms, and per file: how scanning and checksumming grow with N.\n\n");
		out.append("| Database | N | ")
			.append(OURS_SQL)
			.append(" − ")
			.append(OURS)
			.append(" | per file | ")
			.append(FLOOR_SQL)
			.append(" − ")
			.append(FLOOR)
			.append(" | per file |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (String database : this.results.databases) {
			for (int size : this.options.sizes()) {
				Samples files = sample("B", database, size, OURS_SQL);
				Samples beans = sample("B", database, size, OURS);
				Samples floorFiles = sample("B", database, size, FLOOR_SQL);
				Samples floor = sample("B", database, size, FLOOR);
				if (files == null || beans == null) {
					continue;
				}
				double added = files.median() - beans.median();
				double floorAdded = (floorFiles != null && floor != null) ? floorFiles.median() - floor.median()
						: Double.NaN;
				tableRow(out, database, size, signed(added), millis(added / size),
						Double.isNaN(floorAdded) ? "–" : signed(floorAdded),
						Double.isNaN(floorAdded) ? "–" : millis(floorAdded / size));
			}
		}
		out.append("\n");
	}

	private static void row(StringBuilder out, String target, String database, String measured, boolean met) {
		tableRow(out, target, database, measured, met ? "yes" : "**no**");
	}

	/**
	 * Append one row of a markdown table.
	 */
	private static void tableRow(StringBuilder out, Object... cells) {
		out.append("|");
		for (Object cell : cells) {
			out.append(" ").append(cell).append(" |");
		}
		out.append("\n");
	}

	private void timings(StringBuilder out, String scenario) {
		for (String database : this.results.databases) {
			if (this.options.sizes().stream().noneMatch((size) -> sample(scenario, database, size, OURS) != null)) {
				continue;
			}
			out.append("#### ").append(database).append("\n\n");
			out.append("| N | Tool | Median (ms) | Min–max (ms) | × floor | × bootmigrate |\n");
			out.append("| ---: | --- | ---: | ---: | ---: | ---: |\n");
			for (int size : this.options.sizes()) {
				for (String contender : this.results.contenders) {
					Samples samples = sample(scenario, database, size, contender);
					if (samples == null) {
						continue;
					}
					tableRow(out, size, contender, millis(samples.median()), range(samples),
							orDash(ratio(scenario, database, size, contender, FLOOR), Report::ratio),
							orDash(ratio(scenario, database, size, contender, OURS), Report::ratio));
				}
			}
			out.append("\n");
		}
	}

	private void perMigration(StringBuilder out) {
		if (!this.options.sizes().contains(MEDIUM) || !this.options.sizes().contains(LARGE)) {
			return;
		}
		out.append("#### Cost per migration in A\n\n");
		out.append("Median divided by N, and the marginal cost of the migrations 101 to 1000 ((median at 1000 − ")
			.append("median at 100) / 900), in ms.\n\n");
		out.append("| Tool |");
		for (String database : this.results.databases) {
			out.append(" ")
				.append(database)
				.append(" N=100 | ")
				.append(database)
				.append(" N=1000 | ")
				.append(database)
				.append(" marginal |");
		}
		out.append("\n| --- |").append(" ---: | ---: | ---: |".repeat(this.results.databases.size())).append("\n");
		for (String contender : this.results.contenders) {
			out.append("| ").append(contender).append(" |");
			for (String database : this.results.databases) {
				Samples medium = sample("A", database, MEDIUM, contender);
				Samples large = sample("A", database, LARGE, contender);
				if (medium == null || large == null) {
					out.append(" – | – | – |");
					continue;
				}
				out.append(" ")
					.append(millis(medium.median() / MEDIUM))
					.append(" | ")
					.append(millis(large.median() / LARGE))
					.append(" | ")
					.append(millis((large.median() - medium.median()) / (LARGE - MEDIUM)))
					.append(" |");
			}
			out.append("\n");
		}
		out.append("\n");
	}

	private void statements(StringBuilder out) {
		for (String database : this.results.databases) {
			if (this.results.statements.keySet().stream().anyMatch((key) -> key.database().equals(database))) {
				statements(out, database);
			}
		}
	}

	private void statements(StringBuilder out, String database) {
		out.append("### Statements sent to ").append(database).append("\n\n");
		out.append("Counted by the server (see [How statements are counted](#how-statements-are-counted)), ")
			.append("for one run of each tool.\n\n");
		List<Integer> sizes = this.options.sizes();
		out.append("| Tool |");
		sizes.forEach((size) -> out.append(" B, N=").append(size).append(" |"));
		List<Integer> applySizes = sizes.stream()
			.filter((size) -> this.results.statements.containsKey(new Results.Key("A", database, size, OURS)))
			.toList();
		applySizes.forEach((size) -> out.append(" A, N=").append(size).append(" |"));
		if (applySizes.size() >= 2) {
			out.append(" A, per migration |");
		}
		out.append("\n| --- |")
			.append(" ---: |".repeat(sizes.size() + applySizes.size() + ((applySizes.size() >= 2) ? 1 : 0)))
			.append("\n");
		for (String contender : this.results.contenders) {
			if (sizes.stream()
				.noneMatch((size) -> this.results.statements
					.containsKey(new Results.Key("B", database, size, contender)))) {
				continue;
			}
			out.append("| ").append(contender).append(" |");
			for (int size : sizes) {
				out.append(" ").append(count(database, "B", size, contender)).append(" |");
			}
			for (int size : applySizes) {
				out.append(" ").append(count(database, "A", size, contender)).append(" |");
			}
			if (applySizes.size() >= 2) {
				int first = applySizes.get(0);
				int last = applySizes.get(applySizes.size() - 1);
				List<String> small = this.results.statements.get(new Results.Key("A", database, first, contender));
				List<String> big = this.results.statements.get(new Results.Key("A", database, last, contender));
				out.append(" ")
					.append((small != null && big != null)
							? number((big.size() - small.size()) / (double) (last - first)) : "–")
					.append(" |");
			}
			out.append("\n");
		}
		out.append("\n");
		int smallest = sizes.get(0);
		for (String contender : this.results.contenders) {
			listing(out, database, "B", smallest, contender);
		}
		listing(out, database, "A", smallest, FLOOR);
		listing(out, database, "A", smallest, OURS);
		out.append("\n");
	}

	private String count(String database, String scenario, int size, String contender) {
		List<String> statements = this.results.statements.get(new Results.Key(scenario, database, size, contender));
		return (statements != null) ? Integer.toString(statements.size()) : "–";
	}

	private void listing(StringBuilder out, String database, String scenario, int size, String contender) {
		List<String> statements = this.results.statements.get(new Results.Key(scenario, database, size, contender));
		if (statements == null) {
			return;
		}
		out.append("<details><summary>")
			.append(database)
			.append(", ")
			.append(contender)
			.append(", ")
			.append(scenario)
			.append(", N=")
			.append(size)
			.append(": ")
			.append(statementCount(statements.size()))
			.append("</summary>\n\n```\n");
		for (String statement : statements) {
			out.append((statement.length() > 160) ? statement.substring(0, 157) + "..." : statement).append("\n");
		}
		out.append("```\n\n</details>\n");
	}

	private void startup(StringBuilder out) {
		out.append("### C. Application startup with ")
			.append(this.options.startupMigrations())
			.append(" applied migrations\n\n");
		out.append("Time from JVM start to `ApplicationReadyEvent`, CPU time of the process until then, and peak ")
			.append("resident memory (`VmHWM`), over ")
			.append(this.options.startupRounds())
			.append(" launches per variant.\n\n");
		for (String database : this.results.databases) {
			Samples none = startup(database, StartupBenchmark.Variant.NONE);
			if (none == null) {
				continue;
			}
			out.append("#### ").append(database).append("\n\n");
			out.append("| Variant | Ready: median (ms) | Min–max (ms) | vs no tool (ms) | CPU: median (ms) ")
				.append("| Peak RSS: median (MB) | Min–max (MB) |\n");
			out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
			for (String variant : this.results.variants) {
				Results.Key key = new Results.Key("C", database, this.options.startupMigrations(), variant);
				Samples ready = this.results.startupMillis.get(key);
				Samples cpu = this.results.startupCpu.get(key);
				Samples memory = this.results.startupMemory.get(key);
				if (ready == null) {
					continue;
				}
				tableRow(out, variant, millis(ready.median()), range(ready),
						(ready == none) ? "–" : signed(ready.median() - none.median()), millis(cpu.median()),
						millis(memory.median()), range(memory));
			}
			out.append("\n");
		}
	}

	private void memory(StringBuilder out) {
		out.append("### C. Peak memory with ")
			.append(this.options.memoryMigrations())
			.append(" migrations: beans against SQL files\n\n");
		out.append("The bootmigrate application with ")
			.append(this.options.memoryMigrations())
			.append(" `@Component` migration classes, and the same application with the same migrations as ")
			.append("SQL files in `classpath:db/migration` instead, over ")
			.append(this.options.memoryRounds())
			.append(" launches each, after one untimed launch.\n\n");
		out.append(
				"| Database | Variant | Peak RSS: median (MB) | Min–max (MB) | Ready: median (ms) | CPU: median (ms) |\n");
		out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
		for (String database : this.results.databases) {
			for (StartupBenchmark.Variant variant : List.of(StartupBenchmark.Variant.BOOTMIGRATE,
					StartupBenchmark.Variant.BOOTMIGRATE_SQL)) {
				Results.Key key = new Results.Key(StartupBenchmark.MEMORY, database, this.options.memoryMigrations(),
						variant.label);
				Samples memory = this.results.startupMemory.get(key);
				if (memory == null) {
					continue;
				}
				tableRow(out, database, variant.label, millis(memory.median()), range(memory),
						millis(this.results.startupMillis.get(key).median()),
						millis(this.results.startupCpu.get(key).median()));
			}
		}
		out.append("\n");
	}

	private Samples memory(String database, StartupBenchmark.Variant variant) {
		return this.results.startupMemory
			.get(new Results.Key(StartupBenchmark.MEMORY, database, this.options.memoryMigrations(), variant.label));
	}

	private static String signedPercent(double ratio) {
		double percent = (ratio - 1) * 100;
		return ((percent >= 0) ? "+" : "−") + String.format(Locale.ROOT, "%.1f", Math.abs(percent)) + "%";
	}

	private Samples startup(String database, StartupBenchmark.Variant variant) {
		return this.results.startupMillis
			.get(new Results.Key("C", database, this.options.startupMigrations(), variant.label));
	}

	private Samples sample(String scenario, String database, int size, String contender) {
		Samples samples = this.results.timings.get(new Results.Key(scenario, database, size, contender));
		return (samples != null && samples.count() > 0) ? samples : null;
	}

	private Double ratio(String scenario, String database, int size, String contender, String reference) {
		Samples samples = sample(scenario, database, size, contender);
		Samples base = sample(scenario, database, size, reference);
		return (samples != null && base != null) ? samples.median() / base.median() : null;
	}

	private static <T> String orDash(T value, Function<T, String> format) {
		return (value != null) ? format.apply(value) : "–";
	}

	private static String statementCount(int count) {
		return count + ((count != 1) ? " statements" : " statement");
	}

	private static String range(Samples samples) {
		return millis(samples.min()) + "–" + millis(samples.max());
	}

	static String millis(double millis) {
		if (millis >= 100) {
			return String.format(Locale.ROOT, "%.0f", millis);
		}
		if (millis >= 10) {
			return String.format(Locale.ROOT, "%.1f", millis);
		}
		return String.format(Locale.ROOT, "%.2f", millis);
	}

	static String ratio(double ratio) {
		return number(ratio) + "×";
	}

	static String number(double value) {
		if (value >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (value >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String signed(double millis) {
		return ((millis >= 0) ? "+" : "−") + millis(Math.abs(millis));
	}

}
