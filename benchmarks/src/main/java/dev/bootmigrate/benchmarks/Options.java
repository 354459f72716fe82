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

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What a run measures and how often, from {@code --name=value} arguments.
 *
 * @param quick whether this is a quick smoke run
 * @param sizes the numbers of migrations of scenarios A and B
 * @param warmups the unmeasured rounds before the measured ones
 * @param rounds the measured rounds of scenario A
 * @param checkRounds the measured rounds of scenario B
 * @param contenders the names of the contenders of scenarios A and B to run, in lower
 * case, or empty for all
 * @param databases the databases, among {@code h2}, {@code postgresql}, {@code mariadb}
 * and {@code sqlite}
 * @param scenarios the scenarios, {@code A}, {@code B} and {@code C}
 * @param startupMigrations the number of applied migrations of scenario C
 * @param startupWarmups the unmeasured launches of each variant of scenario C
 * @param startupRounds the measured launches of each variant of scenario C
 * @param memoryMigrations the number of migrations of the memory comparison of scenario C
 * (beans against SQL files), or 0 to skip it
 * @param memoryRounds the measured launches of each variant of that comparison
 * @param postgresUrl the JDBC URL of the PostgreSQL database
 * @param mariadbUrl the JDBC URL of the MariaDB server, whose database part each instance
 * replaces
 * @param postgresLog the server log of that PostgreSQL: a path, {@code none} to not count
 * statements, or empty to find Debian's log of the server
 * @param output the markdown file to write
 * @param command the command line, for the report
 * @author the bootmigrate authors
 */
record Options(boolean quick, List<Integer> sizes, int warmups, int rounds, int checkRounds, List<String> contenders,
		List<String> databases, Set<String> scenarios, int startupMigrations, int startupWarmups, int startupRounds,
		int memoryMigrations, int memoryRounds, String postgresUrl, String mariadbUrl, String postgresLog, Path output,
		String command) {

	static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root";

	static final List<String> DATABASES = List.of("h2", "postgresql", "mariadb", "sqlite");

	static final String USAGE = """
			Usage: java -jar benchmarks/target/benchmarks.jar [--help] [--quick] [--name=value ...]
			  --quick                  a smoke run of a minute or two (N=10,100; fewer rounds; H2 only for C);
			                           writes benchmarks/target/benchmarks-quick.md unless --output is given
			  --sizes=10,100,1000      numbers of migrations for scenarios A and B
			  --warmups=1              unmeasured rounds of A and B, after a JVM warm-up
			  --rounds=5               measured rounds of A
			  --check-rounds=25        measured rounds of B
			  --contenders=...         only these contenders of A and B, by name (such as
			                           'floor (raw JDBC),bootmigrate'); default: all
			  --databases=h2,postgresql,mariadb,sqlite
			                           (scenario C runs on H2 and PostgreSQL among them)
			  --scenarios=A,B,C
			  --startup-migrations=100 migrations of scenario C
			  --startup-warmups=2 --startup-rounds=20   launches per variant of scenario C
			  --memory-migrations=1000 --memory-rounds=5   scenario C's peak memory with N beans against
			                           N SQL files, on H2 (0: skipped)
			  --postgres-url=...       default: $MIGRATIONS_TEST_POSTGRES_URL, else %s
			  --mariadb-url=...        default: $MIGRATIONS_TEST_MARIADB_URL, else %s;
			                           each instance is a new database in place of the URL's
			  --postgres-log=...       the server log, to count statements; default: Debian's log of the
			                           server's major version if readable; 'none' to not count
			  --output=...             default: docs/benchmarks.md of this repository
			""".formatted(DEFAULT_POSTGRES_URL, DEFAULT_MARIADB_URL);

	static Options parse(String[] args, @Nullable Path repository) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			values.put((equals < 0) ? arg.substring(2) : arg.substring(2, equals),
					(equals < 0) ? "true" : arg.substring(equals + 1));
		}
		boolean quick = Boolean.parseBoolean(values.remove("quick"));
		List<Integer> sizes = Arrays.stream(values.getOrDefault("sizes", quick ? "10,100" : "10,100,1000").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		values.remove("sizes");
		int warmups = Integer.parseInt(take(values, "warmups", "1"));
		int rounds = Integer.parseInt(take(values, "rounds", quick ? "3" : "5"));
		int checkRounds = Integer.parseInt(take(values, "check-rounds", quick ? "5" : "25"));
		List<String> contenders = Arrays.stream(take(values, "contenders", "").split(","))
			.map((name) -> name.strip().toLowerCase(Locale.ROOT))
			.filter((name) -> !name.isEmpty())
			.toList();
		List<String> databases = Arrays.stream(take(values, "databases", String.join(",", DATABASES)).split(","))
			.map((name) -> name.strip().toLowerCase(Locale.ROOT))
			.toList();
		Set<String> scenarios = new TreeSet<>();
		Arrays.stream(take(values, "scenarios", "A,B,C").split(","))
			.map((name) -> name.strip().toUpperCase(Locale.ROOT))
			.forEach(scenarios::add);
		int startupMigrations = Integer.parseInt(take(values, "startup-migrations", "100"));
		int startupWarmups = Integer.parseInt(take(values, "startup-warmups", quick ? "0" : "2"));
		int startupRounds = Integer.parseInt(take(values, "startup-rounds", quick ? "2" : "20"));
		int memoryMigrations = Integer.parseInt(take(values, "memory-migrations", quick ? "100" : "1000"));
		int memoryRounds = Integer.parseInt(take(values, "memory-rounds", quick ? "2" : "5"));
		String env = System.getenv("MIGRATIONS_TEST_POSTGRES_URL");
		String postgresUrl = take(values, "postgres-url", (env != null && !env.isBlank()) ? env : DEFAULT_POSTGRES_URL);
		String mariadbEnv = System.getenv("MIGRATIONS_TEST_MARIADB_URL");
		String mariadbUrl = take(values, "mariadb-url",
				(mariadbEnv != null && !mariadbEnv.isBlank()) ? mariadbEnv : DEFAULT_MARIADB_URL);
		String postgresLog = take(values, "postgres-log", "");
		String outputValue = values.remove("output");
		if (outputValue == null && repository == null) {
			throw new IllegalArgumentException(
					"This jar is not in benchmarks/target of a repository: say where the report goes with --output");
		}
		Path output = (outputValue != null) ? Path.of(outputValue)
				: repository.resolve(quick ? "benchmarks/target/benchmarks-quick.md" : "docs/benchmarks.md");
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s) " + values.keySet() + "\n" + USAGE);
		}
		if (!DATABASES.containsAll(databases)) {
			throw new IllegalArgumentException("Unknown database in " + databases + "\n" + USAGE);
		}
		String command = "java -jar benchmarks/target/benchmarks.jar" + ((args.length > 0) ? " " : "")
				+ String.join(" ", args);
		return new Options(quick, sizes, warmups, rounds, checkRounds, contenders, databases, scenarios,
				startupMigrations, startupWarmups, startupRounds, memoryMigrations, memoryRounds, postgresUrl,
				mariadbUrl, postgresLog, output, command);
	}

	private static String take(Map<String, String> values, String name, String defaultValue) {
		String value = values.remove(name);
		return (value != null) ? value : defaultValue;
	}

}
