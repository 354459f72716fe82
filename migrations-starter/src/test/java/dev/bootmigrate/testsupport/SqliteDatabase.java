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
package dev.bootmigrate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A SQLite database file of its own, {@code test.db} in a new temporary directory,
 * deleted with the directory (and the journal and lock files next to it) when closed.
 *
 * @author the bootmigrate authors
 */
public final class SqliteDatabase implements AutoCloseable {

	private final Path directory;

	private final Path file;

	private final String url;

	private SqliteDatabase(Path directory, JournalMode journalMode) {
		this.directory = directory;
		this.file = directory.resolve("test.db");
		this.url = "jdbc:sqlite:" + this.file + ((journalMode == JournalMode.WAL) ? "?journal_mode=WAL" : "");
	}

	/**
	 * Create a database file in a new temporary directory, in SQLite's default journal
	 * mode (a rollback journal).
	 * @return the database
	 */
	public static SqliteDatabase create() {
		return create(JournalMode.DELETE);
	}

	/**
	 * Create a database file in a new temporary directory.
	 * @param journalMode the journal mode its connections use
	 * @return the database
	 */
	public static SqliteDatabase create(JournalMode journalMode) {
		try {
			return new SqliteDatabase(Files.createTempDirectory("bootmigrate-sqlite-"), journalMode);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the database file.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Return the JDBC URL.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Return the Spring Boot properties that point a {@code DataSource} at this database.
	 * @return the properties, as {@code key=value} strings
	 */
	public List<String> springProperties() {
		return List.of("spring.datasource.url=" + url());
	}

	/**
	 * Return a data source that opens a new connection to the file each time.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.sqlite.JDBC(), url());
	}

	/**
	 * Delete the directory of the database file, with everything in it.
	 */
	/**
	 * How SQLite keeps a transaction's changes until it commits.
	 */
	public enum JournalMode {

		/**
		 * A rollback journal, deleted at each commit: SQLite's default. Readers and the
		 * writer's commit wait for each other.
		 */
		DELETE,

		/**
		 * A write-ahead log: readers do not wait for the writer.
		 */
		WAL

	}

	@Override
	public void close() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
