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

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationValidationException;
import dev.bootmigrate.autoconfigure.MigrationsProperties.Policy;
import dev.bootmigrate.internal.Migrator;
import dev.bootmigrate.internal.MigrationsSnapshot;
import dev.bootmigrate.internal.ResolvedMigration;

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
 * request is let through.
 *
 * @author the bootmigrate authors
 */
final class MigrationsApplicationRunner implements ApplicationRunner, Ordered, DisposableBean {

	private static final Log logger = LogFactory.getLog(MigrationsApplicationRunner.class);

	private final Migrator migrator;

	private final MigrationsProperties properties;

	private final StartupGate gate;

	private final ObjectProvider<SchemaCreation> schemaCreations;

	private final ApplicationEventPublisher publisher;

	MigrationsApplicationRunner(Migrator migrator, MigrationsProperties properties, StartupGate gate,
			ObjectProvider<SchemaCreation> schemaCreations, ApplicationEventPublisher publisher) {
		this.migrator = migrator;
		this.properties = properties;
		this.gate = gate;
		this.schemaCreations = schemaCreations;
		this.publisher = publisher;
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
		if (this.properties.isAutoMigrate()) {
			this.migrator.migrate(null);
		}
		else {
			checkPending();
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
		ResolvedMigration running = this.migrator.running();
		if (running != null) {
			logger.warn("Shutting down while migration " + running.ref() + " is being applied: "
					+ (!running.migration().transactional()
							? "it runs without a transaction, so what it did so far stays, but it is not recorded"
							: this.migrator.platform().transactionalDdl()
									? "its transaction is rolled back and it stays pending"
									: "its transaction is rolled back, but the schema changes it made so far stay "
											+ "(this database commits DDL at once), and it stays pending")
					+ "; it will be applied again at the next start");
		}
	}

	private void checkPending() {
		MigrationsSnapshot snapshot = this.migrator.briefSnapshot();
		this.migrator.validate(snapshot);
		List<MigrationRef> pending = snapshot.pending().stream().map(ResolvedMigration::ref).toList();
		if (pending.isEmpty()) {
			logger.info("Automatic migration is off; schema is up to date at version "
					+ snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions());
			return;
		}
		if (this.properties.getOnPending() == Policy.FAIL) {
			throw new MigrationValidationException(this.migrator.table().qualifiedName(), pending, List.of(),
					List.of());
		}
		logger.warn("Automatic migration is off (migrations.auto-migrate=false) and " + pending.size()
				+ " migration(s) are pending: " + pending
				+ ". Apply them by running the application with --migrations.command=migrate");
	}

}
