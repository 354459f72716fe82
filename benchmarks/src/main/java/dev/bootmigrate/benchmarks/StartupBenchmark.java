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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.benchmarks.app.StartupApp;

/**
 * Scenario C: the whole-application cost. A small Spring Boot application
 * ({@link StartupApp}) is launched in a fresh JVM per measurement, in one variant per
 * migration tool, on a database where its migrations are already applied. Each variant
 * has its own classpath: the application, the shared Spring Boot and JDBC jars, and only
 * its own tool's jars, with the migrations an application of that kind ships (migration
 * classes found by component scan, SQL files in {@code db/migration}, a changelog in
 * {@code db/changelog}), generated here.
 *
 * @author the bootmigrate authors
 */
final class StartupBenchmark {

	private static final Pattern READY = Pattern
		.compile(StartupApp.MARKER + " ready-ms=(\\d+) cpu-ms=(-?\\d+) peak-rss-kb=(-?\\d+) tools=\\[([A-Za-z,]*)\\]");

	/**
	 * The scenario name of the memory comparison's results.
	 */
	static final String MEMORY = "C-memory";

	private static final String MIGRATIONS_PACKAGE = "dev.bootmigrate.benchmarks.app.migrations";

	private final Options options;

	private final Path home;

	private final Path work;

	private final Results results;

	private final String scenario;

	private final int size;

	private final List<Variant> variants;

	private final int warmups;

	private final int rounds;

	/**
	 * The scenario as configured: every variant with its migrations.
	 */
	StartupBenchmark(Options options, Path home, Path work, Results results) {
		this(options, home, work, results, "C", options.startupMigrations(), List.of(Variant.values()),
				options.startupWarmups(), options.startupRounds());
	}

	private StartupBenchmark(Options options, Path home, Path work, Results results, String scenario, int size,
			List<Variant> variants, int warmups, int rounds) {
		this.options = options;
		this.home = home;
		this.work = work.resolve("startup-" + scenario + "-" + size);
		this.results = results;
		this.scenario = scenario;
		this.size = size;
		this.variants = variants;
		this.warmups = warmups;
		this.rounds = rounds;
	}

	/**
	 * The memory comparison: the application with N migration beans against the same with
	 * N SQL files, for the peak resident memory.
	 */
	static StartupBenchmark memory(Options options, Path home, Path work, Results results) {
		return new StartupBenchmark(options, home, work, results, MEMORY, options.memoryMigrations(),
				List.of(Variant.BOOTMIGRATE, Variant.BOOTMIGRATE_SQL), 1, options.memoryRounds());
	}

	void run(List<Database> databases) throws Exception {
		Workload workload = new Workload(this.size);
		Map<Variant, List<Path>> classpaths = classpaths(workload);
		for (Variant variant : this.variants) {
			if (!this.results.variants.contains(variant.label)) {
				this.results.variants.add(variant.label);
			}
		}
		for (Database database : databases) {
			Map<Variant, Database.Instance> instances = new EnumMap<>(Variant.class);
			try {
				for (Variant variant : this.variants) {
					Path directory = Files.createDirectories(this.work.resolve(database.name() + "-" + variant));
					instances.put(variant, database.createShared(directory));
				}
				// A first launch of each variant applies its migrations, untimed; the
				// database of the application without a tool gets the same tables and a
				// history of the same size from the raw-JDBC floor
				for (Variant variant : this.variants) {
					if (variant.floorDatabase()) {
						Floor floor = new Floor();
						floor.prepare(workload, this.work);
						try (HikariDataSource pool = Database.pool(instances.get(variant).url())) {
							floor.migrate(pool);
						}
					}
					launch(variant, classpaths.get(variant), instances.get(variant));
					verify(variant, instances.get(variant), workload);
				}
				int rounds = this.warmups + this.rounds;
				for (int round = 0; round < rounds; round++) {
					boolean measured = round >= this.warmups;
					List<Variant> order = new ArrayList<>(this.variants);
					Collections.rotate(order, -(round % order.size()));
					StringBuilder line = new StringBuilder();
					for (Variant variant : order) {
						Launch launch = launch(variant, classpaths.get(variant), instances.get(variant));
						if (measured) {
							Results.Key key = new Results.Key(this.scenario, database.name(), workload.size(),
									variant.label);
							this.results.startupMillis.computeIfAbsent(key, (k) -> new Samples())
								.add(launch.readyMillis());
							this.results.startupMemory.computeIfAbsent(key, (k) -> new Samples())
								.add(launch.peakRssKb() / 1024.0);
							this.results.startupCpu.computeIfAbsent(key, (k) -> new Samples()).add(launch.cpuMillis());
						}
						line.append(String.format(Locale.ROOT, "  %s %d ms (cpu %d ms) %d MB", variant.label,
								launch.readyMillis(), launch.cpuMillis(), launch.peakRssKb() / 1024));
					}
					System.out
						.println(this.scenario + " " + database.name() + " N=" + workload.size() + " launch round "
								+ (round + 1) + "/" + rounds + (measured ? "" : " (untimed)") + ":" + line);
				}
				for (Variant variant : this.variants) {
					verify(variant, instances.get(variant), workload);
				}
			}
			finally {
				for (Database.Instance instance : instances.values()) {
					instance.close();
				}
			}
		}
	}

	private Launch launch(Variant variant, List<Path> classpath, Database.Instance instance) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-D" + LiquibaseContender.ANALYTICS_PROPERTY + "=false");
		command.add("-cp");
		command.add(String.join(System.getProperty("path.separator"), classpath.stream().map(Path::toString).toList()));
		command.add(StartupApp.class.getName());
		command.add("--spring.datasource.url=" + instance.url());
		command.addAll(variant.arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Deque<String> tail = new ArrayDeque<>();
		Matcher ready = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				tail.addLast(line);
				if (tail.size() > 40) {
					tail.removeFirst();
				}
				Matcher matcher = READY.matcher(line);
				if (matcher.find()) {
					ready = matcher;
				}
			}
		}
		finally {
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		if (process.exitValue() != 0 || ready == null) {
			throw new IllegalStateException("The " + variant.label + " application failed (exit code "
					+ process.exitValue() + "):\n" + String.join("\n", tail));
		}
		if (!ready.group(4).equals(variant.bean)) {
			throw new IllegalStateException(
					"The " + variant.label + " application ran with the tools [" + ready.group(4) + "]");
		}
		return new Launch(Long.parseLong(ready.group(1)), Long.parseLong(ready.group(2)),
				Long.parseLong(ready.group(3)));
	}

	private static void verify(Variant variant, Database.Instance instance, Workload workload) throws Exception {
		Contender contender = switch (variant) {
			case NONE, BOOTMIGRATE_EMPTY, BOOTMIGRATE_DISABLED -> new Floor();
			case BOOTMIGRATE, BOOTMIGRATE_SQL -> new BootmigrateContender();
			case FLYWAY -> FlywayContender.sql();
			case LIQUIBASE -> new LiquibaseContender();
		};
		try (HikariDataSource pool = Database.pool(instance.url())) {
			DataSource dataSource = pool;
			int tables = Database.workloadTables(dataSource);
			int recorded = contender.recorded(dataSource);
			if (tables != workload.size() || recorded != workload.size()) {
				throw new IllegalStateException("The " + variant.label + " application left " + tables + " tables and "
						+ recorded + " recorded migrations, expected " + workload.size());
			}
		}
	}

	/**
	 * Build each variant's classpath from the jars the build copied: the shared ones, its
	 * tool's own, and a jar of the migrations its kind of application ships.
	 */
	private Map<Variant, List<Path>> classpaths(Workload workload) throws Exception {
		Path app = this.home.resolve("benchmarks-startup-app.jar");
		Path lib = this.home.resolve("lib");
		if (!Files.isRegularFile(app) || !Files.isDirectory(lib)) {
			throw new IllegalStateException("Scenario C needs " + app + " and " + lib
					+ ": build the module with './mvnw -pl benchmarks -am package -DskipTests' first");
		}
		List<Path> jars;
		try (Stream<Path> files = Files.list(lib)) {
			jars = files.filter((file) -> file.toString().endsWith(".jar")).sorted().toList();
		}
		Files.createDirectories(this.work);
		Map<Variant, List<Path>> classpaths = new EnumMap<>(Variant.class);
		for (Variant variant : this.variants) {
			List<Path> classpath = new ArrayList<>();
			classpath.add(app);
			for (Path jar : jars) {
				Variant owner = Variant.owning(jar.getFileName().toString());
				if (variant.uses(owner)) {
					classpath.add(jar);
				}
			}
			Path migrations = migrationsJar(variant, workload, classpath);
			if (migrations != null) {
				classpath.add(migrations);
			}
			classpaths.put(variant, classpath);
		}
		return classpaths;
	}

	private Path migrationsJar(Variant variant, Workload workload, List<Path> classpath) throws Exception {
		Map<String, byte[]> entries = new TreeMap<>();
		switch (variant) {
			case NONE, BOOTMIGRATE_EMPTY -> {
				return null;
			}
			case BOOTMIGRATE, BOOTMIGRATE_DISABLED -> entries.putAll(compileMigrations(workload, classpath));
			case FLYWAY, BOOTMIGRATE_SQL -> {
				for (int i = 1; i <= workload.size(); i++) {
					entries.put("db/migration/V" + i + "__create_t" + i + ".sql",
							(workload.sql(i) + ";\n").getBytes(StandardCharsets.UTF_8));
				}
			}
			case LIQUIBASE -> {
				Path changelog = this.work.resolve("db.changelog-master.yaml");
				LiquibaseContender.writeChangelog(workload, changelog);
				entries.put("db/changelog/db.changelog-master.yaml", Files.readAllBytes(changelog));
			}
		}
		Path jar = this.work.resolve("migrations-" + variant.name().toLowerCase(Locale.ROOT) + ".jar");
		writeJar(jar, entries);
		return jar;
	}

	/**
	 * Compile one migration class per migration, as an application written for this
	 * starter has them: {@code @Component} classes found by the component scan.
	 */
	private Map<String, byte[]> compileMigrations(Workload workload, List<Path> classpath) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("Scenario C compiles the migration classes: run it on a JDK, not a JRE");
		}
		List<JavaFileObject> sources = new ArrayList<>();
		for (int i = 1; i <= workload.size(); i++) {
			String name = "CreateT" + i;
			String source = """
					package %s;

					import dev.bootmigrate.Migration;
					import dev.bootmigrate.MigrationContext;

					import org.springframework.stereotype.Component;

					@Component
					class %s implements Migration {

						@Override
						public String version() {
							return "%s";
						}

						@Override
						public void migrate(MigrationContext context) {
							context.jdbc().execute("%s");
						}

					}
					""".formatted(MIGRATIONS_PACKAGE, name, workload.version(i), workload.sql(i));
			sources.add(new SimpleJavaFileObject(
					URI.create("string:///" + MIGRATIONS_PACKAGE.replace('.', '/') + "/" + name + ".java"),
					JavaFileObject.Kind.SOURCE) {

				@Override
				public CharSequence getCharContent(boolean ignoreEncodingErrors) {
					return source;
				}

			});
		}
		Path classes = Files.createDirectories(this.work.resolve("migration-classes"));
		List<String> arguments = List.of("--release", "17", "-d", classes.toString(), "-classpath",
				String.join(System.getProperty("path.separator"), classpath.stream().map(Path::toString).toList()));
		if (!compiler.getTask(null, null, null, arguments, null, sources).call()) {
			throw new IllegalStateException("Could not compile the migration classes");
		}
		Map<String, byte[]> entries = new TreeMap<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		}
		return entries;
	}

	/**
	 * Write a jar with directory entries, which class path scanning needs to find a
	 * package or location in it.
	 */
	private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
		TreeSet<String> directories = new TreeSet<>();
		for (String name : entries.keySet()) {
			for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
				directories.add(name.substring(0, slash + 1));
			}
		}
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
			for (String directory : directories) {
				jarOut.putNextEntry(new JarEntry(directory));
				jarOut.closeEntry();
			}
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				jarOut.putNextEntry(new JarEntry(entry.getKey()));
				jarOut.write(entry.getValue());
				jarOut.closeEntry();
			}
		}
	}

	/**
	 * The variants of the application, each with the jars only it has.
	 */
	enum Variant {

		NONE("no migration tool", "", List.of()),

		BOOTMIGRATE("bootmigrate", "migrationEngine", List.of("migrations-spring-boot-starter-")),

		/**
		 * The starter's own cost: its jar, no migration beans, on a database like the one
		 * of the application without a tool.
		 */
		BOOTMIGRATE_EMPTY("bootmigrate, no migration beans", "migrationEngine", BOOTMIGRATE, List.of()),

		/**
		 * What Spring itself spends on the migration beans: the bootmigrate application
		 * with the starter switched off ({@code migrations.enabled=false}), so that its
		 * 100 {@code @Component} classes are scanned and created but nothing reads them.
		 */
		BOOTMIGRATE_DISABLED("bootmigrate switched off, migration beans only", "", BOOTMIGRATE,
				List.of("--migrations.enabled=false")),

		/**
		 * The same migrations as SQL files in {@code classpath:db/migration}, the
		 * starter's default location.
		 */
		BOOTMIGRATE_SQL("bootmigrate (SQL files)", "migrationEngine", BOOTMIGRATE, List.of()),

		FLYWAY("Flyway (Boot integration, SQL)", "flyway",
				List.of("spring-boot-flyway-", "flyway-core-", "flyway-database-postgresql-",
						"flyway-database-cockroachdb-", "flyway-mysql-")),

		LIQUIBASE("Liquibase (Boot integration)", "liquibase",
				List.of("spring-boot-liquibase-", "liquibase-core-", "snakeyaml-", "commons-collections4-",
						"commons-text-", "opencsv-", "jaxb-api-", "commons-lang3-", "commons-io-"));

		final String label;

		final String bean;

		private final List<String> jarPrefixes;

		private final @Nullable Variant jarsOf;

		final List<String> arguments;

		Variant(String label, String bean, List<String> jarPrefixes) {
			this.label = label;
			this.bean = bean;
			this.jarPrefixes = jarPrefixes;
			this.jarsOf = null;
			this.arguments = List.of();
		}

		Variant(String label, String bean, Variant jarsOf, List<String> arguments) {
			this.label = label;
			this.bean = bean;
			this.jarPrefixes = List.of();
			this.jarsOf = jarsOf;
			this.arguments = arguments;
		}

		/**
		 * Whether the variant has the given tool's jars.
		 */
		boolean uses(@Nullable Variant owner) {
			return owner == null || owner == this || owner == this.jarsOf;
		}

		/**
		 * Whether the variant's database is prepared like that of the application without
		 * a tool: the variants that apply no migrations.
		 */
		boolean floorDatabase() {
			return this == NONE || this == BOOTMIGRATE_EMPTY || this == BOOTMIGRATE_DISABLED;
		}

		static Variant owning(String jarName) {
			for (Variant variant : values()) {
				for (String prefix : variant.jarPrefixes) {
					if (jarName.startsWith(prefix) && jarName.length() > prefix.length()
							&& Character.isDigit(jarName.charAt(prefix.length()))) {
						return variant;
					}
				}
			}
			return null;
		}

	}

	/**
	 * What one launch measured.
	 *
	 * @param readyMillis the time from JVM start to the application ready event
	 * @param cpuMillis the CPU time of the process until then
	 * @param peakRssKb the peak resident set size until then, in KiB
	 */
	record Launch(long readyMillis, long cpuMillis, long peakRssKb) {

	}

}
