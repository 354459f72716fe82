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

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * A database that is not among the tested ones: standard SQL only (a row lock taken with
 * an {@code UPDATE}, standard {@code GRANT} statements), no lock timeout, DDL taken as
 * non-transactional. The column type for instants and the {@code GRANT} statements follow
 * the few databases whose standard types or syntax differ, until each has its own
 * dialect.
 *
 * @author the bootmigrate authors
 */
final class GenericDialect extends Dialect {

	private static final Log logger = LogFactory.getLog(GenericDialect.class);

	private static final Set<Integer> MYSQL_ACCESS_DENIED = Set.of(1044, 1142, 1143, 1227);

	private final boolean transactionalDdl;

	private final String timestampType;

	GenericDialect(DatabaseDriver driver, String productName) {
		super(driver, productName);
		this.transactionalDdl = driver == DatabaseDriver.SQLSERVER;
		this.timestampType = switch (driver) {
			case MYSQL, MARIADB -> "TIMESTAMP(3)";
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

	@Override
	boolean isPermissionDenied(SQLException ex) {
		// MySQL and MariaDB report missing privileges in the general SQL state 42000;
		// their error codes tell: database, table and column access denied, and "you
		// need the ... privilege"
		return super.isPermissionDenied(ex)
				|| (isMysql() && "42000".equals(ex.getSQLState()) && MYSQL_ACCESS_DENIED.contains(ex.getErrorCode()));
	}

	@Override
	IdentifierCase columnNameCase(DatabaseMetaData metaData) throws SQLException {
		// MySQL and MariaDB compare column and index names ignoring case on every
		// platform, whatever lower_case_table_names says of table names
		return isMysql() ? IdentifierCase.ANY_CASE : super.columnNameCase(metaData);
	}

	@Override
	String grantCreateTable(String schema, String user) {
		return isMysql() ? "GRANT CREATE ON " + schema + ".* TO " + user : super.grantCreateTable(schema, user);
	}

	@Override
	String grantCreateSchema(String database, String user) {
		return isMysql() ? "GRANT CREATE ON *.* TO " + user : super.grantCreateSchema(database, user);
	}

	@Override
	String createSchemaOwnedBy(String schema, String user) {
		return isMysql() ? "CREATE SCHEMA " + schema + "; GRANT ALL ON " + schema + ".* TO " + user
				: super.createSchemaOwnedBy(schema, user);
	}

	private boolean isMysql() {
		return driver() == DatabaseDriver.MYSQL || driver() == DatabaseDriver.MARIADB;
	}

}
