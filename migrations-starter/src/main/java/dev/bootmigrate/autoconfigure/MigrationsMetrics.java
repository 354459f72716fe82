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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationCallback;
import dev.bootmigrate.MigrationInfo;

/**
 * Micrometer metrics: a timer {@code migrations.applied} per applied migration (tagged
 * with its version, or {@code R:} and the description of a repeatable migration) and a
 * gauge {@code migrations.pending} of the migrations not yet applied, as last counted.
 *
 * @author the bootmigrate authors
 */
final class MigrationsMetrics implements MeterBinder, MigrationCallback {

	private final AtomicInteger pending = new AtomicInteger(-1);

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("migrations.pending", this.pending, (count) -> (count.get() < 0) ? Double.NaN : count.get())
			.description("Migrations of the application not yet applied to the database")
			.register(registry);
	}

	@Override
	public void afterEachMigrate(MigrationInfo migration, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Timer.builder("migrations.applied")
				.description("Time taken to apply a migration")
				.tag("version", migration.repeatable() ? "R:" + migration.description() : migration.version())
				.tag("transactional", Boolean.toString(migration.transactional()))
				.register(registry)
				.record(duration);
		}
	}

	@Override
	public void pendingCounted(int count) {
		this.pending.set(count);
	}

}
