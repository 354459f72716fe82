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
package dev.bootmigrate.internal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.SchemaInspector;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link MigrationContext} given to a running migration.
 *
 * @author the bootmigrate authors
 */
final class DefaultMigrationContext implements MigrationContext {

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private @Nullable SchemaInspector schema;

	private @Nullable String skipped;

	DefaultMigrationContext(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	@Override
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	@Override
	public JdbcClient jdbcClient() {
		return JdbcClient.create(this.jdbc);
	}

	@Override
	public DatabaseDriver database() {
		return this.dialect.driver();
	}

	@Override
	public SchemaInspector schema() {
		SchemaInspector schema = this.schema;
		if (schema == null) {
			// On the same connection, but not counted among the migration's statements:
			// reading the schema commits nothing
			schema = new DefaultSchemaInspector(new JdbcTemplate(Objects.requireNonNull(this.jdbc.getDataSource())),
					this.dialect);
			this.schema = schema;
		}
		return schema;
	}

	@Override
	public void skip(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException(
					"context.skip(reason) needs a reason, shown in the log: say what the migration found already "
							+ "done, such as \"users.username already exists\"");
		}
		this.skipped = reason.strip();
	}

	/**
	 * Return the reason the migration gave for skipping its work, or {@code null}.
	 */
	@Nullable String skipped() {
		return this.skipped;
	}

}
