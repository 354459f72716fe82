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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Versions}.
 *
 * @author the bootmigrate authors
 */
class VersionsTests {

	@Test
	void numbersCompareAsNumbers() {
		assertOrder("1", "2", "10", "11", "100");
	}

	@Test
	void dottedVersionsCompareRunByRun() {
		assertOrder("1", "1.1", "1.2", "1.10", "1.10.1", "2", "2.0.1", "10.0");
	}

	@Test
	void datePrefixedVersionsOrderByDate() {
		assertOrder("2024_12_31_01", "2025_06_17_01", "2025_06_17_02", "2025_06_17_10", "2025_6_18_1", "2026_01_01_01");
	}

	@Test
	void numbersComeBeforeWordsAndWordsIgnoreCase() {
		assertOrder("1", "1.1", "1.a", "1.B", "1.c", "2");
		assertOrder("3", "3a", "3b", "4");
	}

	@Test
	void separatorsLeadingZerosAndTrailingZerosDoNotCount() {
		assertThat(Versions.compare("1.2", "1_2")).isZero();
		assertThat(Versions.compare("1.2", "1-2")).isZero();
		assertThat(Versions.compare("01", "1")).isZero();
		assertThat(Versions.compare("1", "1.0")).isZero();
		assertThat(Versions.compare("1.0.0", "1")).isZero();
		assertThat(Versions.compare("1.0.1", "1")).isPositive();
	}

	@Test
	void canonicalFormIsEqualExactlyForVersionsThatCompareEqual() {
		assertThat(Versions.canonical("42")).isSameAs(Versions.canonical("42"));
		assertThat(Versions.canonical("1.10")).isEqualTo(Versions.canonical("1_10.0")).isEqualTo("1.10");
		assertThat(Versions.canonical("007")).isEqualTo("7");
		assertThat(Versions.canonical("0.0")).isEqualTo("0");
		assertThat(Versions.canonical("1.0.1")).isEqualTo("1.0.1");
		assertThat(Versions.canonical("3B")).isEqualTo(Versions.canonical("3.b"));
		Random random = new Random(42);
		List<String> versions = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			versions.add(randomVersion(random));
		}
		for (String a : versions) {
			for (String b : versions) {
				int ab = Versions.compare(a, b);
				assertThat(Integer.signum(ab)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(Versions.compare(b, a)));
				assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(Versions.canonical(a).equals(Versions.canonical(b)));
			}
		}
	}

	@Test
	void orderIsTransitive() {
		Random random = new Random(7);
		List<String> versions = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			versions.add(randomVersion(random));
		}
		for (String a : versions) {
			for (String b : versions) {
				for (String c : versions) {
					if (Versions.compare(a, b) <= 0 && Versions.compare(b, c) <= 0) {
						assertThat(Versions.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
					}
				}
			}
		}
	}

	private static String randomVersion(Random random) {
		String[] runs = { "0", "00", "1", "01", "2", "10", "9", "a", "B", "rc", "RC1" };
		String[] separators = { ".", "_", "-" };
		StringBuilder version = new StringBuilder(runs[random.nextInt(7)]);
		int more = random.nextInt(4);
		for (int i = 0; i < more; i++) {
			String run = runs[random.nextInt(runs.length)];
			boolean joinable = Character.isDigit(run.charAt(0)) != Character
				.isDigit(version.charAt(version.length() - 1));
			version.append((joinable && random.nextBoolean()) ? "" : separators[random.nextInt(3)]).append(run);
		}
		assertThat(Versions.problem(version.toString())).isNull();
		return version.toString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "10", "1.2.3", "2025_06_17_01", "3b", "1-rc1", "007" })
	void acceptsWellFormedVersions(String version) {
		assertThat(Versions.problem(version)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "V1.2", "1..2", "1.", ".1", "1 2", "1/2", "1.2_", "é1", "_1" })
	void rejectsMalformedVersions(String version) {
		assertThat(Versions.problem(version)).startsWith("is malformed").contains("2025_06_17_01");
	}

	@Test
	void rejectsBlankAndOverlongVersions() {
		assertThat(Versions.problem(null)).isEqualTo("is blank");
		assertThat(Versions.problem(" ")).isEqualTo("is blank");
		assertThat(Versions.problem("1".repeat(129))).contains("longer than 128");
	}

	private static void assertOrder(String... versions) {
		List<String> shuffled = new ArrayList<>(List.of(versions));
		for (int i = 0; i < 20; i++) {
			Collections.shuffle(shuffled);
			shuffled.sort(Versions.ORDER);
			assertThat(shuffled).containsExactly(versions);
		}
	}

}
