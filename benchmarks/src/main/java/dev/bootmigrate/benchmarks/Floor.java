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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

/**
 * The least work any tool must do, in raw JDBC on one connection. Scenario A: create the
 * history table, then one transaction per migration with its DDL and one history
 * {@code INSERT}. Scenario B: one {@code SELECT} of the whole history, set against the
 * known versions.
 *
 * @author the bootmigrate authors
 */
final class Floor implements Contender {

	static final String NAME = "floor (raw JDBC)";

	private static final String CREATE = "CREATE TABLE floor_history (version VARCHAR(50) PRIMARY KEY, "
			+ "description VARCHAR(200) NOT NULL, installed_on TIMESTAMP NOT NULL)";

	private static final String INSERT = "INSERT INTO floor_history (version, description, installed_on) VALUES (?, ?, ?)";

	private static final String SELECT = "SELECT version, description, installed_on FROM floor_history";

	private Workload workload = new Workload(0);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void prepare(Workload workload, Path directory) {
		this.workload = workload;
	}

	@Override
	public void migrate(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(CREATE);
				connection.commit();
				try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
					for (int i = 1; i <= this.workload.size(); i++) {
						statement.execute(this.workload.sql(i));
						insert.setString(1, this.workload.version(i));
						insert.setString(2, this.workload.description(i));
						insert.setTimestamp(3, Timestamp.from(Instant.now()));
						insert.executeUpdate();
						connection.commit();
					}
				}
			}
		}
	}

	@Override
	public void check(DataSource dataSource) throws SQLException {
		Set<String> applied = new HashSet<>();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(SELECT)) {
			while (rows.next()) {
				applied.add(rows.getString(1));
				rows.getString(2);
				rows.getTimestamp(3);
			}
		}
		for (int i = 1; i <= this.workload.size(); i++) {
			if (!applied.contains(this.workload.version(i))) {
				throw new IllegalStateException("Version " + this.workload.version(i) + " is pending");
			}
		}
	}

	@Override
	public int recorded(DataSource dataSource) throws SQLException {
		return Jdbc.count(dataSource, "floor_history");
	}

}
