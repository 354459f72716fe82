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

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Versions;

/**
 * The resolved versioned migrations of an application, in the order they were found, with
 * an index by version, and its repeatable migrations, by description, with an index by
 * the key of their rows: built once, while resolving, and used by every snapshot to match
 * the rows of the history table.
 *
 * @author the bootmigrate authors
 */
final class ResolvedMigrations extends AbstractList<ResolvedMigration> implements RandomAccess {

	private final ResolvedMigration[] migrations;

	private final Map<String, Integer> positions;

	private final List<ResolvedMigration> repeatables;

	private final Map<String, Integer> repeatablePositions;

	private ResolvedMigrations(ResolvedMigration[] migrations, Map<String, Integer> positions,
			List<ResolvedMigration> repeatables) {
		this.migrations = migrations;
		this.positions = positions;
		this.repeatables = List.copyOf(repeatables);
		this.repeatablePositions = new HashMap<>();
		for (int i = 0; i < this.repeatables.size(); i++) {
			this.repeatablePositions.put(this.repeatables.get(i).key(), i);
		}
	}

	/**
	 * Index the given migrations, whose versions must be valid and distinct, as
	 * {@link ResolvedMigration#resolveAll(Map)} makes sure: of two equal versions, only
	 * the first is kept.
	 * @param migrations the migrations
	 * @return the indexed migrations
	 */
	static ResolvedMigrations of(List<ResolvedMigration> migrations) {
		if (migrations instanceof ResolvedMigrations indexed) {
			return indexed;
		}
		Builder builder = new Builder(migrations.size());
		for (ResolvedMigration migration : migrations) {
			builder.add(migration);
		}
		return builder.build();
	}

	@Override
	public ResolvedMigration get(int index) {
		return this.migrations[index];
	}

	@Override
	public int size() {
		return this.migrations.length;
	}

	/**
	 * Return the position of the migration whose version equals the given one in the
	 * version order, however either is spelled: a row recorded as {@code 2} is the row of
	 * a migration that now declares {@code 2.0}.
	 * @param version a valid version
	 * @return the position, or -1 if no migration has an equal version
	 */
	int indexOfVersion(String version) {
		Integer position = this.positions.get(Versions.canonical(version));
		return (position != null) ? position : -1;
	}

	/**
	 * Return the repeatable migrations, by description.
	 * @return the repeatable migrations
	 */
	List<ResolvedMigration> repeatables() {
		return this.repeatables;
	}

	/**
	 * Return the position among the {@link #repeatables()} of the repeatable migration
	 * whose history row has the given key.
	 * @param key the key of a repeatable migration's row
	 * @return the position, or -1 if no repeatable migration has that key
	 */
	int indexOfRepeatable(String key) {
		Integer position = this.repeatablePositions.get(key);
		return (position != null) ? position : -1;
	}

	/**
	 * Collects migrations and tells of versions already taken.
	 */
	static final class Builder {

		private final ResolvedMigration[] migrations;

		private final Map<String, Integer> positions;

		private int size;

		Builder(int capacity) {
			this.migrations = new ResolvedMigration[capacity];
			this.positions = new HashMap<>((int) (capacity / 0.75f) + 1);
		}

		/**
		 * Add a migration unless one of an equal version was added before.
		 * @param migration the migration, of a valid version
		 * @return the migration of an equal version added before, or {@code null}
		 */
		@Nullable ResolvedMigration add(ResolvedMigration migration) {
			Integer existing = this.positions.putIfAbsent(Versions.canonical(migration.version()), this.size);
			if (existing != null) {
				return this.migrations[existing];
			}
			this.migrations[this.size++] = migration;
			return null;
		}

		ResolvedMigrations build() {
			return build(List.of());
		}

		/**
		 * Build the index, with the given repeatable migrations.
		 * @param repeatables the repeatable migrations, of distinct keys, by description
		 * @return the resolved migrations
		 */
		ResolvedMigrations build(List<ResolvedMigration> repeatables) {
			ResolvedMigration[] migrations = (this.size == this.migrations.length) ? this.migrations
					: Arrays.copyOf(this.migrations, this.size);
			return new ResolvedMigrations(migrations, this.positions, repeatables);
		}

	}

}
