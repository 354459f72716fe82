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
package dev.bootmigrate.autoconfigure;

import java.io.PrintStream;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;

/**
 * Runs the command given by {@code migrations.command} instead of the usual startup
 * migration, prints its result and, unless told otherwise, exits the JVM with the
 * command's exit code: 0 when it succeeded, 1 when it failed, 2 when {@code check} found
 * something to act on. A failure surfaces as an exception, which Spring Boot reports and
 * maps to exit code 1. The command runs alone: the application's own runners are held
 * back ({@link HeldBackRunners}).
 *
 * @author the bootmigrate authors
 */
final class MigrationsCommandRunner implements ApplicationRunner, Ordered, ExitCodeGenerator, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(MigrationsCommandRunner.class);

	private final MigrationEngine engine;

	private final MigrationsProperties properties;

	private final ObjectProvider<SchemaCreation> schemaCreations;

	private final @Nullable EntitySchema entities;

	private final HeldBackRunners heldBackRunners;

	private final PrintStream out;

	private ApplicationContext context;

	private volatile int exitCode = MigrationsCommand.FAILED;

	MigrationsCommandRunner(MigrationEngine engine, MigrationsProperties properties,
			ObjectProvider<SchemaCreation> schemaCreations, @Nullable EntitySchema entities,
			HeldBackRunners heldBackRunners, PrintStream out) {
		this.engine = engine;
		this.properties = properties;
		this.schemaCreations = schemaCreations;
		this.entities = entities;
		this.heldBackRunners = heldBackRunners;
		this.out = out;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public int getOrder() {
		return MigrationsAutoConfiguration.RUNNER_ORDER;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public void run(ApplicationArguments args) {
		MigrationsCommand command = MigrationsCommands.named(this.properties.getCommand());
		command.checkOptions(this.properties);
		// Every runner bean exists by now: Spring Boot creates them all before calling
		// one
		List<String> heldBack = this.heldBackRunners.names();
		if (!heldBack.isEmpty()) {
			logger.info("The migrations command '" + command.getName() + "' runs alone: the application's runners "
					+ String.join(", ", heldBack) + " are held back (ApplicationRunner and CommandLineRunner beans do "
					+ "not run in command mode)");
		}
		this.schemaCreations.orderedStream().forEach(SchemaCreation::await);
		MigrationsCommand.Result result = command.run(this.engine, this.properties, this.entities);
		this.out.print(result.output());
		this.out.flush();
		this.exitCode = result.exitCode();
		if (this.properties.isExitAfterCommand()) {
			System.exit(SpringApplication.exit(this.context, this));
		}
	}

}
