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
package dev.bootmigrate.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches the migration being applied from a thread of its own: says every
 * {@code interval} that a long migration is still running and, within a second or two,
 * which session holds a lock the migration waits for, when the database can tell (it asks
 * on the lock's idle connection).
 *
 * @author the bootmigrate authors
 */
final class MigrationMonitor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MigrateOperation.class);

	private static final long TICK_MILLIS = 500;

	private final DatabaseLock.Held lock;

	private final long intervalNanos;

	private final ScheduledExecutorService executor;

	private @Nullable String step;

	private long started;

	private long nextProgress;

	private @Nullable String blockers;

	private @Nullable String reportedBlockers;

	private long reportedAt;

	MigrationMonitor(DatabaseLock.Held lock, Duration interval) {
		this.lock = lock;
		this.intervalNanos = interval.toNanos();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bootmigrate-monitor");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	synchronized void started(String step) {
		this.step = step;
		this.started = System.nanoTime();
		this.nextProgress = this.started + this.intervalNanos;
		this.blockers = null;
		this.reportedBlockers = null;
	}

	synchronized void finished() {
		this.step = null;
	}

	/**
	 * Return the sessions seen last blocking the current or last migration.
	 * @return the blockers, or {@code null} if none were seen
	 */
	synchronized @Nullable String lastBlockers() {
		return this.blockers;
	}

	private void tick() {
		String step;
		synchronized (this) {
			step = this.step;
		}
		if (step == null) {
			return;
		}
		String blockers = this.lock.blockers();
		long now = System.nanoTime();
		synchronized (this) {
			if (!step.equals(this.step)) {
				return;
			}
			long seconds = Duration.ofNanos(now - this.started).toSeconds();
			if (blockers != null) {
				this.blockers = blockers;
				if (!blockers.equals(this.reportedBlockers) || now - this.reportedAt >= this.intervalNanos) {
					logger.warn("Migration " + step + " is waiting for a lock held by " + blockers);
					this.reportedBlockers = blockers;
					this.reportedAt = now;
				}
			}
			if (now >= this.nextProgress) {
				this.nextProgress += this.intervalNanos;
				logger.info("Still applying " + step + " after " + seconds + " s"
						+ ((blockers != null) ? ", waiting for a lock held by " + blockers : ""));
			}
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
