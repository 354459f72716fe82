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
package dev.bootmigrate.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, for the report.
 *
 * @author the bootmigrate authors
 */
final class Results {

	final List<String> contenders = new ArrayList<>();

	final List<String> databases = new ArrayList<>();

	final List<String> variants = new ArrayList<>();

	final Map<Key, Samples> timings = new LinkedHashMap<>();

	final Map<Key, List<String>> statements = new LinkedHashMap<>();

	final Map<Key, Samples> startupMillis = new LinkedHashMap<>();

	final Map<Key, Samples> startupMemory = new LinkedHashMap<>();

	final Map<Key, Samples> startupCpu = new LinkedHashMap<>();

	final Map<String, String> environment = new LinkedHashMap<>();

	final List<String> notes = new ArrayList<>();

	long elapsedMillis;

	Samples timing(String scenario, String database, int size, String contender) {
		return this.timings.computeIfAbsent(new Key(scenario, database, size, contender), (key) -> new Samples());
	}

	/**
	 * Identifies a measurement.
	 *
	 * @param scenario the scenario, {@code A}, {@code B} or {@code C}
	 * @param database the database name
	 * @param size the number of migrations
	 * @param contender the contender or variant name
	 */
	record Key(String scenario, String database, int size, String contender) {

	}

}
