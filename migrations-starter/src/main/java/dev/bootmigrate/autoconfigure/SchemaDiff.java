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

import java.util.List;

/**
 * The DDL that brings the database to the entities: the statements Hibernate's schema
 * tooling generates, in the database's own dialect, and what needs a human decision
 * (drops, type and nullability changes), never generated as statements.
 *
 * @param database the database and Hibernate dialect the statements are written for
 * @param statements the statements, each without its terminating semicolon
 * @param decisions what needs a decision, one sentence each
 * @author the bootmigrate authors
 */
record SchemaDiff(String database, List<String> statements, List<String> decisions) {

	boolean isEmpty() {
		return this.statements.isEmpty() && this.decisions.isEmpty();
	}

}
