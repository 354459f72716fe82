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
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.HibernateSchemaManagementTool;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.TargetDescriptor;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.SchemaDifference;
import dev.bootmigrate.SchemaDriftException;

/**
 * The {@link EntitySchema} of an application whose entities Hibernate maps: compares each
 * {@code EntityManagerFactory}'s model with the database using Hibernate's own schema
 * tooling, and generates the DDL of the {@code diff} command with Hibernate's schema
 * migrator writing to a script, never to the database.
 *
 * @author the bootmigrate authors
 */
final class HibernateEntitySchema implements EntitySchema {

	private static final Log logger = LogFactory.getLog(HibernateEntitySchema.class);

	private static final String NL = System.lineSeparator();

	private static final Pattern DROP = Pattern.compile("(?is)^\\s*(drop\\b|alter\\s+table\\b.*\\bdrop\\b).*");

	private static final String NO_ENTITIES_ACTION = "Use spring-boot-starter-data-jpa with entities, or leave "
			+ "migrations.on-drift unset. An EntityManagerFactory built without Spring's "
			+ "LocalContainerEntityManagerFactoryBean cannot be compared.";

	private final HibernateModels models;

	private final Set<String> ownTables;

	HibernateEntitySchema(HibernateModels models, String historyTable) {
		this.models = models;
		this.ownTables = Set.of(historyTable.toLowerCase(Locale.ROOT), historyTable.toLowerCase(Locale.ROOT) + "_lock");
	}

	@Override
	public void verify(MigrationsProperties.DriftPolicy policy) {
		for (HibernateModels.Model model : this.models.models()) {
			if (model.validate()) {
				try {
					model.sessionFactory().getSchemaManager().validateMappedObjects();
				}
				catch (SchemaManagementException ex) {
					throw new SchemaDriftException("spring.jpa.hibernate.ddl-auto=validate", detect(model), ex);
				}
			}
		}
		if (policy == MigrationsProperties.DriftPolicy.IGNORE) {
			return;
		}
		if (this.models.models().isEmpty() && policy == MigrationsProperties.DriftPolicy.FAIL) {
			throw new MigrationCommandException(
					"migrations.on-drift=fail, but the application has no JPA EntityManagerFactory built by Spring to "
							+ "compare with the database.",
					NO_ENTITIES_ACTION);
		}
		List<SchemaDifference> differences = detect();
		if (differences.isEmpty()) {
			return;
		}
		if (policy == MigrationsProperties.DriftPolicy.FAIL) {
			throw new SchemaDriftException("migrations.on-drift=fail", differences, null);
		}
		if (logger.isWarnEnabled()) {
			StringBuilder message = new StringBuilder("The entities and the database differ after migrating (")
				.append(differences.size())
				.append((differences.size() != 1) ? " differences" : " difference")
				.append("); write a migration for them (--migrations.command=diff prints its SQL), ")
				.append("or change the entities:");
			differences.forEach((difference) -> message.append(NL).append("  - ").append(difference));
			logger.warn(message);
		}
	}

	@Override
	public List<SchemaDifference> detect() {
		List<SchemaDifference> differences = new ArrayList<>();
		this.models.models().forEach((model) -> differences.addAll(detect(model)));
		return differences;
	}

	private List<SchemaDifference> detect(HibernateModels.Model model) {
		SessionFactoryImplementor sessionFactory = model.sessionFactory();
		Map<String, Object> settings = new HashMap<>(sessionFactory.getProperties());
		DriftCollector collector = new DriftCollector(tool(sessionFactory),
				new EntityNames(model.metadata(), sessionFactory));
		collector.doValidation(model.metadata(), options(settings), ContributableMatcher.ALL);
		return collector.differences();
	}

	@Override
	public SchemaDiff diff() {
		if (this.models.models().isEmpty()) {
			throw new MigrationCommandException("The diff command compares the JPA entities with the database, and "
					+ "the application has no JPA EntityManagerFactory built by Spring.", NO_ENTITIES_ACTION);
		}
		List<String> databases = new ArrayList<>();
		List<String> statements = new ArrayList<>();
		List<String> decisions = new ArrayList<>();
		for (HibernateModels.Model model : this.models.models()) {
			SessionFactoryImplementor sessionFactory = model.sessionFactory();
			for (String statement : generate(model)) {
				if (DROP.matcher(statement).matches()) {
					decisions.add("Hibernate would run: " + statement.replaceAll("\\s+", " "));
				}
				else {
					statements.add(statement);
				}
			}
			for (SchemaDifference difference : detect(model)) {
				switch (difference.kind()) {
					case COLUMN_TYPE -> decisions.add(difference
							+ ": change the column's type in a migration (converting its values), or the field's mapping");
					case COLUMN_NULLABILITY -> decisions.add(difference
							+ ": once no row holds NULL, make the column NOT NULL in a migration, or let the field be null");
					case SEQUENCE_INCREMENT -> decisions.add(difference
							+ ": alter the sequence's increment in a migration, or the generator's allocationSize");
					default -> {
					}
				}
			}
			databases.add(unmapped(model, decisions) + " ("
					+ sessionFactory.getJdbcServices().getDialect().getClass().getSimpleName() + ")");
		}
		return new SchemaDiff(String.join(", ", databases), statements, decisions);
	}

	/**
	 * Return the statements Hibernate's schema migrator ({@code ddl-auto=update}) would
	 * run, written to a script instead of the database.
	 */
	private List<String> generate(HibernateModels.Model model) {
		SessionFactoryImplementor sessionFactory = model.sessionFactory();
		Map<String, Object> settings = new HashMap<>(sessionFactory.getProperties());
		// Hibernate drops and re-creates a unique key it cannot find by name by default
		settings.put(SchemaToolingSettings.UNIQUE_CONSTRAINT_SCHEMA_UPDATE_STRATEGY, "RECREATE_QUIETLY");
		settings.put(JdbcSettings.FORMAT_SQL, true);
		settings.remove(SchemaToolingSettings.HBM2DDL_DELIMITER);
		List<String> statements = new ArrayList<>();
		ScriptTargetOutput script = new ScriptTargetOutput() {

			@Override
			public void prepare() {
			}

			@Override
			public void accept(String command) {
				String statement = command.strip();
				while (statement.endsWith(";")) {
					statement = statement.substring(0, statement.length() - 1).strip();
				}
				if (!statement.isEmpty()) {
					statements.add(statement);
				}
			}

			@Override
			public void release() {
			}

		};
		TargetDescriptor target = new TargetDescriptor() {

			@Override
			public EnumSet<TargetType> getTargetTypes() {
				return EnumSet.of(TargetType.SCRIPT);
			}

			@Override
			public ScriptTargetOutput getScriptTargetOutput() {
				return script;
			}

		};
		tool(sessionFactory).getSchemaMigrator(settings)
			.doMigration(model.metadata(), options(settings), ContributableMatcher.ALL, target);
		return statements;
	}

	/**
	 * Add the tables and columns of the entities' schema that no entity maps, as drops
	 * for a human to decide, and return the database's name.
	 */
	private String unmapped(HibernateModels.Model model, List<String> decisions) {
		Map<String, Set<String>> mapped = new HashMap<>();
		Metadata metadata = model.metadata();
		for (Table table : metadata.getDatabase().getDefaultNamespace().getTables()) {
			Set<String> columns = mapped.computeIfAbsent(table.getName().toLowerCase(Locale.ROOT),
					(name) -> new LinkedHashSet<>());
			for (Column column : table.getColumns()) {
				columns.add(column.getName().toLowerCase(Locale.ROOT));
			}
		}
		JdbcConnectionAccess access = model.sessionFactory().getJdbcServices().getBootstrapJdbcConnectionAccess();
		try {
			Connection connection = access.obtainConnection();
			try {
				DatabaseMetaData metaData = connection.getMetaData();
				String catalog = connection.getCatalog();
				String schema = connection.getSchema();
				Map<String, String> tables = new LinkedHashMap<>();
				try (ResultSet rows = metaData.getTables(catalog, schema, "%", null)) {
					while (rows.next()) {
						String type = rows.getString("TABLE_TYPE");
						if ("TABLE".equalsIgnoreCase(type) || "BASE TABLE".equalsIgnoreCase(type)) {
							String name = rows.getString("TABLE_NAME");
							tables.put(name.toLowerCase(Locale.ROOT), name);
						}
					}
				}
				tables.forEach((key, name) -> {
					if (!mapped.containsKey(key) && !this.ownTables.contains(key)) {
						decisions.add("Table " + name
								+ " is not mapped by any entity; if nothing uses it any more: DROP TABLE " + name);
					}
				});
				try (ResultSet rows = metaData.getColumns(catalog, schema, "%", "%")) {
					while (rows.next()) {
						String table = rows.getString("TABLE_NAME");
						String column = rows.getString("COLUMN_NAME");
						Set<String> columns = mapped.get(table.toLowerCase(Locale.ROOT));
						if (columns != null && !columns.contains(column.toLowerCase(Locale.ROOT))) {
							decisions.add("Column " + table + "." + column
									+ " is not mapped by any entity; if nothing uses it any more: ALTER TABLE " + table
									+ " DROP COLUMN " + column);
						}
					}
				}
				return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
			}
			finally {
				access.releaseConnection(connection);
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Could not read the database's tables and columns: " + ex.getMessage(), ex);
		}
	}

	private static HibernateSchemaManagementTool tool(SessionFactoryImplementor sessionFactory) {
		SchemaManagementTool tool = sessionFactory.getServiceRegistry().requireService(SchemaManagementTool.class);
		if (tool instanceof HibernateSchemaManagementTool hibernateTool) {
			return hibernateTool;
		}
		throw new MigrationException("Hibernate's schema management tool was replaced by " + tool.getClass().getName()
				+ ": the starter compares the entities with the database using Hibernate's own");
	}

	private static ExecutionOptions options(Map<String, Object> settings) {
		return SchemaManagementToolCoordinator.buildExecutionOptions(settings, (ex) -> {
			throw ex;
		});
	}

}
