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

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What the engine needs to know about the database it talks to, detected once from the
 * connection's metadata (no query is sent).
 *
 * @param driver the database
 * @param productName the product name reported by the driver
 * @param transactionalDdl whether schema changes roll back with the transaction
 * @param timestampType the column type for instants
 * @author the bootmigrate authors
 */
public record DatabasePlatform(DatabaseDriver driver, String productName, boolean transactionalDdl,
		String timestampType) {

	/**
	 * Detect the platform of the given connection.
	 * @param connection the connection
	 * @return the platform
	 * @throws SQLException if the metadata cannot be read
	 */
	public static DatabasePlatform of(Connection connection) throws SQLException {
		String productName = connection.getMetaData().getDatabaseProductName();
		DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
		return switch (driver) {
			case POSTGRESQL -> new DatabasePlatform(driver, productName, true, "TIMESTAMP WITH TIME ZONE");
			case H2 -> new DatabasePlatform(driver, productName, false, "TIMESTAMP WITH TIME ZONE");
			case MYSQL, MARIADB -> new DatabasePlatform(driver, productName, false, "TIMESTAMP(3)");
			case SQLSERVER -> new DatabasePlatform(driver, productName, true, "DATETIMEOFFSET");
			default -> new DatabasePlatform(driver, productName, false, "TIMESTAMP");
		};
	}

	/**
	 * Return whether this is PostgreSQL.
	 * @return whether this is PostgreSQL
	 */
	boolean isPostgresql() {
		return this.driver == DatabaseDriver.POSTGRESQL;
	}

}
