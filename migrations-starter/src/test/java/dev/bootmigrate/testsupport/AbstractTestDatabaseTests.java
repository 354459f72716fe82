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
package dev.bootmigrate.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * The lifecycle every suite run on each {@link TestDatabase} shares: the
 * {@code @ParameterizedClass} argument is the {@link TestDatabase.Kind}, and each test
 * gets a fresh database of that kind, closed (dropped) after it. A subclass is annotated
 * {@code @ParameterizedClass(name = "[{0}]")} and
 * {@code @FieldSource("dev.bootmigrate.testsupport.TestDatabase#ALL")}.
 *
 * @author the bootmigrate authors
 */
public abstract class AbstractTestDatabaseTests {

	@Parameter
	private TestDatabase.Kind kind;

	private TestDatabase database;

	@BeforeEach
	protected final void createDatabase() {
		this.database = this.kind.create();
	}

	@AfterEach
	protected final void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	/**
	 * Return the database of the running test.
	 * @return the database
	 */
	protected final TestDatabase database() {
		return this.database;
	}

}
