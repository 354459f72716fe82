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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the {@code items} table over and over, as the application's traffic would, and
 * notes the longest time a read took: what the fault tests use to show that a migration
 * waiting for a lock does not hold up the application's reads.
 *
 * @author the bootmigrate authors
 */
final class TrafficReader {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Long> waits = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> loop;

	TrafficReader(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		this.loop = CompletableFuture.runAsync(() -> {
			while (this.running.get()) {
				long start = System.nanoTime();
				jdbc.queryForObject("SELECT COUNT(*) FROM items", Integer.class);
				this.waits.add(System.nanoTime() - start);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	void stop() throws Exception {
		this.running.set(false);
		this.loop.get(30, TimeUnit.SECONDS);
	}

	Duration longestWait() {
		return Duration.ofNanos(this.waits.stream().mapToLong(Long::longValue).max().orElse(0));
	}

	int reads() {
		return this.waits.size();
	}

}
