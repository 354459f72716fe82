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

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * Refuses, before any database access, a connection pool too small to apply migrations:
 * the migration lock holds a connection of its own for the whole run while each migration
 * runs on another, so a pool of one connection would wait for itself until it times out.
 * Only pools that can be inspected (HikariCP) are checked.
 *
 * @author the bootmigrate authors
 */
final class ConnectionPoolCheck {

	/**
	 * Connections that applying migrations holds at once: the lock's and the migration's.
	 */
	private static final int REQUIRED_CONNECTIONS = 2;

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			ConnectionPoolCheck.class.getClassLoader());

	private ConnectionPoolCheck() {
	}

	/**
	 * Check that the pool behind the given data source can lend the connections that
	 * applying migrations holds at once.
	 * @param dataSource the data source to migrate
	 * @throws InvalidConfigurationPropertyValueException naming the pool's size property
	 * if it is too small
	 */
	static void requireEnoughConnections(DataSource dataSource) {
		if (HIKARI_PRESENT) {
			Hikari.requireEnoughConnections(dataSource);
		}
	}

	/**
	 * Kept apart so that HikariCP is loaded only when it is on the class path.
	 */
	private static final class Hikari {

		static void requireEnoughConnections(DataSource dataSource) {
			HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			if (pool != null && pool.getMaximumPoolSize() < REQUIRED_CONNECTIONS) {
				throw new InvalidConfigurationPropertyValueException("spring.datasource.hikari.maximum-pool-size",
						pool.getMaximumPoolSize(),
						"Applying migrations holds " + REQUIRED_CONNECTIONS + " connections at once (the "
								+ "migration lock's own connection and the migration's), so the pool must allow at "
								+ "least " + REQUIRED_CONNECTIONS + ". With " + pool.getMaximumPoolSize()
								+ ", the migration would wait for a connection until the pool's connection timeout "
								+ "and fail. No migration was applied.");
			}
		}

	}

}
