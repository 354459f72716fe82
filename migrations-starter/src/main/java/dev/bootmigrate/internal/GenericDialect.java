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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * A database that is not among the tested ones: standard SQL only (a row lock taken with
 * an {@code UPDATE}, standard {@code GRANT} statements), no lock timeout, DDL taken as
 * non-transactional. The column type for instants and transactional DDL follow SQL
 * Server, whose {@code TIMESTAMP} is a row version rather than a time.
 *
 * @author the bootmigrate authors
 */
final class GenericDialect extends Dialect {

	private static final Log logger = LogFactory.getLog(GenericDialect.class);

	private final boolean transactionalDdl;

	private final String timestampType;

	GenericDialect(DatabaseDriver driver, String productName) {
		super(driver, productName);
		this.transactionalDdl = driver == DatabaseDriver.SQLSERVER;
		this.timestampType = switch (driver) {
			case SQLSERVER -> "DATETIMEOFFSET";
			default -> "TIMESTAMP";
		};
		logger.info(productName + " is not among the tested databases; using standard SQL");
	}

	@Override
	public boolean transactionalDdl() {
		return this.transactionalDdl;
	}

	@Override
	public String timestampType() {
		return this.timestampType;
	}

}
