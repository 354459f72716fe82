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
package dev.bootmigrate.autoconfigure.startup;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter migrates the database of a {@code DataSource} built from a
 * {@link JdbcConnectionDetails} bean, as Testcontainers' {@code @ServiceConnection}
 * registers one, with no {@code spring.datasource.*} property: here the bean points at
 * the test server, so that the test needs no Docker.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource({ "dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL",
		"dev.bootmigrate.testsupport.TestDatabase#MARIADB" })
class ServiceConnectionStartupTests extends AbstractTestDatabaseTests {

	@Test
	void migratesTheDatabaseThatJdbcConnectionDetailsPointAt() {
		ConnectionDetails details = new ConnectionDetails(database().url(), property("spring.datasource.username"),
				property("spring.datasource.password"));
		SpringApplication application = new SpringApplication(StartupApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers((context) -> {
			GenericApplicationContext generic = (GenericApplicationContext) context;
			generic.registerBean("jdbcConnectionDetails", JdbcConnectionDetails.class, () -> details);
			generic.registerBean("createNotes", Migration.class, () -> Migration.of("1", "Create notes",
					(migration) -> migration.jdbc().execute("CREATE TABLE notes (id INT PRIMARY KEY)")));
		});
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off")) {
			assertThat(context.getBean(DataSource.class)).isInstanceOfSatisfying(HikariDataSource.class,
					(pool) -> assertThat(pool.getJdbcUrl()).isEqualTo(database().url()));
		}
		assertThat(database().columns("notes")).containsExactly("id");
		assertThat(new JdbcTemplate(database().dataSource()).queryForList("SELECT version FROM schema_migrations",
				String.class))
			.containsExactly("1");
	}

	private @Nullable String property(String name) {
		List<String> values = database().springProperties()
			.stream()
			.filter((property) -> property.startsWith(name + "="))
			.map((property) -> property.substring(name.length() + 1))
			.toList();
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Connection details as a {@code @ServiceConnection} container gives them.
	 */
	private record ConnectionDetails(String getJdbcUrl, @Nullable String getUsername,
			@Nullable String getPassword) implements JdbcConnectionDetails {

	}

}
