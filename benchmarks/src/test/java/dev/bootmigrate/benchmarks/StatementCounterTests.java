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

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading statements from the PostgreSQL server log.
 *
 * @author the bootmigrate authors
 */
class StatementCounterTests {

	@Test
	void countsExecutedAndRefusedStatementsOfTheGivenBackendsOnly() {
		List<String> log = List.of(
				"2026-11-23 15:06:15.780 UTC [9002] postgres@test LOG:  execute <unnamed>: select current_schema()",
				"2026-11-23 15:06:15.781 UTC [9002] postgres@test LOG:  statement: BEGIN",
				"2026-11-23 15:06:15.782 UTC [7777] postgres@test LOG:  execute S_1: SELECT 1",
				"2026-11-23 15:06:15.783 UTC [9002] postgres@test ERROR:  relation \"h\" does not exist at character 15",
				"2026-11-23 15:06:15.783 UTC [9002] postgres@test STATEMENT:  SELECT * FROM h",
				"2026-11-23 15:06:15.784 UTC [9003] postgres@test LOG:  execute S_2: INSERT INTO h VALUES ($1)",
				"2026-11-23 15:06:15.784 UTC [9003] postgres@test DETAIL:  parameters: $1 = '1'",
				"2026-11-23 15:06:15.785 UTC [9003] postgres@test ERROR:  duplicate key value violates unique constraint",
				"2026-11-23 15:06:15.785 UTC [9003] postgres@test STATEMENT:  INSERT INTO h VALUES ($1)",
				"2026-11-23 15:06:15.786 UTC [2185] LOG:  checkpoint starting: time", "  AND continued_line = 1");
		assertThat(StatementCounter.statements(log, Set.of("9002", "9003"))).containsExactly("select current_schema()",
				"BEGIN", "SELECT * FROM h   -- refused: relation \"h\" does not exist at character 15",
				"INSERT INTO h VALUES ($1)");
	}

}
