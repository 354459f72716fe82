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

import org.springframework.boot.ExitCodeGenerator;

/**
 * Base class of the exceptions thrown when migrations cannot be applied or checked. An
 * application that fails to start because of one exits with code 1. Passwords that the
 * message quotes from a JDBC URL or a driver's message are masked.
 *
 * @author the bootmigrate authors
 */
public class MigrationException extends RuntimeException implements ExitCodeGenerator {

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	public MigrationException(String message, @Nullable Throwable cause) {
		super(Credentials.mask(message), cause);
	}

	/**
	 * Create a new exception.
	 * @param message the message
	 */
	public MigrationException(String message) {
		super(Credentials.mask(message));
	}

	/**
	 * Return the exit code of an application that fails because of this exception.
	 * @return 1
	 */
	@Override
	public int getExitCode() {
		return 1;
	}

}
