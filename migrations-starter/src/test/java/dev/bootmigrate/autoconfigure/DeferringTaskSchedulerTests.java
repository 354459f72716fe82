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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DeferringTaskScheduler}.
 *
 * @author the bootmigrate authors
 */
class DeferringTaskSchedulerTests {

	private ThreadPoolTaskScheduler target;

	private DeferringTaskScheduler scheduler;

	private final AtomicInteger runs = new AtomicInteger();

	@BeforeEach
	void createScheduler() {
		this.target = new ThreadPoolTaskScheduler();
		this.target.initialize();
		this.scheduler = new DeferringTaskScheduler(this.target);
	}

	@AfterEach
	void shutdown() {
		this.target.shutdown();
	}

	@Test
	void holdsEveryKindOfTaskUntilReleased() throws Exception {
		this.scheduler.schedule(this.runs::incrementAndGet, Instant.now());
		this.scheduler.scheduleAtFixedRate(this.runs::incrementAndGet, Duration.ofMillis(10));
		this.scheduler.scheduleAtFixedRate(this.runs::incrementAndGet, Instant.now(), Duration.ofMillis(10));
		this.scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet, Duration.ofMillis(10));
		this.scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet, Instant.now(), Duration.ofMillis(10));
		this.scheduler.schedule(this.runs::incrementAndGet, (context) -> Instant.now().plusMillis(10));
		Thread.sleep(200);
		assertThat(this.runs).hasValue(0);
		assertThat(this.scheduler.heldCount()).isEqualTo(6);
		this.scheduler.release();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.runs.get()).isGreaterThanOrEqualTo(6));
	}

	@Test
	void startTimesThatPassedWhileHeldBecomeTheReleaseTime() {
		List<Instant> startTimes = new CopyOnWriteArrayList<>();
		ThreadPoolTaskScheduler recording = new ThreadPoolTaskScheduler() {

			@Override
			public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
				startTimes.add(startTime);
				return super.scheduleAtFixedRate(task, startTime, period);
			}

			@Override
			public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
				startTimes.add(startTime);
				return super.scheduleWithFixedDelay(task, startTime, delay);
			}

			@Override
			public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
				startTimes.add(startTime);
				return super.schedule(task, startTime);
			}

		};
		recording.initialize();
		try {
			DeferringTaskScheduler scheduler = new DeferringTaskScheduler(recording);
			Instant longAgo = Instant.now().minusSeconds(2);
			scheduler.scheduleAtFixedRate(this.runs::incrementAndGet, longAgo, Duration.ofMillis(100));
			scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet, longAgo, Duration.ofMillis(100));
			scheduler.schedule(this.runs::incrementAndGet, longAgo);
			Instant released = Instant.now();
			scheduler.release();
			// A fixed-rate task anchored two seconds ago would owe twenty executions
			assertThat(startTimes).hasSize(3)
				.allSatisfy((startTime) -> assertThat(startTime).isAfterOrEqualTo(released));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.runs.get()).isGreaterThanOrEqualTo(3));
		}
		finally {
			recording.shutdown();
		}
	}

	@Test
	void startTimeInTheFutureIsKept() {
		ScheduledFuture<?> future = this.scheduler.schedule(this.runs::incrementAndGet, Instant.now().plusSeconds(60));
		assertThat(future.getDelay(TimeUnit.SECONDS)).isBetween(55L, 60L);
		this.scheduler.release();
		assertThat(future.getDelay(TimeUnit.SECONDS)).isBetween(55L, 60L);
		future.cancel(false);
	}

	@Test
	void taskCancelledWhileHeldNeverRuns() throws Exception {
		ScheduledFuture<?> future = this.scheduler.scheduleAtFixedRate(this.runs::incrementAndGet,
				Duration.ofMillis(10));
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(future.isDone()).isTrue();
		this.scheduler.release();
		Thread.sleep(100);
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void taskCancelledAfterReleaseStops() throws Exception {
		ScheduledFuture<?> future = this.scheduler.scheduleAtFixedRate(this.runs::incrementAndGet,
				Duration.ofMillis(10));
		this.scheduler.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() > 0);
		assertThat(future.cancel(false)).isTrue();
		int runs = this.runs.get();
		Thread.sleep(100);
		assertThat(this.runs.get()).isLessThanOrEqualTo(runs + 1);
		assertThat(future.isCancelled()).isTrue();
	}

	@Test
	void discardedTasksNeverRun() throws Exception {
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet,
				Duration.ofMillis(10));
		this.scheduler.discard();
		assertThat(future.isCancelled()).isTrue();
		this.scheduler.release();
		Thread.sleep(100);
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void tasksScheduledAfterReleaseRunAtOnce() {
		this.scheduler.release();
		ScheduledFuture<?> future = this.scheduler.schedule(this.runs::incrementAndGet, Instant.now());
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.runs).hasValue(1));
		assertThat(future.isDone()).isTrue();
	}

	@Test
	void triggerWithoutExecutionsIsDoneOnceReleased() throws Exception {
		ScheduledFuture<?> future = this.scheduler.schedule(this.runs::incrementAndGet, (context) -> null);
		assertThat((Object) future).isNotNull();
		assertThat(future.isDone()).isFalse();
		this.scheduler.release();
		assertThat(future.isDone()).isTrue();
		assertThat(this.runs).hasValue(0);
	}

}
