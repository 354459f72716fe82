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
package dev.bootmigrate.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;
import dev.bootmigrate.autoconfigure.MigrationsAutoConfiguration;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * An application with {@value #MIGRATIONS} migrations, started many times at once by the
 * cluster tests: in one JVM, or as separate processes through {@link #main}. Migration
 * number {@code cluster.slow-version} sleeps {@code cluster.slow-millis} after its DDL;
 * migration number {@code cluster.non-transactional-version} runs without a transaction.
 *
 * @author the bootmigrate authors
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		MigrationsAutoConfiguration.class })
@Import(ClusterApplication.Migrations.class)
public class ClusterApplication {

	/**
	 * How many migrations the application has.
	 */
	public static final int MIGRATIONS = 20;

	/**
	 * How many times each version ran in this JVM.
	 */
	public static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ClusterApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			System.out.println("NODE STARTED " + ProcessHandle.current().pid());
		}
	}

	/**
	 * Registers the numbered migrations.
	 */
	static class Migrations implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			for (int number = MIGRATIONS; number >= 1; number--) {
				registry.registerBeanDefinition("migration" + number,
						BeanDefinitionBuilder.genericBeanDefinition(NumberedMigration.class)
							.addConstructorArgValue(number)
							.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR)
							.getBeanDefinition());
			}
		}

	}

	/**
	 * Migration 1 creates a log table; every migration creates a table of its own and
	 * logs itself, so that a migration applied twice would fail or show (a
	 * non-transactional one creates its table only if it does not exist, so that a second
	 * run shows in the log).
	 */
	static class NumberedMigration implements Migration {

		private final int number;

		private final boolean slow;

		private final long slowMillis;

		private final boolean transactional;

		NumberedMigration(int number, Environment environment) {
			this.number = number;
			this.slow = number == environment.getProperty("cluster.slow-version", Integer.class, 10);
			this.slowMillis = environment.getProperty("cluster.slow-millis", Long.class, 3000L);
			this.transactional = number != environment.getProperty("cluster.non-transactional-version", Integer.class,
					0);
		}

		@Override
		public boolean transactional() {
			return this.transactional;
		}

		@Override
		public String version() {
			return Integer.toString(this.number);
		}

		@Override
		public String description() {
			return "Create table t" + this.number + (this.slow ? " slowly" : "");
		}

		@Override
		public void migrate(MigrationContext context) throws Exception {
			executions.computeIfAbsent(version(), (key) -> new AtomicInteger()).incrementAndGet();
			if (this.number == 1) {
				context.jdbc().execute("CREATE TABLE applied_log (version VARCHAR(10), pid BIGINT)");
			}
			context.jdbc()
				.execute("CREATE TABLE " + (this.transactional ? "" : "IF NOT EXISTS ") + "t" + this.number
						+ " (id INT)");
			context.jdbc()
				.update("INSERT INTO applied_log (version, pid) VALUES (?, ?)", version(),
						ProcessHandle.current().pid());
			if (this.slow) {
				// For the tests that wait until a node is in the middle of this migration
				System.out.println("SLOW MIGRATION " + this.number + " RUNNING");
				Thread.sleep(this.slowMillis);
			}
		}

	}

}
