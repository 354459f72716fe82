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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

/**
 * Applies pending migrations when the application starts, after schema creation
 * (Hibernate's {@code ddl-auto}, {@code schema.sql}) and before any scheduled task or web
 * request is let through; then runs Hibernate's deferred {@code ddl-auto=validate} and
 * compares the JPA entities with the database ({@code migrations.on-drift}).
 *
 * @author the bootmigrate authors
 */
final class MigrationsApplicationRunner implements ApplicationRunner, Ordered, DisposableBean {

	private static final Log logger = LogFactory.getLog(MigrationsApplicationRunner.class);

	private final MigrationEngine engine;

	private final MigrationsProperties properties;

	private final StartupGate gate;

	private final ObjectProvider<SchemaCreation> schemaCreations;

	private final ApplicationEventPublisher publisher;

	private final @Nullable EntitySchema entities;

	MigrationsApplicationRunner(MigrationEngine engine, MigrationsProperties properties, StartupGate gate,
			ObjectProvider<SchemaCreation> schemaCreations, ApplicationEventPublisher publisher,
			@Nullable EntitySchema entities) {
		this.engine = engine;
		this.properties = properties;
		this.gate = gate;
		this.schemaCreations = schemaCreations;
		this.publisher = publisher;
		this.entities = entities;
	}

	@Override
	public int getOrder() {
		return MigrationsAutoConfiguration.RUNNER_ORDER;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Boot reports readiness once the runners are done; say so explicitly while
		// migrating
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.schemaCreations.orderedStream().forEach(SchemaCreation::await);
		boolean pending = false;
		if (this.properties.isAutoMigrate()) {
			this.engine.migrate(null);
		}
		else {
			pending = !this.engine.verify().pending().isEmpty();
		}
		if (this.entities != null) {
			// Pending migrations explain the differences, and the warning about them says
			// what to do
			this.entities.verify(pending ? MigrationsProperties.DriftPolicy.IGNORE : this.properties.getOnDrift());
		}
		this.gate.open();
	}

	/**
	 * Say what happens to a migration that is running when the application shuts down
	 * (SIGTERM): closing the context closes the connection pool, which rolls its
	 * transaction back and releases the lock.
	 */
	@Override
	public void destroy() {
		MigrationInfo running = this.engine.running();
		if (running != null) {
			logger.warn("Shutting down while migration " + running.ref() + " is being applied: "
					+ (!running.transactional()
							? "it runs without a transaction, so what it did so far stays, but it is not recorded"
							: "its transaction is rolled back and it stays pending (on a database that commits "
									+ "schema changes at once, such as MariaDB, MySQL or H2, what it committed so far "
									+ "stays, and the next start reports it as failed)")
					+ "; it will be applied again at the next start");
		}
	}

}
