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
package dev.bootmigrate.autoconfigure;

import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds the valid name closest to a mistyped one, to say "did you mean ...?", by edit
 * distance: the fewest inserted, removed or replaced characters.
 *
 * @author the bootmigrate authors
 */
final class Suggestions {

	private Suggestions() {
	}

	/**
	 * Return the candidate closest to the given name, or {@code null} when none is close
	 * enough to be what was meant.
	 */
	static @Nullable String nearest(String name, Collection<String> candidates) {
		String typed = name.toLowerCase(Locale.ROOT);
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		// A third of the name may be wrong, and never less than two characters
		return (best <= Math.max(2, typed.length() / 3)) ? nearest : null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int replace = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
