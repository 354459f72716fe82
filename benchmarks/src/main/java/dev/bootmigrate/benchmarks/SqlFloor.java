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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import javax.sql.DataSource;

/**
 * The least work any tool of SQL files must do, in raw JDBC on one connection: list the N
 * files of the jar, read each and compute its CRC-32. Scenario A: then, as {@link Floor},
 * create the history table and run one transaction per file with its statement and one
 * history {@code INSERT} (version and checksum). Scenario B: then one {@code SELECT} of
 * the whole history, set against the N versions and checksums.
 *
 * @author the bootmigrate authors
 */
final class SqlFloor implements Contender {

	static final String NAME = "floor (SQL files)";

	private static final String CREATE = "CREATE TABLE sql_floor_history (version VARCHAR(50) PRIMARY KEY, "
			+ "checksum BIGINT NOT NULL, installed_on TIMESTAMP NOT NULL)";

	private static final String INSERT = "INSERT INTO sql_floor_history (version, checksum, installed_on) "
			+ "VALUES (?, ?, ?)";

	private static final String SELECT = "SELECT version, checksum FROM sql_floor_history";

	private SqlJar jar;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void prepare(Workload workload, Path directory) throws IOException {
		if (this.jar != null) {
			this.jar.close();
		}
		this.jar = SqlJar.write(workload, directory);
	}

	@Override
	public void migrate(DataSource dataSource) throws IOException, SQLException {
		List<SqlJar.File> files = this.jar.read();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(CREATE);
				connection.commit();
				try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
					for (SqlJar.File file : files) {
						long checksum = checksum(file);
						String sql = new String(file.content(), StandardCharsets.UTF_8).strip();
						statement.execute(sql.substring(0, sql.length() - 1));
						insert.setString(1, file.version());
						insert.setLong(2, checksum);
						insert.setTimestamp(3, Timestamp.from(Instant.now()));
						insert.executeUpdate();
						connection.commit();
					}
				}
			}
		}
	}

	@Override
	public void check(DataSource dataSource) throws IOException, SQLException {
		Map<String, Long> checksums = new HashMap<>();
		for (SqlJar.File file : this.jar.read()) {
			checksums.put(file.version(), checksum(file));
		}
		Map<String, Long> applied = new HashMap<>();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(SELECT)) {
			while (rows.next()) {
				applied.put(rows.getString(1), rows.getLong(2));
			}
		}
		checksums.forEach((version, checksum) -> {
			if (!checksum.equals(applied.get(version))) {
				throw new IllegalStateException("Version " + version + " is pending or changed");
			}
		});
	}

	private static long checksum(SqlJar.File file) {
		CRC32 crc = new CRC32();
		crc.update(file.content());
		return crc.getValue();
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		return Jdbc.count(dataSource, "sql_floor_history");
	}

}
