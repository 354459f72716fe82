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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the harness: every contender (the SQL-file ones included) applies and
 * checks a tiny workload on H2, and the report renders. It never runs the benchmark
 * itself.
 *
 * @author the bootmigrate authors
 */
class BenchmarksSmokeTests {

	@Test
	void everyContenderAppliesThenFindsNothingPendingAndTheReportShowsThem(@TempDir Path directory) throws Exception {
		Options options = Options.parse(
				new String[] { "--quick", "--sizes=3", "--warmups=0", "--rounds=1", "--check-rounds=1",
						"--databases=h2", "--scenarios=A,B", "--output=" + directory.resolve("benchmarks.md") },
				directory);
		Results results = new Benchmarks(options, directory).run();
		assertThat(results.timings).hasSize(14);
		assertThat(results.timings.values()).allSatisfy((samples) -> assertThat(samples.count()).isOne());
		String report = new Report(options, results).render();
		assertThat(report)
			.contains("| 3 | floor (raw JDBC) | ", "| 3 | bootmigrate | ", "| 3 | Flyway (Java) | ",
					"| 3 | Flyway (SQL) | ", "| 3 | Liquibase | ", "| 3 | floor (SQL files) | ",
					"| 3 | bootmigrate (SQL) | ", "B, N=3: at most 1.5× the floor", "#### What N SQL files add to B")
			.doesNotContain("{{");
	}

}
