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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bootmigrate.internal.MigrationSource.Found;
import dev.bootmigrate.internal.sql.SqlMigrationSource.Settings;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that SQL-file migrations have the versions, descriptions and checksums Flyway
 * gives the same files, as computed by Flyway itself ({@code flyway-core}), so that a
 * history Flyway wrote can be verified.
 *
 * @author the bootmigrate authors
 */
class FlywayCompatibilityTests {

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final Map<String, String> PLACEHOLDERS = Map.of("table", "account", "owner", "me");

	@TempDir
	Path location;

	@BeforeEach
	void writeFiles() throws IOException {
		write("V1__plain.sql", "CREATE TABLE a (id INT);\n");
		write("V1_1__crlf_line_endings.sql", "CREATE TABLE b (\r\n  id INT\r\n);\r\n");
		write("V1.2__byte_order_mark.sql", concat(BYTE_ORDER_MARK, bytes("CREATE TABLE c (id INT);\n")));
		write("V2__no_final_line_break.sql", "CREATE TABLE d (id INT);");
		write("V2025_06_17_01__non_ascii.sql",
				"-- caf\u00e9, na\u00efve, \u65e5\u672c, \ud83d\ude00\n" + "INSERT INTO a VALUES ('\u00e9');\n\n\n");
		write("V3__empty.sql", "");
		write("V4__carriage_returns_only.sql", "SELECT 1;\rSELECT 2;\r");
		write("V5__blank_lines_and_tabs.sql", "\n\n\t\nSELECT 1;\t \n\n");
		write("V6__placeholders.sql", "CREATE TABLE ${table} (owner VARCHAR(20) DEFAULT '${owner}');\n");
		write("V7__Multi_Word__Description.sql", "SELECT 7;\n");
		write("sub/V8__in_a_sub_folder.sql", "SELECT 8;\n");
		write("R__placeholder_view.sql", "CREATE OR REPLACE VIEW ${table}_view AS SELECT 1 AS one;\n");
		write("R__plain_view.sql", concat(BYTE_ORDER_MARK, bytes("CREATE VIEW plain AS SELECT 1;\r\n")));
		write("R__file_name.sql", "-- ${flyway:filename}\nSELECT 1;");
	}

	@Test
	void versionsDescriptionsAndChecksumsAreFlyways() {
		List<MigrationInfo> flyway = flywayMigrations();
		assertThat(flyway).hasSize(14);
		SqlMigrationSource source = source();
		assertThat(source.migrations()).map(FlywayCompatibilityTests::describe)
			.containsExactlyInAnyOrderElementsOf(flyway.stream()
				.filter((migration) -> migration.getVersion() != null)
				.map(FlywayCompatibilityTests::describe)
				.toList());
		assertThat(source.repeatables()).map(FlywayCompatibilityTests::describe)
			.containsExactlyInAnyOrderElementsOf(flyway.stream()
				.filter((migration) -> migration.getVersion() == null)
				.map(FlywayCompatibilityTests::describe)
				.toList());
	}

	@Test
	void aChangeOfLineBreaksKeepsTheChecksumAndAnyOtherChangeChangesIt() throws IOException {
		String before = checksumOf("V1_1__crlf_line_endings.sql");
		write("V1_1__crlf_line_endings.sql", "CREATE TABLE b (\n  id INT\n);\n");
		assertThat(checksumOf("V1_1__crlf_line_endings.sql")).isEqualTo(before);
		write("V1_1__crlf_line_endings.sql", "CREATE TABLE b (\n  id BIGINT\n);\n");
		assertThat(checksumOf("V1_1__crlf_line_endings.sql")).isNotEqualTo(before);
	}

	private String checksumOf(String fileName) {
		return source().migrations()
			.stream()
			.filter((found) -> found.origin().name().endsWith("/" + fileName))
			.findFirst()
			.orElseThrow()
			.migration()
			.checksum();
	}

	private List<MigrationInfo> flywayMigrations() {
		Flyway flyway = Flyway.configure()
			.dataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "")
			.locations("filesystem:" + this.location)
			.placeholders(PLACEHOLDERS)
			.load();
		return Arrays.asList(flyway.info().all());
	}

	private SqlMigrationSource source() {
		return new SqlMigrationSource(new DefaultResourceLoader(), DatabaseDriver.H2,
				new Settings(List.of("filesystem:" + this.location), List.of(), PLACEHOLDERS, true, false));
	}

	private static String describe(Found found) {
		return found.migration().version() + " | " + found.migration().description() + " | "
				+ found.migration().checksum();
	}

	private static String describe(MigrationInfo migration) {
		return ((migration.getVersion() != null) ? migration.getVersion().toString() : "") + " | "
				+ migration.getDescription() + " | " + migration.getChecksum();
	}

	private void write(String name, String content) throws IOException {
		write(name, bytes(content));
	}

	private void write(String name, byte[] content) throws IOException {
		Path file = this.location.resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, content);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
