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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.autoconfigure.MigrationsAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The application the command tests run: five migrations, some that can be rolled back,
 * one with a checksum, and a scheduled task that must never run in command mode.
 *
 * @author the bootmigrate authors
 */
@SpringBootConfiguration
@EnableScheduling
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TaskSchedulingAutoConfiguration.class, MigrationsAutoConfiguration.class })
class CommandApplication {

	/**
	 * What the migrations and the scheduled task did, in order.
	 */
	static final List<String> events = new CopyOnWriteArrayList<>();

	@Bean
	Migration createItems() {
		return Migration.of("1", "Create items", (context) -> {
			events.add("migrate 1");
			context.jdbc().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))");
		}, (context) -> {
			events.add("rollback 1");
			context.jdbc().execute("DROP TABLE items");
		});
	}

	@Bean
	Migration seedItems(Environment environment) {
		return Migration.of(environment.getProperty("test.version-2", "2"), "Seed items", (context) -> {
			events.add("migrate 2");
			context.jdbc().update("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')");
		}, (context) -> {
			events.add("rollback 2");
			context.jdbc().update("DELETE FROM items");
		});
	}

	@Bean
	Migration addPrice(Environment environment) {
		boolean failRollback = environment.getProperty("test.fail-rollback-3", Boolean.class, false);
		return Migration.of("3", "Add price", (context) -> {
			events.add("migrate 3");
			context.jdbc().execute("ALTER TABLE items ADD COLUMN price INT");
		}, (context) -> {
			events.add("rollback 3");
			if (failRollback) {
				context.jdbc().execute("ALTER TABLE items DROP COLUMN no_such_column");
			}
			context.jdbc().execute("ALTER TABLE items DROP COLUMN price");
		});
	}

	@Bean
	Migration renameItems() {
		return Migration.of("4", "Rename items", (context) -> {
			events.add("migrate 4");
			context.jdbc().update("UPDATE items SET name = UPPER(name)");
		});
	}

	@Bean
	Migration checksummed(Environment environment) {
		String checksum = environment.getProperty("test.checksum-5", "c5");
		return new Migration() {

			@Override
			public String version() {
				return "5";
			}

			@Override
			public String description() {
				return "Index names";
			}

			@Override
			public @Nullable String checksum() {
				return checksum;
			}

			@Override
			public void migrate(MigrationContext context) {
				events.add("migrate 5");
				context.jdbc().execute("CREATE INDEX items_name ON items (name)");
			}

			@Override
			public void rollback(MigrationContext context) {
				events.add("rollback 5");
				context.jdbc().execute("DROP INDEX items_name");
			}

		};
	}

	@Bean
	Ticker ticker() {
		return new Ticker();
	}

	static class Ticker {

		@Scheduled(fixedRate = 10, initialDelay = 0)
		void tick() {
			events.add("tick");
		}

	}

}
