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

import dev.bootmigrate.SchemaDriftDetector;

/**
 * The application's JPA entities set against the database: what runs right after the
 * migrations ({@code ddl-auto=validate} deferred until then, drift detection), and the
 * DDL of the {@code diff} command. Present only when Hibernate is.
 *
 * @author the bootmigrate authors
 */
interface EntitySchema extends SchemaDriftDetector {

	/**
	 * Run Hibernate's validation where {@code ddl-auto=validate} was deferred, then
	 * compare the entities with the database as the policy says.
	 * @throws dev.bootmigrate.SchemaDriftException if the validation fails or the policy
	 * refuses a difference
	 */
	void verify(MigrationsProperties.DriftPolicy policy);

	/**
	 * Return the DDL that brings the database to the entities, read-only.
	 */
	SchemaDiff diff();

}
