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
package dev.bootmigrate;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the lock that serialises migration runs could not be acquired within the
 * configured timeout ({@code migrations.lock-timeout}). Nothing has been applied by this
 * process.
 *
 * @author the bootmigrate authors
 */
public class MigrationLockException extends MigrationException {

	private final String lock;

	private final Duration timeout;

	private final @Nullable String holder;

	private final @Nullable String endSessionHint;

	/**
	 * Create a new exception.
	 * @param lock a description of the lock, such as "PostgreSQL advisory lock 42"
	 * @param timeout how long this process waited
	 * @param holder who holds the lock, or {@code null} if the database cannot tell
	 */
	public MigrationLockException(String lock, Duration timeout, @Nullable String holder) {
		this(lock, timeout, holder, null);
	}

	/**
	 * Create a new exception.
	 * @param lock a description of the lock, such as "PostgreSQL advisory lock 42"
	 * @param timeout how long this process waited
	 * @param holder who holds the lock, or {@code null} if the database cannot tell
	 * @param endSessionHint how to cancel or end a session of the holder, or {@code null}
	 * if the database has no statement for it
	 */
	public MigrationLockException(String lock, Duration timeout, @Nullable String holder,
			@Nullable String endSessionHint) {
		super("Timed out after " + timeout.toMillis() + " ms waiting for the " + lock
				+ ((holder != null) ? ", held by " + holder : ""));
		this.lock = lock;
		this.timeout = timeout;
		this.holder = holder;
		this.endSessionHint = endSessionHint;
	}

	/**
	 * Return a description of the lock.
	 * @return the lock
	 */
	public String getLock() {
		return this.lock;
	}

	/**
	 * Return how long this process waited for the lock.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return who holds the lock, when the database can tell: for PostgreSQL the backend
	 * pid, application name, client address and since when.
	 * @return the holder, or {@code null}
	 */
	public @Nullable String getHolder() {
		return this.holder;
	}

	/**
	 * Return how to cancel the statement or end the session of the holder, when the
	 * database has statements for it and tells who holds the lock.
	 * @return the hint, or {@code null}
	 */
	public @Nullable String getEndSessionHint() {
		return this.endSessionHint;
	}

}
