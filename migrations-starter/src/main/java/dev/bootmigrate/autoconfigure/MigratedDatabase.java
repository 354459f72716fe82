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
package dev.bootmigrate.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;
import org.springframework.util.ClassUtils;

/**
 * Tells which database the migrated {@code DataSource} reaches, which decides how SQL
 * migrations are split into statements: from the URL its pool was given, when the pool
 * tells it (HikariCP, Spring's driver-based data sources), so that no connection is
 * opened; else from the product name of a connection.
 *
 * @author the bootmigrate authors
 */
final class MigratedDatabase {

	private static final Log logger = LogFactory.getLog(MigratedDatabase.class);

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			MigratedDatabase.class.getClassLoader());

	private MigratedDatabase() {
	}

	/**
	 * Return the database the given data source reaches.
	 * @param dataSource the data source
	 * @return the database, {@link DatabaseDriver#UNKNOWN} when neither the URL nor a
	 * connection tells
	 */
	static DatabaseDriver driver(DataSource dataSource) {
		String url = url(dataSource);
		DatabaseDriver driver = (url != null) ? DatabaseDriver.fromJdbcUrl(url) : DatabaseDriver.UNKNOWN;
		if (driver != DatabaseDriver.UNKNOWN && driver != DatabaseDriver.TESTCONTAINERS) {
			return driver;
		}
		try (Connection connection = dataSource.getConnection()) {
			return DatabaseDriver.fromProductName(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException | RuntimeException ex) {
			// Reading the history table next reports an unreachable database
			logger.debug("Could not tell which database the SQL migrations target; splitting them as standard SQL", ex);
			return DatabaseDriver.UNKNOWN;
		}
	}

	private static @Nullable String url(DataSource dataSource) {
		if (HIKARI_PRESENT) {
			String url = Hikari.url(dataSource);
			if (url != null) {
				return url;
			}
		}
		AbstractDriverBasedDataSource driverBased = DataSourceUnwrapper.unwrap(dataSource,
				AbstractDriverBasedDataSource.class);
		return (driverBased != null) ? driverBased.getUrl() : null;
	}

	/**
	 * Kept apart so that HikariCP is loaded only when it is on the class path.
	 */
	private static final class Hikari {

		static @Nullable String url(DataSource dataSource) {
			HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			return (pool != null) ? pool.getJdbcUrl() : null;
		}

	}

}
