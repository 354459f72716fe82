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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a command run with {@code --migrations.command} cannot be carried out: an
 * unknown command, conflicting options, a rollback range that contains a migration that
 * cannot be rolled back, or a rollback that failed. It says what to do instead.
 *
 * @author the bootmigrate authors
 */
public class MigrationCommandException extends MigrationException {

	private final String action;

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 * @param action what to do about it
	 * @param cause the cause, or {@code null}
	 */
	public MigrationCommandException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = Credentials.mask(action);
	}

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 * @param action what to do about it
	 */
	public MigrationCommandException(String message, String action) {
		this(message, action, null);
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
