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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} that holds back every task until {@link #release() released},
 * then hands it to the real scheduler.
 * <p>
 * A start time that has passed while the task was held becomes "now", so a fixed-rate
 * task starts once at release and keeps its rate from there, with no burst of catch-up
 * executions. Cancelling a held task removes it; {@link #discard() discarding} drops
 * every held task, for a context that closes before migrations committed.
 *
 * @author the bootmigrate authors
 */
final class DeferringTaskScheduler implements TaskScheduler {

	private final TaskScheduler delegate;

	private final Object monitor = new Object();

	private @Nullable List<DeferredFuture> held = new ArrayList<>();

	DeferringTaskScheduler(TaskScheduler delegate) {
		this.delegate = delegate;
	}

	TaskScheduler getDelegate() {
		return this.delegate;
	}

	@Override
	public Clock getClock() {
		return this.delegate.getClock();
	}

	@Override
	public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		return defer(null, (scheduler) -> scheduler.schedule(task, trigger));
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return defer(startTime, (scheduler) -> scheduler.schedule(task, notBeforeNow(startTime)));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return defer(startTime, (scheduler) -> scheduler.scheduleAtFixedRate(task, notBeforeNow(startTime), period));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return defer(null, (scheduler) -> scheduler.scheduleAtFixedRate(task, period));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return defer(startTime, (scheduler) -> scheduler.scheduleWithFixedDelay(task, notBeforeNow(startTime), delay));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return defer(null, (scheduler) -> scheduler.scheduleWithFixedDelay(task, delay));
	}

	private Instant notBeforeNow(Instant startTime) {
		Instant now = this.delegate.getClock().instant();
		return startTime.isBefore(now) ? now : startTime;
	}

	private ScheduledFuture<?> defer(@Nullable Instant startTime,
			Function<TaskScheduler, @Nullable ScheduledFuture<?>> scheduling) {
		synchronized (this.monitor) {
			if (this.held != null) {
				DeferredFuture future = new DeferredFuture(startTime, scheduling);
				this.held.add(future);
				return future;
			}
		}
		ScheduledFuture<?> future = scheduling.apply(this.delegate);
		return (future != null) ? future : new DeferredFuture(null, scheduling).finished();
	}

	/**
	 * Hand every held task to the real scheduler; later tasks go straight to it.
	 */
	void release() {
		List<DeferredFuture> released;
		synchronized (this.monitor) {
			released = this.held;
			this.held = null;
		}
		if (released != null) {
			released.forEach((future) -> future.start(this.delegate));
		}
	}

	/**
	 * Drop every held task: they will never run.
	 */
	void discard() {
		List<DeferredFuture> discarded;
		synchronized (this.monitor) {
			discarded = (this.held != null) ? new ArrayList<>(this.held) : List.of();
		}
		discarded.forEach((future) -> future.cancel(false));
	}

	int heldCount() {
		synchronized (this.monitor) {
			return (this.held != null) ? this.held.size() : 0;
		}
	}

	/**
	 * The handle of a held task; once started, it forwards to the real one.
	 */
	private final class DeferredFuture implements ScheduledFuture<Object> {

		private final @Nullable Instant startTime;

		private final Function<TaskScheduler, @Nullable ScheduledFuture<?>> scheduling;

		private final CountDownLatch settled = new CountDownLatch(1);

		private volatile @Nullable ScheduledFuture<?> target;

		private volatile boolean cancelled;

		private volatile boolean finished;

		DeferredFuture(@Nullable Instant startTime, Function<TaskScheduler, @Nullable ScheduledFuture<?>> scheduling) {
			this.startTime = startTime;
			this.scheduling = scheduling;
		}

		DeferredFuture finished() {
			this.finished = true;
			this.settled.countDown();
			return this;
		}

		void start(TaskScheduler scheduler) {
			synchronized (this) {
				if (!this.cancelled) {
					this.target = this.scheduling.apply(scheduler);
					this.finished = (this.target == null);
				}
			}
			this.settled.countDown();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			synchronized (this) {
				if (this.target == null && !this.finished) {
					boolean wasCancelled = this.cancelled;
					this.cancelled = true;
					synchronized (DeferringTaskScheduler.this.monitor) {
						List<DeferredFuture> held = DeferringTaskScheduler.this.held;
						if (held != null) {
							held.remove(this);
						}
					}
					this.settled.countDown();
					return !wasCancelled;
				}
			}
			ScheduledFuture<?> target = this.target;
			return target != null && target.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			ScheduledFuture<?> target = this.target;
			return this.cancelled || (target != null && target.isCancelled());
		}

		@Override
		public boolean isDone() {
			ScheduledFuture<?> target = this.target;
			return this.cancelled || this.finished || (target != null && target.isDone());
		}

		@Override
		public @Nullable Object get() throws InterruptedException, ExecutionException {
			this.settled.await();
			return settledTarget().get();
		}

		@Override
		public @Nullable Object get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			long deadline = System.nanoTime() + unit.toNanos(timeout);
			if (!this.settled.await(timeout, unit)) {
				throw new TimeoutException("The task has not been released yet");
			}
			return settledTarget().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}

		private ScheduledFuture<?> settledTarget() {
			ScheduledFuture<?> target = this.target;
			if (this.cancelled) {
				throw new CancellationException("The task was cancelled before it was released");
			}
			if (target == null) {
				throw new CancellationException("The task has no further execution");
			}
			return target;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			ScheduledFuture<?> target = this.target;
			if (target != null) {
				return target.getDelay(unit);
			}
			if (this.startTime != null) {
				Duration delay = Duration.between(DeferringTaskScheduler.this.getClock().instant(), this.startTime);
				return unit.convert(delay.isNegative() ? Duration.ZERO : delay);
			}
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
