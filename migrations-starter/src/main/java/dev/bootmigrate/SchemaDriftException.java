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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown after migrating when the entity model and the database's schema differ and
 * {@code migrations.on-drift=fail} or {@code spring.jpa.hibernate.ddl-auto=validate} says
 * to refuse to start: carries every difference found.
 *
 * @author the bootmigrate authors
 */
public class SchemaDriftException extends MigrationException {

	private final String check;

	private final List<SchemaDifference> differences;

	/**
	 * Create a new exception.
	 * @param check the setting that refused the differences, such as
	 * {@code migrations.on-drift=fail}
	 * @param differences every difference found
	 * @param cause the cause, such as Hibernate's validation failure, or {@code null}
	 */
	public SchemaDriftException(String check, List<SchemaDifference> differences, @Nullable Throwable cause) {
		super("The entities and the database differ after migrating (" + check + "): "
				+ String.join("; ", differences.stream().map(SchemaDifference::toString).toList())
				+ ((cause != null && differences.isEmpty()) ? cause.getMessage() : ""), cause);
		this.check = check;
		this.differences = List.copyOf(differences);
	}

	/**
	 * Return the setting that refused the differences.
	 * @return the setting, such as {@code migrations.on-drift=fail}
	 */
	public String getCheck() {
		return this.check;
	}

	/**
	 * Return every difference found.
	 * @return the differences
	 */
	public List<SchemaDifference> getDifferences() {
		return this.differences;
	}

}
