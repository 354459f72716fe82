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

/**
 * The migrations every contender applies: migration {@code i} (from 1) creates the small
 * table {@code t<i>} and nothing else.
 *
 * @param size how many migrations
 * @author the bootmigrate authors
 */
record Workload(int size) {

	String version(int i) {
		return Integer.toString(i);
	}

	String description(int i) {
		return "Create t" + i;
	}

	String sql(int i) {
		return "CREATE TABLE t" + i + " (id INT PRIMARY KEY, name VARCHAR(50))";
	}

}
