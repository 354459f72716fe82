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
package dev.bootmigrate.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationsInfo;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that exposes the state of every migration, as the
 * {@code status} command prints it. Read-only; not exposed over the web unless
 * {@code management.endpoints.web.exposure.include} names it.
 *
 * @author the bootmigrate authors
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final MigrationEngine engine;

	/**
	 * Create a new endpoint.
	 * @param engine the engine whose migrations to describe
	 */
	public MigrationsEndpoint(MigrationEngine engine) {
		this.engine = engine;
	}

	/**
	 * Describe every migration known to the application or recorded in the history table.
	 * @return the description
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		MigrationInfo running = this.engine.running();
		MigrationsInfo snapshot = this.engine.status();
		List<MigrationDescriptor> migrations = snapshot.migrations()
			.stream()
			.map((status) -> MigrationDescriptor.of(status, running))
			.toList();
		return new MigrationsDescriptor(snapshot.table(), snapshot.database(), snapshot.currentVersion(),
				snapshot.appliedCount(), snapshot.pending().size(), snapshot.inState(MigrationState.UNKNOWN).size(),
				snapshot.inState(MigrationState.CHECKSUM_MISMATCH).size(), migrations);
	}

	/**
	 * Description of the migrations of an application.
	 *
	 * @param table the history table
	 * @param database the database product
	 * @param currentVersion the highest applied version that the application knows, or
	 * {@code null}
	 * @param applied how many migrations are recorded as applied
	 * @param pending how many migrations of the application are not applied
	 * @param unknown how many recorded versions the application does not know
	 * @param checksumMismatches how many applied migrations changed since
	 * @param migrations every migration, in version order
	 */
	public record MigrationsDescriptor(String table, String database, @Nullable String currentVersion, int applied,
			int pending, int unknown, int checksumMismatches, List<MigrationDescriptor> migrations) {

	}

	/**
	 * Description of one migration.
	 *
	 * @param version the version, empty for a repeatable migration
	 * @param description the description
	 * @param state {@code applied}, {@code pending}, {@code running} (being applied right
	 * now, and still counted as pending), {@code outdated} (a repeatable migration
	 * changed since it was applied, applied again by the next run), {@code failed} (part
	 * of it committed, see the {@code status} command), {@code unknown},
	 * {@code checksum-mismatch} or {@code invalid}
	 * @param bean the name of the migration's bean, or {@code null} for an SQL-file
	 * migration or an unknown version
	 * @param origin where the application defines the migration: the class of its bean,
	 * or the path of its SQL file; {@code null} for an unknown version
	 * @param type how it was applied ({@code JAVA}, {@code JAVA_NO_TX}, {@code SQL},
	 * {@code SQL_NO_TX}, {@code MARKED} or {@code FLYWAY}), or {@code null} if pending
	 * @param checksum the checksum the application declares, or {@code null}
	 * @param recordedChecksum the checksum recorded when it was applied, or {@code null}
	 * @param installedBy who applied it, or {@code null} if pending
	 * @param installedOn when it was applied, or {@code null} if pending
	 * @param executionTimeMs how long it took, in milliseconds, or {@code null} if
	 * pending
	 */
	public record MigrationDescriptor(String version, String description, String state, @Nullable String bean,
			@Nullable String origin, @Nullable String type, @Nullable String checksum,
			@Nullable String recordedChecksum, @Nullable String installedBy, @Nullable Instant installedOn,
			@Nullable Long executionTimeMs) {

		static MigrationDescriptor of(MigrationInfo status, @Nullable MigrationInfo running) {
			MigrationInfo.Applied applied = status.applied();
			// A running migration's row, claimed and committed implicitly, shows as
			// failed
			boolean isRunning = running != null && running.ref().equals(status.ref())
					&& (status.state() == MigrationState.PENDING || status.state() == MigrationState.OUTDATED
							|| status.state() == MigrationState.FAILED);
			String state = isRunning ? "running" : status.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
			MigrationOrigin origin = status.origin();
			String bean = (origin != null && origin.type() == MigrationOrigin.Type.BEAN) ? origin.name() : null;
			String location = (origin == null) ? null
					: (origin.type() == MigrationOrigin.Type.BEAN) ? origin.location() : origin.name();
			if (applied == null) {
				return new MigrationDescriptor(status.version(), status.description(), state, bean, location, null,
						status.checksum(), null, null, null, null);
			}
			return new MigrationDescriptor(status.version(), status.description(), state, bean, location,
					applied.type(), status.checksum(), applied.checksum(), applied.installedBy(), applied.installedOn(),
					applied.executionMs());
		}

	}

}
