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
package dev.bootmigrate.sample.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationInfo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Dumps the database to a file before a run applies anything, and stops the run, before
 * anything is applied, when the dump fails: {@code pg_dump} on PostgreSQL,
 * {@code mariadb-dump} on MariaDB, {@code mysqldump} on MySQL. On only when
 * {@code sample.backup.directory} is set (the {@code production} profile sets it). Called
 * only when something is pending, while the run holds the migration lock, so no other
 * instance migrates during the dump.
 *
 * @author the bootmigrate authors
 */
@Component
@ConditionalOnProperty("sample.backup.directory")
class BackupBeforeMigrating implements MigrationCallback {

	private static final Log logger = LogFactory.getLog(BackupBeforeMigrating.class);

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final JdbcConnectionDetails connection;

	private final Path directory;

	private final Duration lockWaitTimeout;

	BackupBeforeMigrating(JdbcConnectionDetails connection, @Value("${sample.backup.directory}") Path directory,
			@Value("${sample.backup.lock-wait-timeout:30s}") Duration lockWaitTimeout) {
		this.connection = connection;
		this.directory = directory;
		this.lockWaitTimeout = lockWaitTimeout;
	}

	@Override
	public void beforeMigrate(List<MigrationInfo> pending) throws IOException, InterruptedException {
		DatabaseDriver database = DatabaseDriver.fromJdbcUrl(this.connection.getJdbcUrl());
		URI url = URI.create(this.connection.getJdbcUrl().substring("jdbc:".length()));
		String name = url.getPath().substring(1);
		Files.createDirectories(this.directory);
		Path file = this.directory.resolve(name + "-" + LocalDateTime.now().format(TIMESTAMP) + "-before-"
				+ pending.get(0).version() + ((database == DatabaseDriver.POSTGRESQL) ? ".dump" : ".sql"));
		List<String> command = new ArrayList<>();
		ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
		String user = (this.connection.getUsername() != null) ? this.connection.getUsername() : parameter(url, "user");
		String password = (this.connection.getPassword() != null) ? this.connection.getPassword()
				: parameter(url, "password");
		switch (database) {
			case POSTGRESQL -> {
				command.addAll(List.of("pg_dump", "--format=custom", "--file=" + file,
						"--lock-wait-timeout=" + this.lockWaitTimeout.toMillis(), "--host=" + host(url),
						"--port=" + port(url, 5432), "--dbname=" + name));
				addIfSet(command, "--username=", user);
				addIfSet(command, "--schema=", parameter(url, "currentSchema"));
				putIfSet(builder.environment(), "PGPASSWORD", password);
			}
			case MARIADB, MYSQL -> {
				command.addAll(List.of((database == DatabaseDriver.MARIADB) ? "mariadb-dump" : "mysqldump",
						"--single-transaction", "--routines", "--triggers", "--result-file=" + file,
						"--host=" + host(url), "--port=" + port(url, 3306)));
				addIfSet(command, "--user=", user);
				command.add(name);
				putIfSet(builder.environment(), "MYSQL_PWD", password);
			}
			default -> throw new IOException("No backup tool for " + database.getId()
					+ " databases; remove sample.backup.directory to migrate without a backup");
		}
		logger.info("Backing up " + name + " to " + file + " before applying " + pending.size() + " migration(s)");
		Process process = builder.command(command).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		int exit = process.waitFor();
		if (exit != 0) {
			Files.deleteIfExists(file);
			throw new IOException(command.get(0) + " exited with " + exit + ": " + output);
		}
		logger.info("Backed up " + name + " to " + file + " (" + Files.size(file) + " bytes)");
	}

	private static String host(URI url) {
		return (url.getHost() != null) ? url.getHost() : "localhost";
	}

	private static String port(URI url, int fallback) {
		return String.valueOf((url.getPort() != -1) ? url.getPort() : fallback);
	}

	private static @Nullable String parameter(URI url, String name) {
		if (url.getQuery() != null) {
			for (String parameter : url.getQuery().split("&")) {
				if (parameter.startsWith(name + "=")) {
					return parameter.substring(name.length() + 1);
				}
			}
		}
		return null;
	}

	private static void addIfSet(List<String> command, String option, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			command.add(option + value);
		}
	}

	private static void putIfSet(Map<String, String> environment, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			environment.put(name, value);
		}
	}

}
