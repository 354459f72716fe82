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
package dev.bootmigrate.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Reads a setting of the sessions a pool gives out, such as the lock timeout a migration
 * must have restored before giving its connection back.
 *
 * @author the bootmigrate authors
 */
public final class PooledSessions {

	private PooledSessions() {
	}

	/**
	 * Borrow the given number of connections at once, so that each is another session,
	 * and return what the query's first column says on each.
	 * @param pool the pool
	 * @param sessions how many connections to borrow
	 * @param query the query, such as {@code SELECT LOCK_TIMEOUT()}
	 * @return the values, in the order the connections were borrowed
	 * @throws SQLException on failure
	 */
	public static List<String> read(DataSource pool, int sessions, String query) throws SQLException {
		List<Connection> connections = new ArrayList<>();
		try {
			List<String> values = new ArrayList<>();
			for (int i = 0; i < sessions; i++) {
				connections.add(pool.getConnection());
			}
			for (Connection connection : connections) {
				try (Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery(query)) {
					result.next();
					values.add(result.getString(1));
				}
			}
			return values;
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

}
