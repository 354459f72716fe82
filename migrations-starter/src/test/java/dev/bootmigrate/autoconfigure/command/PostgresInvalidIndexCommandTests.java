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
package dev.bootmigrate.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import dev.bootmigrate.testsupport.AbstractTestDatabaseTests;
import dev.bootmigrate.testsupport.InterruptedIndexBuild;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code status} and {@code check} commands on PostgreSQL when an interrupted
 * {@code CREATE INDEX CONCURRENTLY} left an invalid index in the history table's schema.
 *
 * @author the bootmigrate authors
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("dev.bootmigrate.testsupport.TestDatabase#POSTGRESQL")
@ExtendWith(OutputCaptureExtension.class)
class PostgresInvalidIndexCommandTests extends AbstractTestDatabaseTests {

	private CapturedOutput output;

	@BeforeEach
	void migrate(CapturedOutput output) throws Exception {
		this.output = output;
		assertThat(command("migrate")).isZero();
		InterruptedIndexBuild.leaveInvalid(database(), "items", "items_price", "price");
	}

	@Test
	void statusListsTheInvalidIndexAndHowToRecover() {
		int start = this.output.getOut().length();
		assertThat(command("status")).isZero();
		assertThat(this.output.getOut().substring(start)).contains("5 applied, 0 pending",
				"Invalid indexes in schema " + database().schema(), index() + " on " + database().schema() + ".items",
				"DROP INDEX CONCURRENTLY " + index() + ";", "REINDEX INDEX CONCURRENTLY " + index() + ";");
	}

	@Test
	void checkExitsWithTwoOnAnInvalidIndexAndZeroOnceItIsDropped() {
		int start = this.output.getOut().length();
		assertThat(command("check")).isEqualTo(2);
		assertThat(this.output.getOut().substring(start)).contains("Action needed: 5 applied, 0 pending",
				"invalid index " + index() + " on " + database().schema() + ".items",
				"DROP INDEX CONCURRENTLY " + index() + ";");
		new JdbcTemplate(database().dataSource()).execute("DROP INDEX CONCURRENTLY " + index());
		assertThat(command("check")).isZero();
	}

	private String index() {
		return database().schema() + ".items_price";
	}

	private int command(String name) {
		List<String> arguments = new ArrayList<>();
		database().springProperties().forEach((property) -> arguments.add("--" + property));
		arguments.add("--spring.main.banner-mode=off");
		arguments.add("--migrations.exit-after-command=false");
		arguments.add("--migrations.command=" + name);
		return SpringApplication
			.exit(new SpringApplication(CommandApplication.class).run(arguments.toArray(new String[0])));
	}

}
