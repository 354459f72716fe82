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

import java.util.List;
import java.util.Map;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationOrigin;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Finds migrations: the seam between where migrations are defined (beans today, SQL files
 * next) and the engine, which resolves what every source found into one sequence.
 *
 * @author the bootmigrate authors
 * @see BeanMigrationSource
 * @see ResolvedMigration#resolveAll(List)
 */
public interface MigrationSource {

	/**
	 * Return the migrations this source defines, in any order.
	 * @return the migrations, each with its origin
	 */
	List<Found> migrations();

	/**
	 * Return the repeatable migrations this source defines, in any order: migrations
	 * without a version ({@link Migration#version()} returns an empty string), known by
	 * their description, which are applied after the versioned ones whenever their
	 * checksum differs from the one recorded. None by default.
	 * @return the repeatable migrations, each with its origin
	 * @see ResolvedMigration#resolveRepeatables(List)
	 */
	default List<Found> repeatables() {
		return List.of();
	}

	/**
	 * Return the source of the migrations defined as beans of the given factory.
	 * @param beanFactory the bean factory
	 * @return the source
	 */
	static MigrationSource beans(ListableBeanFactory beanFactory) {
		return new BeanMigrationSource(beanFactory);
	}

	/**
	 * Return the source of the given migrations, named as beans would be.
	 * @param migrations the migrations by name
	 * @return the source
	 */
	static MigrationSource of(Map<String, ? extends Migration> migrations) {
		List<Found> found = migrations.entrySet()
			.stream()
			.map((entry) -> Found.bean(entry.getKey(), entry.getValue()))
			.toList();
		return () -> found;
	}

	/**
	 * A migration a source found, not yet checked.
	 *
	 * @param origin where it comes from
	 * @param migration the migration
	 */
	record Found(MigrationOrigin origin, Migration migration) {

		/**
		 * A migration defined as a Spring bean.
		 * @param name the bean name
		 * @param migration the bean
		 * @return what was found
		 */
		public static Found bean(String name, Migration migration) {
			return new Found(MigrationOrigin.bean(name, migration), migration);
		}

	}

}
