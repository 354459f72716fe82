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
import java.util.Collections;
import java.util.List;

/**
 * The measured values of one contender in one configuration: median, minimum and maximum.
 *
 * @author the bootmigrate authors
 */
final class Samples {

	private final List<Double> values = new ArrayList<>();

	void add(double value) {
		this.values.add(value);
	}

	int count() {
		return this.values.size();
	}

	double median() {
		List<Double> sorted = sorted();
		int size = sorted.size();
		if (size == 0) {
			return Double.NaN;
		}
		return ((size % 2) != 0) ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
	}

	double min() {
		return this.values.isEmpty() ? Double.NaN : Collections.min(this.values);
	}

	double max() {
		return this.values.isEmpty() ? Double.NaN : Collections.max(this.values);
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.values);
		Collections.sort(sorted);
		return sorted;
	}

}
