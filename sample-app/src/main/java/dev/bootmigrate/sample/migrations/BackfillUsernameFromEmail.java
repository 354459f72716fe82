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
package dev.bootmigrate.sample.migrations;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

import org.springframework.stereotype.Component;

/**
 * Gives every account without a username one derived from its email: the part before the
 * {@code @}, lower-cased, with a number appended when it is taken. Plain Java, in the
 * same transaction as the rest of the migration.
 *
 * @author the bootmigrate authors
 */
@Component
class BackfillUsernameFromEmail implements Migration {

	@Override
	public String version() {
		return "2";
	}

	@Override
	public void migrate(MigrationContext context) {
		if (context.jdbc().queryForObject("SELECT COUNT(*) FROM account WHERE username IS NULL", Integer.class) == 0) {
			context.skip("every account has a username");
			return;
		}
		Set<String> taken = new HashSet<>(context.jdbcClient()
			.sql("SELECT username FROM account WHERE username IS NOT NULL")
			.query(String.class)
			.list());
		List<Row> rows = context.jdbcClient()
			.sql("SELECT id, email FROM account WHERE username IS NULL ORDER BY id")
			.query(Row.class)
			.list();
		for (Row row : rows) {
			String username = unique(base(row), taken);
			taken.add(username);
			context.jdbc().update("UPDATE account SET username = ? WHERE id = ?", username, row.id());
		}
	}

	private static String base(Row row) {
		String email = (row.email() != null) ? row.email() : "";
		String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
		String cleaned = local.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
		return cleaned.isEmpty() ? "user" + row.id() : cleaned;
	}

	private static String unique(String base, Set<String> taken) {
		String candidate = base;
		for (int suffix = 2; taken.contains(candidate); suffix++) {
			candidate = base + suffix;
		}
		return candidate;
	}

	record Row(long id, String email) {
	}

}
