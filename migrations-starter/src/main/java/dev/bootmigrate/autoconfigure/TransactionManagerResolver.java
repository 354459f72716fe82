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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.jta.JtaTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Chooses the transaction manager that runs migrations: the application's own when it
 * manages the migrated {@code DataSource} (so that a migration's injected
 * {@code JdbcTemplate}, {@code JdbcClient} or JPA repository joins the migration's
 * transaction), otherwise a {@link DataSourceTransactionManager} of its own.
 *
 * @author the bootmigrate authors
 */
final class TransactionManagerResolver {

	private static final Log logger = LogFactory.getLog(TransactionManagerResolver.class);

	private static final boolean JPA_PRESENT = ClassUtils.isPresent("org.springframework.orm.jpa.JpaTransactionManager",
			TransactionManagerResolver.class.getClassLoader());

	private static final boolean JTA_PRESENT = ClassUtils.isPresent("jakarta.transaction.TransactionManager",
			TransactionManagerResolver.class.getClassLoader());

	private TransactionManagerResolver() {
	}

	static PlatformTransactionManager resolve(@Nullable PlatformTransactionManager candidate, DataSource dataSource) {
		if (candidate != null && manages(candidate, dataSource)) {
			return candidate;
		}
		if (candidate != null) {
			logger.debug("The application's transaction manager " + candidate
					+ " does not manage the migrated DataSource; migrations use a DataSourceTransactionManager");
		}
		return new DataSourceTransactionManager(dataSource);
	}

	private static boolean manages(PlatformTransactionManager candidate, DataSource dataSource) {
		if (candidate instanceof DataSourceTransactionManager dataSourceTransactionManager) {
			return dataSourceTransactionManager.getDataSource() == dataSource;
		}
		if (JPA_PRESENT && Jpa.manages(candidate, dataSource)) {
			return true;
		}
		return JTA_PRESENT && Jta.isJta(candidate);
	}

	/**
	 * Kept apart so that JTA classes are only loaded when present.
	 */
	private static final class Jta {

		static boolean isJta(PlatformTransactionManager candidate) {
			return candidate instanceof JtaTransactionManager;
		}

	}

	/**
	 * Kept apart so that JPA classes are only loaded when present.
	 */
	private static final class Jpa {

		static boolean manages(PlatformTransactionManager candidate, DataSource dataSource) {
			return candidate instanceof JpaTransactionManager jpa && jpa.getDataSource() == dataSource;
		}

	}

}
