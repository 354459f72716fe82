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
package dev.bootmigrate.internal;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The template a transactional migration runs its statements with, which counts the
 * statements that completed: on a database that commits schema changes implicitly, a
 * migration whose transaction was committed in part before it failed has committed work
 * of its own only if some of its statements completed.
 *
 * @author the bootmigrate authors
 */
final class MigrationJdbcTemplate extends JdbcTemplate {

	private int completed;

	private boolean failing;

	MigrationJdbcTemplate(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	public <T> T execute(ConnectionCallback<T> action) throws DataAccessException {
		T result = super.execute(action);
		// What it did on the connection cannot be seen: it counts as a statement
		this.completed++;
		return result;
	}

	@Override
	protected void handleWarnings(Statement statement) throws SQLException {
		// Called on every statement that completed, whatever ran it, and from the
		// method below on a statement that failed
		if (!this.failing) {
			this.completed++;
		}
		super.handleWarnings(statement);
	}

	@Override
	protected void handleWarnings(Statement statement, SQLException failure) {
		this.failing = true;
		try {
			super.handleWarnings(statement, failure);
		}
		finally {
			this.failing = false;
		}
	}

	/**
	 * Return how many statements completed.
	 * @return the count
	 */
	int completed() {
		return this.completed;
	}

}
