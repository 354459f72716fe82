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

import java.nio.file.Path;

import javax.sql.DataSource;

/**
 * A migration tool under test, or the raw-JDBC floor. What an application ships (its
 * migration beans, SQL files or changelog) is prepared once per workload, untimed; the
 * timed calls do what the tool does when the application starts.
 *
 * @author the bootmigrate authors
 */
interface Contender {

	/**
	 * Return the name shown in the report.
	 * @return the name
	 */
	String name();

	/**
	 * Prepare, untimed, what an application would ship for the workload.
	 * @param workload the migrations
	 * @param directory an empty directory for files the contender needs
	 * @throws Exception on failure
	 */
	void prepare(Workload workload, Path directory) throws Exception;

	/**
	 * Scenario A: apply every migration to an empty database. Timed.
	 * @param dataSource the data source of the empty database
	 * @throws Exception on failure
	 */
	void migrate(DataSource dataSource) throws Exception;

	/**
	 * Scenario B: start, validate, and find nothing pending on a database where every
	 * migration is applied. Migration tools do exactly what they do at startup, so a tool
	 * that wrongly found something pending would fail on a table that exists. Timed.
	 * @param dataSource the data source of the migrated database
	 * @throws Exception on failure, or if something was found pending
	 */
	default void check(DataSource dataSource) throws Exception {
		migrate(dataSource);
	}

	/**
	 * Return the number of migrations recorded in the contender's history table, untimed,
	 * to verify a run.
	 * @param dataSource the data source
	 * @return the number of recorded migrations
	 * @throws Exception on failure
	 */
	int recorded(DataSource dataSource) throws Exception;

}
