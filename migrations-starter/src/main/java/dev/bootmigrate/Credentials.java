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

import java.util.regex.Pattern;

/**
 * Masks the passwords that a JDBC URL, or a driver's message quoting one, may carry:
 * {@code user:secret@host}, Oracle's {@code user/secret@host}, and
 * {@code password=secret} in a query string ({@code ?password=}, {@code &sslpassword=})
 * or a property list ({@code ;PASSWORD=} on H2).
 *
 * @author the bootmigrate authors
 */
final class Credentials {

	private static final String MASK = "****";

	private static final Pattern USER_INFO = Pattern.compile("([\\w.%~+-]+):[^\\s/]+@(?=[\\w\\[])");

	private static final Pattern ORACLE_USER_INFO = Pattern.compile("(thin:@?[\\w.%~+-]+)/[^\\s@]+@");

	// A value ends before a separator, and before the full stop of a sentence
	private static final Pattern PASSWORD_PROPERTY = Pattern.compile(
			"(?i)([\\w.-]*(?:password|passwd|pwd)\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^&;,\\s)\\]}\"']*[^&;,\\s)\\]}\"'.])");

	private Credentials() {
	}

	/**
	 * Return the given text with every password it quotes replaced by {@value #MASK}.
	 * @param text the text, such as an exception message
	 * @return the masked text
	 */
	static String mask(String text) {
		if (text.indexOf('@') == -1 && text.indexOf('=') == -1) {
			return text;
		}
		String masked = ORACLE_USER_INFO.matcher(text).replaceAll("$1/" + MASK + "@");
		masked = USER_INFO.matcher(masked).replaceAll("$1:" + MASK + "@");
		return PASSWORD_PROPERTY.matcher(masked).replaceAll("$1" + MASK);
	}

}
