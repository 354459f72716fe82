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

/**
 * Thrown when a {@link MigrationCallback} fails before a run: nothing was applied.
 *
 * @author the bootmigrate authors
 */
public class MigrationCallbackException extends MigrationException {

	private final String callback;

	/**
	 * Create a new exception.
	 * @param callback the callback that failed, as its class names it
	 * @param cause what it threw
	 */
	public MigrationCallbackException(String callback, Throwable cause) {
		super("The migration callback " + callback + " failed before migrating: " + describe(cause)
				+ ". Nothing was applied", cause);
		this.callback = callback;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

	/**
	 * Return the callback that failed.
	 * @return its class name
	 */
	public String getCallback() {
		return this.callback;
	}

}
