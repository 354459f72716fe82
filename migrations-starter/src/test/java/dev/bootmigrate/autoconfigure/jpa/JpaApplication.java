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
package dev.bootmigrate.autoconfigure.jpa;

import java.util.List;

import dev.bootmigrate.Migration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A small JPA application whose schema its migrations create, for validation after
 * migrating, drift detection and the {@code diff} command.
 *
 * @author the bootmigrate authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JpaApplication {

	/**
	 * The customer table without its {@code report_config} column, and the invoices.
	 */
	static Migration createTables() {
		return Migration.of("1", "Create tables", (context) -> {
			context.jdbc().execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
			context.jdbc().execute("CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50");
			context.jdbc().execute("CREATE TABLE invoice (id BIGINT PRIMARY KEY, amount NUMERIC(12, 2) NOT NULL)");
			context.jdbc().execute("CREATE SEQUENCE invoice_seq START WITH 1 INCREMENT BY 50");
		});
	}

	/**
	 * The column {@link Customer} maps and {@link #createTables()} leaves out.
	 */
	static Migration addReportConfig() {
		return Migration.of("2", "Add report config",
				(context) -> context.jdbc().execute("ALTER TABLE customer ADD COLUMN report_config VARCHAR(2000)"));
	}

	/**
	 * A schema that differs from the entities four ways: no invoice table, no invoice
	 * sequence, no {@code report_config} column, and a customer name that accepts NULL.
	 */
	static Migration createDriftedTables() {
		return Migration.of("1", "Create drifted tables", (context) -> {
			context.jdbc().execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100))");
			context.jdbc().execute("CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50");
		});
	}

	/**
	 * The lines of each difference {@link #createDriftedTables()} leaves.
	 */
	static final List<String> DRIFT = List.of("Customer.reportConfig: column customer.report_config is missing",
			"Customer.name: column customer.name accepts NULL, the entity requires a value",
			"Invoice: table invoice is missing", "Invoice: sequence invoice_seq is missing");

}
