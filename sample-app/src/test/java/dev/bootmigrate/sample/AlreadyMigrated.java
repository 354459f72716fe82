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
package dev.bootmigrate.sample;

/**
 * What the sample logs when it starts on a database whose schema a script already
 * migrated: each of its migrations checks first and skips, with its reason.
 *
 * @author the bootmigrate authors
 */
final class AlreadyMigrated {

	/**
	 * The lines of the log, one for each migration and the summary of the run.
	 */
	static final String[] SKIPPED_LINES = { "(skipped: account.username already exists)",
			"(skipped: every account has a username)", "(skipped: account.username is already NOT NULL)",
			"(skipped: account.username is already unique)", "(skipped: account.email is already nullable)",
			"(skipped: account.settings already exists)", "Applied 6 migrations (6 skipped)" };

	private AlreadyMigrated() {
	}

}
