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

/**
 * Compares the application's entity model (JPA, with Hibernate) with the database's
 * schema, read-only. The starter declares one when Hibernate is on the class path; tests
 * and admin code can inject it.
 *
 * @author the bootmigrate authors
 */
public interface SchemaDriftDetector {

	/**
	 * Compare every entity with the database and return every difference: missing tables,
	 * missing columns, columns whose type differs or that accept {@code NULL} where the
	 * entity requires a value, missing sequences.
	 * @return the differences, empty when the entities and the database agree
	 */
	List<SchemaDifference> detect();

}
