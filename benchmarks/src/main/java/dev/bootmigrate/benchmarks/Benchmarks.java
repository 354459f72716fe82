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
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Runs the benchmarks and writes the report. Scenarios A (apply N migrations to an empty
 * database) and B (N applied: start, validate, find nothing pending) run every contender
 * in this JVM, on the same database, with the same pool; scenario C launches a small
 * Spring Boot application in a fresh JVM per measurement.
 * <p>
 * The JVM is warmed up first: every contender applies and checks 100 migrations a few
 * times. Then each configuration runs warm-up rounds and measured rounds; a round runs
 * every contender once, in an order rotated from round to round, so that drift and
 * background noise touch all of them alike. Each run gets a fresh database (A) or a fresh
 * pool on the migrated database (B), opened before the clock starts, and a garbage
 * collection before it. Every run is verified afterwards, untimed: N tables and N
 * recorded migrations.
 *
 * @author the bootmigrate authors
 */
public final class Benchmarks {

	private static final int WARM_UP_SIZE = 100;

	private final Options options;

	private final Path home;

	private final Path work;

	private final Results results = new Results();

	private final List<Contender> contenders;

	Benchmarks(Options options, Path home) throws IOException {
		List<Contender> all = List.of(new Floor(), new BootmigrateContender(), FlywayContender.java(),
				FlywayContender.sql(), new LiquibaseContender(), new SqlFloor(), new BootmigrateSqlContender());
		this.contenders = all.stream()
			.filter((contender) -> options.contenders().isEmpty()
					|| options.contenders().contains(contender.name().toLowerCase(Locale.ROOT)))
			.toList();
		if (this.contenders.size() != Math.max(options.contenders().size(), this.contenders.size())
				|| this.contenders.isEmpty()) {
			throw new IllegalArgumentException("Unknown contender in " + options.contenders() + "; the contenders are "
					+ all.stream().map(Contender::name).toList());
		}
		this.options = options;
		this.home = home;
		this.work = Files.createTempDirectory("bootmigrate-bench-");
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			System.out.println(Options.USAGE);
			return;
		}
		Path home = home();
		Options options;
		try {
			options = Options.parse(args, home.getParent().getParent());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Benchmarks benchmarks;
		try {
			benchmarks = new Benchmarks(options, home);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Results results = benchmarks.run();
		Path output = options.output();
		Files.createDirectories(output.toAbsolutePath().getParent());
		Files.writeString(output, new Report(options, results).render());
		System.out.println("Wrote " + output.toAbsolutePath() + " in " + (results.elapsedMillis / 1000) + " s");
	}

	/**
	 * Return the {@code target} directory this harness runs from, where the build left
	 * the startup application and the dependencies.
	 */
	static Path home() {
		try {
			Path location = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.toAbsolutePath().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every tool logs at INFO, each through another logging system; none of that is what
	 * is measured here, so only warnings are let through (see logback.xml).
	 */
	static void quietLogging() {
		Logger root = Logger.getLogger("");
		root.setLevel(Level.WARNING);
		Stream.of(root.getHandlers()).forEach((handler) -> handler.setLevel(Level.WARNING));
	}

	Results run() throws Exception {
		quietLogging();
		System.setProperty(LiquibaseContender.ANALYTICS_PROPERTY, "false");
		long start = System.nanoTime();
		String loadBefore = Environment.loadAverage();
		try {
			Environment.describe(this.results, this.options);
			this.contenders.forEach((contender) -> this.results.contenders.add(contender.name()));
			List<Database> databases = databases();
			for (Database database : databases) {
				this.results.databases.add(database.name());
				this.results.environment.put(database.name(), database.version());
			}
			if (databases.isEmpty()) {
				throw new IllegalStateException("No database to run on: " + this.results.notes);
			}
			if (this.options.scenarios().contains("A") || this.options.scenarios().contains("B")) {
				warmUp(databases.get(0));
				for (Database database : databases) {
					StatementCounter counter = database.counter(this.options, this.results.notes);
					for (int size : this.options.sizes()) {
						runMigrations(database, new Workload(size), counter);
					}
				}
			}
			if (this.options.scenarios().contains("C")) {
				// Scenario C compares whole applications on the servers it was written
				// for
				List<Database> startupDatabases = databases.stream()
					.filter((database) -> database instanceof Database.H2
							|| (!this.options.quick() && database instanceof Database.Postgres))
					.toList();
				new StartupBenchmark(this.options, this.home, this.work, this.results).run(startupDatabases);
				if (this.options.memoryMigrations() > 0) {
					StartupBenchmark.memory(this.options, this.home, this.work, this.results)
						.run(databases.stream().filter((database) -> database instanceof Database.H2).toList());
				}
			}
		}
		finally {
			deleteRecursively(this.work);
		}
		this.results.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		this.results.environment.put("Load average (1, 5, 15 min)",
				"at the start " + loadBefore + ", at the end " + Environment.loadAverage());
		return this.results;
	}

	private List<Database> databases() throws SQLException {
		List<Database> databases = new ArrayList<>();
		for (String name : this.options.databases()) {
			switch (name) {
				case "h2" -> databases.add(new Database.H2());
				case "sqlite" -> databases.add(new Database.Sqlite(this.work.resolve("sqlite")));
				case "postgresql" -> {
					if (available("PostgreSQL", this.options.postgresUrl())) {
						Database.Postgres postgres = new Database.Postgres(this.options.postgresUrl());
						postgres.dropLeftovers();
						databases.add(postgres);
					}
				}
				case "mariadb" -> {
					if (available("MariaDB", this.options.mariadbUrl())) {
						Database.MariaDb mariadb = new Database.MariaDb(this.options.mariadbUrl());
						mariadb.dropLeftovers();
						databases.add(mariadb);
					}
				}
				default -> throw new IllegalArgumentException("Unknown database " + name);
			}
		}
		return databases;
	}

	private boolean available(String name, String url) {
		try (Connection connection = DriverManager.getConnection(url)) {
			connection.isValid(5);
			return true;
		}
		catch (SQLException ex) {
			String note = name + " at " + url + " is not available (" + ex.getMessage() + "); it was left out.";
			System.err.println("WARNING: " + note);
			this.results.notes.add(note);
			return false;
		}
	}

	/**
	 * Warm the JVM up before anything is measured: every contender applies and checks
	 * {@value #WARM_UP_SIZE} migrations (or fewer if the run measures only fewer) a few
	 * times, untimed.
	 */
	private void warmUp(Database database) throws Exception {
		int largest = this.options.sizes().stream().mapToInt(Integer::intValue).max().orElse(WARM_UP_SIZE);
		Workload workload = new Workload(Math.min(WARM_UP_SIZE, largest));
		List<Contender> contenders = this.contenders.stream().filter(database::runs).toList();
		for (Contender contender : contenders) {
			Path directory = this.work.resolve("warm-up-" + slug(contender.name()));
			contender.prepare(workload, Files.createDirectories(directory));
		}
		int rounds = this.options.quick() ? 1 : 3;
		for (int round = 0; round < rounds; round++) {
			for (Contender contender : contenders) {
				try (Database.Instance instance = database.create(); HikariDataSource pool = instance.pool()) {
					contender.migrate(pool);
					contender.check(pool);
					verify(contender, pool, workload);
				}
			}
			System.out.println("JVM warm-up on " + database.name() + ", N=" + workload.size() + ", round " + (round + 1)
					+ "/" + rounds + " done");
		}
	}

	/**
	 * Scenarios A and B for one database and size: A's last round leaves its databases
	 * behind for B.
	 */
	private void runMigrations(Database database, Workload workload, @Nullable StatementCounter counter)
			throws Exception {
		List<Contender> contenders = this.contenders.stream().filter(database::runs).toList();
		for (Contender contender : contenders) {
			Path directory = this.work.resolve(database.name() + "-" + workload.size() + "-" + slug(contender.name()));
			contender.prepare(workload, Files.createDirectories(directory));
		}
		boolean measureA = this.options.scenarios().contains("A");
		boolean measureB = this.options.scenarios().contains("B");
		int warmups = this.options.warmups();
		Map<Contender, Database.Instance> migrated = new LinkedHashMap<>();
		try {
			int roundsA = measureA ? warmups + this.options.rounds() : 1;
			for (int round = 0; round < roundsA; round++) {
				boolean measured = measureA && round >= warmups;
				StringBuilder line = new StringBuilder();
				for (Contender contender : rotate(contenders, round)) {
					Database.Instance instance = database.create();
					boolean keep = round == roundsA - 1;
					try (HikariDataSource pool = instance.pool()) {
						double millis = time(() -> contender.migrate(pool));
						verify(contender, pool, workload);
						if (measured) {
							this.results.timing("A", database.name(), workload.size(), contender.name()).add(millis);
						}
						line.append(String.format(Locale.ROOT, "  %s %.1f", contender.name(), millis));
					}
					finally {
						if (keep) {
							migrated.put(contender, instance);
						}
						else {
							instance.close();
						}
					}
				}
				progress("A", database, workload, round, roundsA, measured, line);
			}
			if (measureB) {
				int roundsB = warmups + this.options.checkRounds();
				for (int round = 0; round < roundsB; round++) {
					StringBuilder line = new StringBuilder();
					for (Contender contender : rotate(contenders, round)) {
						try (HikariDataSource pool = migrated.get(contender).pool()) {
							double millis = time(() -> contender.check(pool));
							verify(contender, pool, workload);
							if (round >= warmups) {
								this.results.timing("B", database.name(), workload.size(), contender.name())
									.add(millis);
							}
							line.append(String.format(Locale.ROOT, "  %s %.1f", contender.name(), millis));
						}
					}
					progress("B", database, workload, round, roundsB, round >= warmups, line);
				}
			}
			if (counter != null) {
				countStatements(database, workload, counter, contenders, migrated, measureA, measureB);
			}
		}
		finally {
			for (Database.Instance instance : migrated.values()) {
				instance.close();
			}
		}
	}

	private void countStatements(Database database, Workload workload, StatementCounter counter,
			List<Contender> contenders, Map<Contender, Database.Instance> migrated, boolean measureA, boolean measureB)
			throws Exception {
		for (Contender contender : contenders) {
			if (measureB) {
				List<String> statements = counter.record(migrated.get(contender).url(), contender::check);
				this.results.statements.put(new Results.Key("B", database.name(), workload.size(), contender.name()),
						statements);
			}
			if (measureA && workload.size() <= 100) {
				try (Database.Instance instance = database.create()) {
					List<String> statements = counter.record(instance.url(), contender::migrate);
					try (HikariDataSource pool = instance.pool()) {
						verify(contender, pool, workload);
					}
					this.results.statements
						.put(new Results.Key("A", database.name(), workload.size(), contender.name()), statements);
				}
			}
		}
		System.out.println("Counted statements on " + database.name() + ", N=" + workload.size());
	}

	private static List<Contender> rotate(List<Contender> contenders, int round) {
		List<Contender> order = new ArrayList<>(contenders);
		Collections.rotate(order, -(round % order.size()));
		return order;
	}

	private static double time(Timed action) throws Exception {
		System.gc();
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1_000_000.0;
	}

	private static void verify(Contender contender, DataSource dataSource, Workload workload) throws Exception {
		int tables = Database.workloadTables(dataSource);
		int recorded = contender.recorded(dataSource);
		if (tables != workload.size() || recorded != workload.size()) {
			throw new IllegalStateException(contender.name() + " left " + tables + " tables and " + recorded
					+ " recorded migrations, expected " + workload.size());
		}
	}

	private static void progress(String scenario, Database database, Workload workload, int round, int rounds,
			boolean measured, StringBuilder line) {
		System.out.println(scenario + " " + database.name() + " N=" + workload.size() + " round " + (round + 1) + "/"
				+ rounds + (measured ? "" : " (untimed)") + " ms:" + line);
	}

	static String slug(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A timed action.
	 */
	@FunctionalInterface
	private interface Timed {

		void run() throws Exception;

	}

}
