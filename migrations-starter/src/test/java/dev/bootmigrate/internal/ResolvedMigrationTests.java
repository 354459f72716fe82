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
package dev.bootmigrate.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResolvedMigration}.
 *
 * @author the bootmigrate authors
 */
class ResolvedMigrationTests {

	@Test
	void ordersByVersionNotByRegistration() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("c", migration("10"));
		beans.put("a", migration("2"));
		beans.put("b", migration("1.10"));
		beans.put("d", migration("1.2"));
		List<ResolvedMigration> migrations = new ArrayList<>(resolveAll(beans));
		migrations.sort(ResolvedMigration.ORDER);
		assertThat(migrations).extracting((migration) -> migration.origin().name()).containsExactly("d", "b", "a", "c");
	}

	@Test
	void findsARecordedVersionHoweverEitherIsSpelled() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("a", migration("1"));
		beans.put("b", migration("2.10"));
		beans.put("c", migration("2025_06_17_01"));
		ResolvedMigrations migrations = resolveAll(beans);
		assertThat(migrations.indexOfVersion("1")).isZero();
		assertThat(migrations.indexOfVersion("2.10")).isOne();
		assertThat(migrations.indexOfVersion("2025_06_17_01")).isEqualTo(2);
		// Equal versions spelled differently in the history table are the migration's
		assertThat(migrations.indexOfVersion("1.0")).isZero();
		assertThat(migrations.indexOfVersion("01")).isZero();
		assertThat(migrations.indexOfVersion("2.010")).isOne();
		assertThat(migrations.indexOfVersion("2-10-0")).isOne();
		assertThat(migrations.indexOfVersion("2025.06.17.01")).isEqualTo(2);
		assertThat(migrations.indexOfVersion("3")).isEqualTo(-1);
		assertThat(migrations.indexOfVersion("2.1")).isEqualTo(-1);
	}

	@Test
	void duplicateVersionNamesBothBeans() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("addUsername", migration("3"));
		beans.put("backfillUsername", migration("3"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> resolveAll(beans))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("'3'", "bean 'addUsername'", "bean 'backfillUsername'", "give one of them a new version"));
	}

	@Test
	void versionsThatOnlyLookDifferentAreDuplicates() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("first", migration("1.2"));
		beans.put("second", migration("1_2.0"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> resolveAll(beans))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("'1.2'", "'1_2.0'", "bean 'first'", "bean 'second'", "are the same version"));
	}

	@Test
	void controlCharactersInADescriptionAreRefusedNamingTheBean() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("forged", Migration.of("1", "Add column\n  2  Drop everything  applied", (context) -> {
		}));
		beans.put("escape", Migration.of("2", "Add \u001b[31mred\u001b[0m column", (context) -> {
		}));
		beans.put("bidi", Migration.of("3", "Add \u202eredmun\u202c column", (context) -> {
		}));
		beans.put("textBlock", Migration.of("4", "Add column\n", (context) -> {
		}));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> resolveAll(beans))
			.satisfies((ex) -> assertThat(ex.getProblems()).hasSize(3)
				.anySatisfy((problem) -> assertThat(problem).contains("bean 'forged'", "version 1",
						"contains the control character \\n", "\"Add column\\n  2  Drop everything  applied\""))
				.anySatisfy((problem) -> assertThat(problem).contains("bean 'escape'", "\\u001b[31mred"))
				.anySatisfy((problem) -> assertThat(problem).contains("bean 'bidi'", "\\u202e"))
				.allSatisfy((problem) -> assertThat(problem).doesNotContain("\n", "\u001b", "\u202e")));
	}

	@Test
	void controlCharactersInAVersionAreRefusedAndShownEscaped() {
		assertThatExceptionOfType(InvalidMigrationsException.class)
			.isThrownBy(() -> resolveAll(Map.of("nul", migration("1\u0000"))))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("The version '1\\u0000' of bean 'nul'", "contains the control character \\u0000")
				.doesNotContain("\u0000"));
	}

	@Test
	void reportsEveryProblemAtOnce() {
		Map<String, Migration> beans = new LinkedHashMap<>();
		beans.put("blank", migration(" "));
		beans.put("malformed", migration("v2"));
		beans.put("nullVersion", migration(null));
		beans.put("noDescription", Migration.of("4", " ", (context) -> {
		}));
		beans.put("fine", migration("5"));
		assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> resolveAll(beans))
			.satisfies((ex) -> assertThat(ex.getProblems()).hasSize(4)
				.anySatisfy((problem) -> assertThat(problem).contains("bean 'blank'", "is blank"))
				.anySatisfy((problem) -> assertThat(problem).contains("'v2'", "bean 'malformed'", "is malformed"))
				.anySatisfy((problem) -> assertThat(problem).contains("null", "bean 'nullVersion'", "is blank"))
				.anySatisfy((problem) -> assertThat(problem).contains("bean 'noDescription'",
						"is blank; return a short sentence")));
	}

	@Test
	void descriptionDefaultsToTheClassName() {
		assertThat(resolveAll(Map.of("bean", new AddUsernameColumn()))).singleElement()
			.satisfies((migration) -> assertThat(migration.description()).isEqualTo("Add username column"));
	}

	private static Migration migration(String version) {
		return new Migration() {

			@Override
			public String version() {
				return version;
			}

			@Override
			public String description() {
				return "Migration " + version;
			}

			@Override
			public void migrate(MigrationContext context) {
			}

		};
	}

	static class AddUsernameColumn implements Migration {

		@Override
		public String version() {
			return "3";
		}

		@Override
		public void migrate(MigrationContext context) {
		}

	}

	private static ResolvedMigrations resolveAll(Map<String, ? extends Migration> beans) {
		return ResolvedMigration.resolveAll(MigrationSource.of(beans).migrations());
	}

}
