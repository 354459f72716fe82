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
package dev.bootmigrate.test.app;

import dev.bootmigrate.Migration;

import org.springframework.boot.jdbc.DatabaseDriver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The migrations of the checklist's test applications: reversible ones around one that is
 * not, and one whose rollback forgets its column when {@code test.forget-nickname} is
 * set.
 *
 * @author the bootmigrate authors
 */
@Configuration(proxyBeanMethods = false)
public class ChecklistMigrations {

	@Bean
	Migration createCustomers() {
		return Migration.of("1", "Create customers", (context) -> {
			context.jdbc().execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
			context.jdbc().execute("CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50");
		}, (context) -> {
			context.jdbc().execute("DROP SEQUENCE customer_seq");
			context.jdbc().execute("DROP TABLE customer");
		});
	}

	@Bean
	Migration seedCustomers() {
		return Migration.of("2", "Seed customers",
				(context) -> context.jdbc().update("INSERT INTO customer (id, name) VALUES (1, 'Ada')"));
	}

	@Bean
	Migration addNickname(Environment environment) {
		boolean forget = environment.getProperty("test.forget-nickname", Boolean.class, false);
		return Migration.of("3", "Add nickname",
				(context) -> context.jdbc().execute("ALTER TABLE customer ADD COLUMN nickname VARCHAR(50)"),
				(context) -> {
					if (!forget) {
						context.jdbc().execute("ALTER TABLE customer DROP COLUMN nickname");
					}
				});
	}

	@Bean
	Migration indexCustomerNames() {
		return Migration.of("4", "Index customer names",
				(context) -> context.jdbc().execute("CREATE INDEX customer_name_idx ON customer (name)"),
				(context) -> context.jdbc()
					.execute(
							(context.database() == DatabaseDriver.MARIADB || context.database() == DatabaseDriver.MYSQL)
									? "DROP INDEX customer_name_idx ON customer" : "DROP INDEX customer_name_idx"));
	}

}
