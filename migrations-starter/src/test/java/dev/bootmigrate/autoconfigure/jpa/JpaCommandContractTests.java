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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.Migration;
import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands of a JPA application whose schema its migrations create: {@code migrate}
 * validates after applying, {@code check} and {@code status} report drift, and
 * {@code diff} generates the migration that removes it. Real {@code SpringApplication}
 * runs with {@code --migrations.command}, once per database.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")
class JpaCommandContractTests extends AbstractTestDatabaseTests {

	@BeforeEach
	void entitiesNeedSequences() {
		assumeTrue(database().sequences(), "the entities' ids come from sequences");
	}

	/**
	 * Customers without their report_config column, and no invoices at all.
	 */
	private static final Supplier<Migration> CUSTOMERS_ONLY = () -> Migration.of("1", "Create customers", (context) -> {
		context.jdbc().execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
		context.jdbc().execute("CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50");
	});

	private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T");

	private CapturedOutput output;

	@Test
	void migrateCommandValidatesAfterApplyingTheMigrationThatAddsTheColumn(CapturedOutput output) {
		this.output = output;
		Map<String, Supplier<Migration>> first = Map.of("createTables", JpaApplication::createTables);
		assertThat(command("migrate", first, "--spring.jpa.hibernate.ddl-auto=validate").exitCode()).isOne();
		Map<String, Supplier<Migration>> both = Map.of("createTables", JpaApplication::createTables, "addReportConfig",
				JpaApplication::addReportConfig);
		Outcome status = command("status", both, "--spring.jpa.hibernate.ddl-auto=validate");
		assertThat(status.exitCode()).isZero();
		assertThat(status.output()).contains("1 applied, 1 pending")
			.contains("Customer.reportConfig: column customer.report_config is missing");
		Outcome migrate = command("migrate", both, "--spring.jpa.hibernate.ddl-auto=validate",
				"--migrations.on-drift=fail");
		assertThat(migrate.exitCode()).isZero();
		assertThat(migrate.output()).contains("Applied 1 migration(s)");
	}

	@Test
	void checkExitsWithTwoAndStatusShowsEveryDifference(CapturedOutput output) {
		this.output = output;
		Map<String, Supplier<Migration>> drifted = Map.of("createDriftedTables", JpaApplication::createDriftedTables);
		assertThat(command("migrate", drifted).exitCode()).isZero();
		Outcome check = command("check", drifted);
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("Action needed: 1 applied, 0 pending")
			.contains("the entities and the database differ")
			.contains(JpaApplication.DRIFT);
		Outcome status = command("status", drifted);
		assertThat(status.exitCode()).isZero();
		assertThat(status.output()).contains("The JPA entities and the database differ").contains(JpaApplication.DRIFT);
		assertThat(command("check", drifted, "--migrations.on-drift=ignore").exitCode()).isZero();
	}

	@Test
	void diffPrintsTheDdlWithoutChangingTheDatabase(CapturedOutput output) {
		this.output = output;
		Map<String, Supplier<Migration>> customers = Map.of("createCustomers", CUSTOMERS_ONLY);
		command("migrate", customers);
		Outcome diff = command("diff", customers);
		assertThat(diff.exitCode()).isZero();
		assertThat(diff.output().toLowerCase()).contains("create table invoice")
			.contains("create sequence invoice_seq")
			.containsPattern("alter table (if exists )?customer\\s+add column report_config varchar\\(2000\\)");
		assertThat(command("check", customers).output()).contains("Invoice: table invoice is missing");
	}

	@Test
	void diffWrittenAsAMigrationAndAppliedLeavesNoDrift(CapturedOutput output, @TempDir Path folder)
			throws IOException {
		this.output = output;
		Map<String, Supplier<Migration>> customers = Map.of("createCustomers", CUSTOMERS_ONLY);
		command("migrate", customers);
		Outcome diff = command("diff", customers, "--migrations.output=" + folder,
				"--migrations.description=Add invoices and report config");
		assertThat(diff.exitCode()).isZero();
		Path file = folder.resolve("V2__Add_invoices_and_report_config.sql");
		assertThat(diff.output()).contains("Wrote migration 2 to " + file);
		assertThat(Files.readString(file)).startsWith("-- Add invoices and report config: generated by "
				+ "--migrations.command=diff from the JPA entities,");
		Map<String, Supplier<Migration>> both = new LinkedHashMap<>(customers);
		both.put("generated", () -> Migration.of("2", "Add invoices and report config",
				(context) -> context.jdbc().execute((ConnectionCallback<Void>) (connection) -> {
					ScriptUtils.executeSqlScript(connection, new FileSystemResource(file));
					return null;
				})));
		assertThat(command("migrate", both, "--spring.jpa.hibernate.ddl-auto=validate").exitCode()).isZero();
		assertThat(command("check", both).exitCode()).isZero();
		Outcome again = command("diff", both);
		assertThat(again.exitCode()).isZero();
		assertThat(again.output()).contains("No differences: the entities and the database agree.");
	}

	@Test
	void diffListsDropsAndOtherDecisionsAsCommentsOnly(CapturedOutput output) {
		this.output = output;
		Map<String, Supplier<Migration>> extra = Map.of("createTables",
				() -> Migration.of("1", "Create tables", (context) -> {
					context.jdbc()
						.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
								+ "report_config VARCHAR(2000), fax VARCHAR(20))");
					context.jdbc().execute("CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50");
					context.jdbc().execute("CREATE TABLE invoice (id BIGINT PRIMARY KEY, amount NUMERIC(12, 2))");
					context.jdbc().execute("CREATE SEQUENCE invoice_seq START WITH 1 INCREMENT BY 50");
					context.jdbc().execute("CREATE TABLE legacy_notes (id INT PRIMARY KEY)");
				}));
		command("migrate", extra);
		Outcome diff = command("diff", extra);
		assertThat(diff.exitCode()).isZero();
		List<String> lines = diff.output()
			.lines()
			.filter((line) -> !line.isBlank() && !LOG_LINE.matcher(line).find())
			.toList();
		assertThat(lines).filteredOn((line) -> !line.startsWith("--"))
			.noneSatisfy((line) -> assertThat(line.toLowerCase()).contains("drop"));
		assertThat(diff.output()).containsIgnoringCase("-- - Table legacy_notes is not mapped by any entity")
			.containsIgnoringCase("DROP TABLE legacy_notes")
			.containsIgnoringCase("-- - Column customer.fax is not mapped by any entity")
			.contains("-- - Invoice.amount: column invoice.amount accepts NULL, the entity requires a value");
		assertThat(command("diff", extra, "--migrations.output=" + System.getProperty("java.io.tmpdir")).output())
			.contains("Nothing to generate: no file written.");
	}

	@Test
	void diffWritesACompilableJavaMigration(CapturedOutput output, @TempDir Path project) throws IOException {
		this.output = output;
		Map<String, Supplier<Migration>> customers = Map.of("createCustomers", CUSTOMERS_ONLY);
		command("migrate", customers);
		Path folder = project.resolve("src/main/java/com/example/migrations");
		Outcome diff = command("diff", customers, "--migrations.output=" + folder, "--migrations.format=java");
		assertThat(diff.exitCode()).isZero();
		Path file = folder.resolve("V2__EntityChanges.java");
		assertThat(Files.readString(file)).startsWith("package com.example.migrations;")
			.contains("class V2__EntityChanges implements Migration", "return \"2\";", "context.jdbc().execute(\"\"\"");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int result = compiler.run(null, null, null, "-d", project.resolve("classes").toString(), "-cp",
				System.getProperty("java.class.path"), file.toString());
		assertThat(result).as("javac exit code").isZero();
		assertThat(command("diff", customers, "--migrations.output=" + folder, "--migrations.format=java").exitCode())
			.as("an existing file is never overwritten")
			.isOne();
	}

	@Test
	void diffOptionsDoNotApplyToOtherCommands(CapturedOutput output) {
		this.output = output;
		Outcome status = command("status", Map.of(), "--migrations.output=build");
		assertThat(status.exitCode()).isOne();
		assertThat(status.failure()).hasMessageContaining("--migrations.output does not apply to status");
	}

	private Outcome command(String name, Map<String, Supplier<Migration>> migrations, String... extra) {
		SpringApplication application = new SpringApplication(JpaApplication.class);
		application.addInitializers((context) -> migrations.forEach((bean,
				migration) -> ((GenericApplicationContext) context).registerBean(bean, Migration.class, migration)));
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--spring.jpa.open-in-view=false");
		if (List.of(extra).stream().noneMatch((argument) -> argument.startsWith("--spring.jpa.hibernate.ddl-auto"))) {
			arguments.add("--spring.jpa.hibernate.ddl-auto=none");
		}
		arguments.add("--migrations.exit-after-command=false");
		arguments.add("--migrations.command=" + name);
		arguments.addAll(List.of(extra));
		int start = this.output.getOut().length();
		try {
			ConfigurableApplicationContext context = application.run(arguments.toArray(new String[0]));
			int exitCode = SpringApplication.exit(context);
			return new Outcome(exitCode, this.output.getOut().substring(start), null);
		}
		catch (RuntimeException ex) {
			return new Outcome(exitCodeOf(ex), this.output.getOut().substring(start), ex);
		}
	}

	private static int exitCodeOf(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ExitCodeGenerator generator) {
				return generator.getExitCode();
			}
		}
		return 1;
	}

	/**
	 * What a command run produced.
	 */
	record Outcome(int exitCode, String output, @Nullable Throwable failure) {

	}

}
