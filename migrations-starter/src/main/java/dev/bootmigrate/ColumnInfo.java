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

import org.jspecify.annotations.Nullable;

/**
 * A column of a table, as the database describes it: what
 * {@link SchemaInspector#column(String, String)} returns.
 *
 * @param name the name of the column, as the database stores it ({@code USERNAME} on H2
 * for a column created as {@code username})
 * @param typeName the name of its type, as the database names it: {@code varchar} on
 * PostgreSQL, {@code CHARACTER VARYING} on H2, {@code VARCHAR} on MariaDB
 * @param size the length of a character column or the precision of a numeric one, as the
 * database reports it, or {@code null} when its type has none
 * @param nullable whether the column accepts nulls, as the database reports it
 * @param defaultValue the column's default, as the SQL expression the database reports
 * ({@code 'x'} on H2 and MariaDB, {@code 'x'::character varying} on PostgreSQL), or
 * {@code null} when it has none or its default is {@code NULL}
 * @author the bootmigrate authors
 */
public record ColumnInfo(String name, String typeName, @Nullable Integer size, boolean nullable,
		@Nullable String defaultValue) {

}
