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

import org.springframework.util.ClassUtils;

/**
 * Where a migration comes from, for messages, the status and the endpoint: its type, the
 * name it is known by in its source, and where it is defined.
 *
 * @param type the type of migration
 * @param name the name in its source: the bean name, or the path of the SQL file
 * @param location where it is defined: the user class of the bean, or the URL of the SQL
 * file
 * @author the bootmigrate authors
 */
public record MigrationOrigin(Type type, String name, String location) {

	/**
	 * Return the origin of a migration bean.
	 * @param beanName the bean's name
	 * @param migration the bean
	 * @return the origin
	 */
	public static MigrationOrigin bean(String beanName, Migration migration) {
		return new MigrationOrigin(Type.BEAN, beanName, ClassUtils.getUserClass(migration).getName());
	}

	/**
	 * Return the origin of a migration read from an SQL file.
	 * @param path the path of the file, as the user knows it, such as
	 * {@code db/migration/V1__create_users.sql}
	 * @param url the URL the file was read from, naming the jar or directory
	 * @return the origin
	 */
	public static MigrationOrigin sql(String path, String url) {
		return new MigrationOrigin(Type.SQL, path, url);
	}

	/**
	 * Return how messages name the migration, for example {@code bean 'createUsers'}.
	 * @return the description
	 */
	public String describe() {
		return this.type.noun + " '" + this.name + "'";
	}

	/**
	 * The types of migration.
	 */
	public enum Type {

		/**
		 * A Spring bean implementing {@link Migration}.
		 */
		BEAN("bean"),

		/**
		 * A file of SQL statements, named as Flyway names them.
		 */
		SQL("SQL file");

		private final String noun;

		Type(String noun) {
			this.noun = noun;
		}

	}

}
