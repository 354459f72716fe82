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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Printable}.
 *
 * @author the bootmigrate authors
 */
class PrintableTests {

	@Test
	void plainTextIsReturnedAsItIs() {
		String text = "Add username column (café, 名前, \\d)";
		assertThat(Printable.escape(text)).isSameAs(text);
		assertThat(Printable.indexOfUnsafe(text)).isEqualTo(-1);
	}

	@Test
	void lineBreaksAndTabsAreEscapedByName() {
		assertThat(Printable.escape("one\ntwo\r\nthree\tfour")).isEqualTo("one\\ntwo\\r\\nthree\\tfour");
	}

	@Test
	void terminalEscapeSequencesAndOtherControlsAreEscapedAsUnicode() {
		assertThat(Printable.escape("\u001b[2J\u001b]0;owned\u0007")).isEqualTo("\\u001b[2J\\u001b]0;owned\\u0007");
		assertThat(Printable.escape("nul\u0000 del\u007f csi\u009b")).isEqualTo("nul\\u0000 del\\u007f csi\\u009b");
		assertThat(Printable.indexOfUnsafe("ok\u0000")).isEqualTo(2);
	}

	@Test
	void bidirectionalControlsAndLineSeparatorsAreEscaped() {
		assertThat(Printable.escape("a\u202eb\u2066c\u2069d\u200fe\u061cf\u2028g\u2029h"))
			.isEqualTo("a\\u202eb\\u2066c\\u2069d\\u200fe\\u061cf\\u2028g\\u2029h");
	}

	@Test
	void nullIsPrintedAsNull() {
		assertThat(Printable.escape(null)).isEqualTo("null");
	}

}
