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
package dev.bootmigrate.internal.sql;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for an SQL migration, so that a history Flyway wrote can be
 * verified against the files.
 * <p>
 * Flyway (its {@code ChecksumCalculator}) reads the file line by line, drops a byte order
 * mark at the start of the first line, and feeds the UTF-8 bytes of each line, without
 * its line break, to a CRC-32; the checksum is the CRC-32 as a signed 32-bit integer.
 * Line breaks ({@code \n}, {@code \r}, {@code \r\n}) are made only of the bytes
 * {@code 0x0A} and {@code 0x0D}, which UTF-8 never uses for anything else, so the same
 * value comes from the bytes of a UTF-8 file with those two bytes skipped, without
 * decoding it.
 *
 * @author the bootmigrate authors
 */
final class FlywayChecksum {

	private FlywayChecksum() {
	}

	/**
	 * Return the checksum of a file's bytes, which must be UTF-8.
	 * @param bytes the content of the file
	 * @return the checksum
	 */
	static int of(byte[] bytes) {
		CRC32 crc = new CRC32();
		int start = hasByteOrderMark(bytes) ? 3 : 0;
		for (int i = start; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '\n' || b == '\r') {
				if (i > start) {
					crc.update(bytes, start, i - start);
				}
				start = i + 1;
			}
		}
		if (bytes.length > start) {
			crc.update(bytes, start, bytes.length - start);
		}
		return (int) crc.getValue();
	}

	/**
	 * Return the checksum of a text, as Flyway computes it for a repeatable migration
	 * after replacing its placeholders.
	 * @param text the text
	 * @return the checksum
	 */
	static int of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean hasByteOrderMark(byte[] bytes) {
		return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
	}

}
