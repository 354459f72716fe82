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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the defaults of {@link Migration}.
 *
 * @author the bootmigrate authors
 */
class MigrationTests {

	@Test
	void descriptionIsDerivedFromTheClassName() {
		assertThat(Descriptions.fromType(AddUsernameColumn.class)).isEqualTo("Add username column");
		assertThat(Descriptions.fromType(V3__BackfillUsernameFromEmail.class))
			.isEqualTo("Backfill username from email");
		assertThat(Descriptions.fromType(V2025_06_17_01_MakeEmailNullable.class)).isEqualTo("Make email nullable");
		assertThat(Descriptions.fromType(AddJSONConfigColumn.class)).isEqualTo("Add json config column");
		assertThat(Descriptions.fromType(create_index.class)).isEqualTo("Create index");
	}

	@Test
	void rollbackIsAvailableOnlyWhenImplemented() {
		assertThat(new AddUsernameColumn().canRollback()).isFalse();
		assertThat(new V3__BackfillUsernameFromEmail().canRollback()).isTrue();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> new AddUsernameColumn().rollback(null))
			.withMessageContaining("Migration 1 does not implement rollback");
	}

	@Test
	void factoryMigrationsCarryTheirParts() throws Exception {
		StringBuilder calls = new StringBuilder();
		Migration migration = Migration.of("7", "Seven", (context) -> calls.append("up"),
				(context) -> calls.append("down"));
		migration.migrate(null);
		migration.rollback(null);
		assertThat(calls).hasToString("updown");
		assertThat(migration.canRollback()).isTrue();
		assertThat(migration.transactional()).isTrue();
		assertThat(migration.checksum()).isNull();
		assertThat(Migration.of("8", "Eight", (context) -> {
		}).canRollback()).isFalse();
		assertThat(migration).hasToString("Migration 7 (Seven)");
	}

	static class AddUsernameColumn implements Migration {

		@Override
		public String version() {
			return "1";
		}

		@Override
		public void migrate(MigrationContext context) {
		}

	}

	static class V3__BackfillUsernameFromEmail extends AddUsernameColumn {

		@Override
		public void rollback(MigrationContext context) {
		}

	}

	static class V2025_06_17_01_MakeEmailNullable extends AddUsernameColumn {

	}

	static class AddJSONConfigColumn extends AddUsernameColumn {

	}

	static class create_index extends AddUsernameColumn {

	}

}
