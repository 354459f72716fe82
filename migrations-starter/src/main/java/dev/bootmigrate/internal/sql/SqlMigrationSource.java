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

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.Versions;
import dev.bootmigrate.internal.MigrationSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.ResourceUtils;

/**
 * The migrations defined by SQL files, named as Flyway names them:
 * {@code V<version>__<description>.sql} (versioned),
 * {@code U<version>__<description>.sql} (the rollback of that version) and
 * {@code R__<description>.sql} (repeatable), in {@code classpath:} or {@code filesystem:}
 * locations, in directories and jars.
 * <p>
 * The locations are scanned once, on the first call of {@link #migrations()} or
 * {@link #repeatables()}. Each file is read then to compute its checksum (Flyway's), to
 * check its placeholders and to split it into statements, which decides whether it runs
 * in a transaction; its text is not kept: it is read again when it runs. Every problem (a
 * {@code .sql} file not named as a migration, a rollback without its migration, an
 * unknown placeholder, a file mixing statements that cannot run in a transaction with
 * others) is reported at once, in one {@link InvalidMigrationsException}.
 *
 * @author the bootmigrate authors
 */
public final class SqlMigrationSource implements MigrationSource {

	private static final Log logger = LogFactory.getLog(SqlMigrationSource.class);

	private static final String CLASSPATH = "classpath:";

	private static final String FILESYSTEM = "filesystem:";

	private final ResourcePatternResolver resolver;

	private final Supplier<DatabaseDriver> database;

	private @Nullable SqlSyntax syntax;

	private final Settings settings;

	private final Placeholders placeholders;

	private volatile @Nullable Scan scan;

	/**
	 * Create a source of the SQL migrations in the given locations.
	 * @param resourceLoader the resource loader, usually the application context
	 * @param database the database the files target, which decides how they are split and
	 * which of their statements cannot run in a transaction;
	 * {@link DatabaseDriver#UNKNOWN} for standard SQL
	 * @param settings the locations and the rules to read the files
	 */
	public SqlMigrationSource(ResourceLoader resourceLoader, DatabaseDriver database, Settings settings) {
		this(resourceLoader, () -> database, settings);
	}

	/**
	 * Create a source of the SQL migrations in the given locations, which asks for the
	 * database they target only when it has a file to read.
	 * @param resourceLoader the resource loader, usually the application context
	 * @param database supplies the database the files target, which decides how they are
	 * split and which of their statements cannot run in a transaction
	 * ({@link DatabaseDriver#UNKNOWN} for standard SQL); called at most once, during the
	 * scan, and not at all when the locations hold no SQL file
	 * @param settings the locations and the rules to read the files
	 */
	public SqlMigrationSource(ResourceLoader resourceLoader, Supplier<DatabaseDriver> database, Settings settings) {
		this.resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		this.database = database;
		this.settings = settings;
		this.placeholders = Placeholders.of(settings.placeholders(), settings.placeholderReplacement());
	}

	/**
	 * Return the syntax of the database the files target, asked for on first use, during
	 * the scan.
	 */
	private SqlSyntax syntax() {
		SqlSyntax syntax = this.syntax;
		if (syntax == null) {
			syntax = SqlSyntax.of(this.database.get());
			this.syntax = syntax;
		}
		return syntax;
	}

	/**
	 * Return the versioned migrations: one per {@code V} file, with its {@code U} file,
	 * if any, as its rollback.
	 * @return the versioned migrations, ordered by path
	 * @throws InvalidMigrationsException if any file is invalid, listing every problem
	 */
	@Override
	public List<Found> migrations() {
		return scan().versioned;
	}

	/**
	 * Return the repeatable migrations: one per {@code R} file. They have no version (an
	 * empty {@link dev.bootmigrate.Migration#version()}): they are known by their
	 * description, unique among them, and their checksum, that of the text with its
	 * placeholders replaced (as Flyway's), changes whenever the file or the value of one
	 * of its placeholders does.
	 * @return the repeatable migrations, ordered by description
	 * @throws InvalidMigrationsException if any file is invalid, listing every problem
	 */
	@Override
	public List<Found> repeatables() {
		return scan().repeatable;
	}

	private Scan scan() {
		Scan scan = this.scan;
		if (scan == null) {
			synchronized (this) {
				scan = this.scan;
				if (scan == null) {
					long start = System.nanoTime();
					scan = new Scanner().scan();
					this.scan = scan;
					if (logger.isDebugEnabled()) {
						logger.debug("Found " + scan.versioned.size() + " versioned and " + scan.repeatable.size()
								+ " repeatable SQL migrations in " + this.settings.locations() + " in "
								+ (System.nanoTime() - start) / 1_000_000 + " ms");
					}
				}
			}
		}
		return scan;
	}

	/**
	 * Where the SQL files are and how to read them.
	 *
	 * @param locations where the files are: {@code classpath:} or {@code filesystem:}
	 * followed by a directory (without a prefix, on the class path), searched with its
	 * sub-directories
	 * @param ignoredFiles patterns of the files to leave aside, matched against their
	 * path from their location with Ant-style wildcards ({@code *}, {@code **},
	 * {@code ?}), such as {@code beforeMigrate.sql} or {@code legacy/**}
	 * @param placeholders the values of the placeholders ({@code ${name}}), by name;
	 * names ignore case
	 * @param placeholderReplacement whether to replace placeholders
	 * @param mixed whether a file may mix statements that cannot run in a transaction
	 * with others, running then without a transaction
	 */
	public record Settings(List<String> locations, List<String> ignoredFiles, Map<String, String> placeholders,
			boolean placeholderReplacement, boolean mixed) {

	}

	/**
	 * What a scan found.
	 */
	private record Scan(List<Found> versioned, List<Found> repeatable) {

	}

	/**
	 * A file found in a location.
	 *
	 * @param source how it is read again when it runs
	 * @param found how the scan reads it: as when it runs, or from its entry in a jar the
	 * scan opened once
	 * @param path its path, for messages
	 * @param relativePath its path from its location
	 * @param url its URL
	 */
	private record Candidate(SqlScript.Source source, SqlScript.Source found, String path, String relativePath,
			String url) {

	}

	/**
	 * A file with its name read.
	 */
	private record Named(Candidate file, SqlFileName name) {

	}

	/**
	 * One scan of the locations.
	 */
	private final class Scanner {

		private final AntPathMatcher matcher = new AntPathMatcher();

		private final List<String> problems = new ArrayList<>();

		/**
		 * The jars opened by the scan that nothing else shares, closed when it ends.
		 */
		private final List<JarFile> opened = new ArrayList<>();

		Scan scan() {
			try {
				return scanLocations();
			}
			finally {
				for (JarFile jar : this.opened) {
					try {
						jar.close();
					}
					catch (IOException ex) {
						// Only read from
					}
				}
			}
		}

		private Scan scanLocations() {
			Map<String, Candidate> candidates = new LinkedHashMap<>();
			for (String location : SqlMigrationSource.this.settings.locations()) {
				try {
					find(location.strip(), candidates);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not list the SQL migrations in " + location, ex);
				}
			}
			List<Candidate> files = new ArrayList<>(candidates.values());
			files.sort(Comparator.comparing(Candidate::path));
			List<Named> versioned = new ArrayList<>();
			Map<String, Named> rollbacks = new HashMap<>();
			Map<String, Named> repeatable = new TreeMap<>();
			for (Candidate file : files) {
				SqlFileName name = name(file);
				if (name == null) {
					continue;
				}
				Named named = new Named(file, name);
				switch (name.type()) {
					case VERSIONED -> versioned.add(named);
					case ROLLBACK -> {
						Named other = rollbacks.putIfAbsent(Versions.canonical(name.version()), named);
						if (other != null) {
							this.problems.add("SQL files '" + other.file().path() + "' and '" + file.path()
									+ "' are both the rollback of version " + name.version() + "; keep one");
						}
					}
					case REPEATABLE -> {
						Named other = repeatable.putIfAbsent(name.description(), named);
						if (other != null) {
							this.problems.add("SQL files '" + other.file().path() + "' and '" + file.path()
									+ "' are repeatable migrations with the same description, '" + name.description()
									+ "', which identifies them; rename one");
						}
					}
				}
			}
			List<Found> migrations = new ArrayList<>(versioned.size());
			for (Named migration : versioned) {
				Named rollback = rollbacks.remove(Versions.canonical(migration.name().version()));
				Found found = versioned(migration, rollback);
				if (found != null) {
					migrations.add(found);
				}
			}
			rollbacks.values()
				.stream()
				.sorted(Comparator.comparing((orphan) -> orphan.file().path()))
				.forEach((orphan) -> this.problems.add("SQL file '" + orphan.file().path()
						+ "' is a rollback (U) of a version that no SQL file defines; add its migration (V"
						+ fileName(orphan.file().relativePath()).substring(1)
						+ ", with the same version) or remove it"));
			List<Found> repeatables = new ArrayList<>(repeatable.size());
			for (Named migration : repeatable.values()) {
				SqlScript script = script(migration.file(), true);
				if (script != null) {
					repeatables.add(found(migration, new SqlMigration(migration.name().version(),
							migration.name().description(), script, null)));
				}
			}
			if (!this.problems.isEmpty()) {
				throw new InvalidMigrationsException(this.problems);
			}
			return new Scan(List.copyOf(migrations), List.copyOf(repeatables));
		}

		private @Nullable Found versioned(Named migration, @Nullable Named rollback) {
			SqlScript script = script(migration.file(), false);
			SqlScript rollbackScript = (rollback != null) ? script(rollback.file(), false) : null;
			if (script == null || (rollback != null && rollbackScript == null)) {
				return null;
			}
			if (rollbackScript != null && script.transactional() && !rollbackScript.transactional()) {
				this.problems.add("SQL file '" + rollbackScript.path() + "' cannot run in a transaction, but it is the "
						+ "rollback of '" + script.path() + "', which runs in one, as its rollback does; make both "
						+ "run without a transaction, or neither");
				return null;
			}
			return found(migration, new SqlMigration(migration.name().version(), migration.name().description(), script,
					rollbackScript));
		}

		private Found found(Named migration, SqlMigration sqlMigration) {
			return new Found(MigrationOrigin.sql(migration.file().path(), migration.file().url()), sqlMigration);
		}

		private @Nullable SqlFileName name(Candidate file) {
			String fileName = fileName(file.relativePath());
			try {
				return SqlFileName.parse(fileName);
			}
			catch (IllegalArgumentException ex) {
				this.problems.add("SQL file '" + file.path() + "' is not named as a migration: " + ex.getMessage()
						+ ". Name it " + SqlFileName.PATTERNS + "; or, to leave it aside deliberately, add a pattern "
						+ "that matches it to migrations.ignored-files (such as " + file.relativePath() + ")");
				return null;
			}
		}

		private @Nullable SqlScript script(Candidate file, boolean repeatable) {
			try {
				return SqlScript.scan(file.found(), file.source(), file.path(), repeatable,
						SqlMigrationSource.this.placeholders, syntax(), SqlMigrationSource.this.settings.mixed());
			}
			catch (ScriptProblem ex) {
				this.problems.add("SQL file '" + file.path() + "': " + ex.getMessage());
				return null;
			}
		}

		private void find(String location, Map<String, Candidate> candidates) throws IOException {
			ResourcePatternResolver resolver = SqlMigrationSource.this.resolver;
			String directory;
			String displayPrefix;
			List<Resource> roots;
			Resource[] resources;
			if (location.startsWith(FILESYSTEM)) {
				directory = withSlash(location.substring(FILESYSTEM.length()));
				Resource root = resolver.getResource("file:" + directory);
				if (!root.exists()) {
					this.problems.add("The location '" + location + "' does not exist; create it or correct "
							+ "migrations.locations");
					return;
				}
				roots = List.of(root);
				displayPrefix = directory;
				resources = resolver.getResources("file:" + directory + "**/*");
			}
			else if (location.startsWith(CLASSPATH) || !location.contains(":")) {
				directory = withSlash(
						location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location);
				while (directory.startsWith("/")) {
					directory = directory.substring(1);
				}
				roots = List.of(resolver.getResources(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX + directory));
				displayPrefix = directory;
				if (!roots.isEmpty() && roots.stream().allMatch(Scanner::isInJar)) {
					// As an application ships them: one pass over each jar's entries, and
					// its files read from the jar opened once
					for (Resource root : roots) {
						findInJar(root, displayPrefix, candidates);
					}
					return;
				}
				resources = resolver
					.getResources(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX + directory + "**/*");
			}
			else {
				this.problems.add("The location '" + location + "' is neither on the class path (classpath:) nor on "
						+ "the file system (filesystem:)");
				return;
			}
			for (Resource resource : resources) {
				String url = resource.getURL().toString();
				if (url.endsWith("/") || isDirectory(resource) || candidates.containsKey(url)) {
					continue;
				}
				String relativePath = relativePath(roots, resource, url);
				if (!SqlFileName.isSql(fileName(relativePath)) || isIgnored(relativePath)) {
					continue;
				}
				SqlScript.Source source = SqlScript.Source.of(resource);
				candidates.put(url, new Candidate(source, source, displayPrefix + relativePath, relativePath, url));
			}
		}

		/**
		 * Find the SQL files under a location's directory in a jar, as Spring's pattern
		 * {@code classpath*:<location>/**}{@code /*} finds them and with the URLs it
		 * gives them, in one pass over the jar's entries, reading each from the jar
		 * opened once. A file's resource is made only if it runs.
		 */
		private void findInJar(Resource root, String displayPrefix, Map<String, Candidate> candidates)
				throws IOException {
			JarURLConnection connection = (JarURLConnection) root.getURL().openConnection();
			ResourceUtils.useCachesIfNecessary(connection);
			JarFile jar = connection.getJarFile();
			if (!connection.getUseCaches()) {
				this.opened.add(jar);
			}
			JarEntry rootEntry = connection.getJarEntry();
			String rootPath = (rootEntry != null) ? withSlash(rootEntry.getName()) : "";
			String rootUrl = withSlash(root.getURL().toString());
			for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (entry.isDirectory() || !name.startsWith(rootPath) || name.length() == rootPath.length()) {
					continue;
				}
				String relativePath = name.substring(rootPath.length());
				if (!SqlFileName.isSql(fileName(relativePath)) || isIgnored(relativePath)) {
					continue;
				}
				// As UrlResource.createRelative makes it
				String url = rootUrl + relativePath.replace("#", "%23");
				if (!candidates.containsKey(url)) {
					candidates.put(url, new Candidate(new RelativeSource(root, relativePath, url),
							new EntrySource(jar, entry, url), displayPrefix + relativePath, relativePath, url));
				}
			}
		}

		private static boolean isInJar(Resource resource) {
			try {
				return ResourceUtils.isJarURL(resource.getURL());
			}
			catch (IOException ex) {
				return false;
			}
		}

		private boolean isIgnored(String relativePath) {
			for (String pattern : SqlMigrationSource.this.settings.ignoredFiles()) {
				if (this.matcher.match(pattern.strip(), relativePath)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Return the path of a file from the root of its location: from the root whose
		 * URL starts its URL (a directory of the class path or a jar), else from the file
		 * system.
		 */
		private String relativePath(List<Resource> roots, Resource resource, String url) throws IOException {
			for (Resource root : roots) {
				String rootUrl = withSlash(root.getURL().toString());
				if (url.startsWith(rootUrl)) {
					return url.substring(rootUrl.length());
				}
			}
			if (resource.isFile()) {
				Path file = resource.getFile().toPath().toAbsolutePath();
				for (Resource root : roots) {
					if (root.isFile()) {
						Path directory = root.getFile().toPath().toAbsolutePath();
						if (file.startsWith(directory)) {
							return directory.relativize(file).toString().replace(File.separatorChar, '/');
						}
					}
				}
			}
			String fileName = resource.getFilename();
			return (fileName != null) ? fileName : url;
		}

		private static boolean isDirectory(Resource resource) {
			try {
				return resource.isFile() && resource.getFile().isDirectory();
			}
			catch (IOException ex) {
				return false;
			}
		}

		private static String fileName(String relativePath) {
			return relativePath.substring(relativePath.lastIndexOf('/') + 1);
		}

		private static String withSlash(String path) {
			return path.endsWith("/") ? path : path + "/";
		}

	}

	/**
	 * A file in a jar, read from its entry in the jar the scan opened.
	 */
	private record EntrySource(JarFile jar, JarEntry entry, String url) implements SqlScript.Source {

		@Override
		public byte[] read() throws IOException {
			try (InputStream input = this.jar.getInputStream(this.entry)) {
				long size = this.entry.getSize();
				return (size >= 0 && size < Integer.MAX_VALUE) ? input.readNBytes((int) size) : input.readAllBytes();
			}
		}

		@Override
		public String toString() {
			return "URL [" + this.url + "]";
		}

	}

	/**
	 * A file in a jar, read again when it runs through a resource made then, relative to
	 * the resource of its location, as Spring makes it.
	 */
	private record RelativeSource(Resource root, String relativePath, String url) implements SqlScript.Source {

		@Override
		public byte[] read() throws IOException {
			try (InputStream input = this.root.createRelative(this.relativePath).getInputStream()) {
				return input.readAllBytes();
			}
		}

		@Override
		public String toString() {
			return "URL [" + this.url + "]";
		}

	}

}
