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

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Derives the defaults of {@link Migration} from a migration's class.
 *
 * @author the bootmigrate authors
 */
final class Descriptions {

	private static final Pattern VERSION_PREFIX = Pattern.compile("^[Vv]\\d+[\\d_.]*_+");

	private Descriptions() {
	}

	/**
	 * Turn a class name such as {@code V3_AddUsernameColumn} into "Add username column".
	 */
	static String fromType(Class<?> type) {
		String name = ClassUtils.getUserClass(type).getSimpleName();
		if (name.isEmpty()) {
			name = ClassUtils.getShortName(type);
		}
		name = VERSION_PREFIX.matcher(name).replaceFirst("");
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (ch == '_' || ch == '$') {
				appendSpace(words);
				continue;
			}
			boolean wordStart = i > 0 && Character.isUpperCase(ch) && (Character.isLowerCase(name.charAt(i - 1))
					|| (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
			if (wordStart) {
				appendSpace(words);
			}
			words.append((words.isEmpty()) ? ch : Character.toLowerCase(ch));
		}
		String description = words.toString().trim();
		return description.isEmpty() ? name : capitalize(description);
	}

	private static void appendSpace(StringBuilder words) {
		if (!words.isEmpty() && words.charAt(words.length() - 1) != ' ') {
			words.append(' ');
		}
	}

	private static String capitalize(String text) {
		return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
	}

	static boolean overridesRollback(Class<?> type) {
		Class<?> userClass = ClassUtils.getUserClass(type);
		var method = ReflectionUtils.findMethod(userClass, "rollback", MigrationContext.class);
		return method != null && method.getDeclaringClass() != Migration.class;
	}

}
