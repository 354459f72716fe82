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

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Liquibase, run as Spring Boot's Liquibase integration runs it: a
 * {@link SpringLiquibase} with Boot's default settings, whose initialisation updates the
 * database from a YAML changelog with one change set per migration.
 *
 * @author the bootmigrate authors
 */
final class LiquibaseContender implements Contender {

	static final String NAME = "Liquibase";

	/**
	 * Liquibase fetches its analytics configuration over the network, then sends usage
	 * data, unless this is {@code false}; network calls are not what is measured here.
	 */
	static final String ANALYTICS_PROPERTY = "liquibase.analytics.enabled";

	private Path changelog = Path.of("changelog.yaml");

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void prepare(Workload workload, Path directory) throws Exception {
		this.changelog = directory.resolve("db.changelog-master.yaml");
		writeChangelog(workload, this.changelog);
	}

	static void writeChangelog(Workload workload, Path file) throws Exception {
		try (BufferedWriter writer = Files.newBufferedWriter(file)) {
			writer.write("databaseChangeLog:\n");
			for (int i = 1; i <= workload.size(); i++) {
				writer.write("  - changeSet:\n");
				writer.write("      id: \"" + workload.version(i) + "\"\n");
				writer.write("      author: bench\n");
				writer.write("      comment: " + workload.description(i) + "\n");
				writer.write("      changes:\n");
				writer.write("        - sql:\n");
				writer.write("            sql: " + workload.sql(i) + "\n");
			}
		}
	}

	@Override
	public void migrate(DataSource dataSource) throws Exception {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog(this.changelog.toUri().toString());
		liquibase.afterPropertiesSet();
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		return Jdbc.count(dataSource, "DATABASECHANGELOG");
	}

}
