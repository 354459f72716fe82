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
package dev.bootmigrate.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.SchemaDifference;
import dev.bootmigrate.SchemaDriftDetector;

import org.springframework.context.ApplicationContext;

/**
 * The pre-deploy checklist of an application's migrations, run in a test on the test's
 * real database, starting from a schema with no migration applied:
 * <ol>
 * <li>applies every migration, one at a time, taking a snapshot of the schema before
 * each;</li>
 * <li>asserts that the JPA entities and the database agree (when the application uses JPA
 * with Hibernate);</li>
 * <li>rolls back each reversible migration, newest first, asserting after each that the
 * schema is exactly what it was before that migration: tables, views, sequences, columns
 * with their types, nullability and defaults, primary keys, indexes and foreign
 * keys;</li>
 * <li>applies them all again, asserting that the schema is the same as after the first
 * pass.</li>
 * </ol>
 * Rolling back stops at the newest migration that cannot be rolled back. A failure is an
 * {@link AssertionError} that names each migration and each difference. Run it in a test
 * whose application starts with {@code migrations.auto-migrate=false}:
 *
 * <pre class="code">
 * &#64;SpringBootTest(properties = "migrations.auto-migrate=false")
 * class MigrationChecklistTests {
 *
 * 	&#64;Test
 * 	void migrationsAreReadyToDeploy(&#64;Autowired ApplicationContext context) {
 * 		MigrationChecklist.verify(context);
 * 	}
 *
 * }
 * </pre>
 *
 * @author the bootmigrate authors
 */
public final class MigrationChecklist {

	private static final String NL = System.lineSeparator();

	private final MigrationEngine engine;

	private final DataSource dataSource;

	private final SchemaDriftDetector driftDetector;

	private final List<String> failures = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private MigrationChecklist(MigrationEngine engine, DataSource dataSource, SchemaDriftDetector driftDetector) {
		this.engine = engine;
		this.dataSource = dataSource;
		this.driftDetector = driftDetector;
	}

	/**
	 * Run the checklist on the migrations, the database and the entities of the given
	 * application, which has applied no migration yet.
	 * @param context the application's context
	 * @throws AssertionError naming each migration that failed a check, and how
	 */
	public static void verify(ApplicationContext context) {
		SchemaDriftDetector driftDetector = context.getBeanProvider(SchemaDriftDetector.class).getIfAvailable();
		new MigrationChecklist(context.getBean(MigrationEngine.class), context.getBean(DataSource.class),
				(driftDetector != null) ? driftDetector : List::of)
			.run(driftDetector != null);
	}

	private void run(boolean compareEntities) {
		MigrationsInfo start = this.engine.status();
		if (start.appliedCount() > 0) {
			throw new AssertionError("The migration checklist starts from a database with no migration applied, and "
					+ start.table() + " records " + start.appliedCount() + ". Start the test's application with "
					+ "migrations.auto-migrate=false, on a database of its own (an embedded or a Testcontainers "
					+ "database).");
		}
		Set<String> ignored = ignoredTables(start.table());
		List<MigrationRef> migrations = this.engine.migrations();
		List<SchemaSnapshot> before = new ArrayList<>();
		for (MigrationRef migration : migrations) {
			before.add(SchemaSnapshot.read(this.dataSource, ignored));
			try {
				this.engine.migrate(migration.version());
			}
			catch (MigrationException ex) {
				fail("Migration " + migration + " failed on the schema the migrations before it built: "
						+ ex.getMessage());
				throw report();
			}
		}
		SchemaSnapshot applied = SchemaSnapshot.read(this.dataSource, ignored);
		if (compareEntities) {
			List<SchemaDifference> drift = this.driftDetector.detect();
			if (!drift.isEmpty()) {
				fail("After every migration, the entities and the database differ: write the missing migration "
						+ "(--migrations.command=diff prints its SQL)" + bullets(drift));
			}
		}
		else {
			this.notes.add("The entities were not compared with the database: the application has no JPA with "
					+ "Hibernate.");
		}
		int rolledBack = rollBack(migrations, before, ignored);
		if (rolledBack < 0) {
			throw report();
		}
		if (rolledBack > 0) {
			try {
				this.engine.migrate(null);
			}
			catch (MigrationException ex) {
				fail("Applying the rolled-back migrations again failed: " + ex.getMessage());
				throw report();
			}
			List<String> differences = SchemaSnapshot.read(this.dataSource, ignored).differencesFrom(applied);
			if (!differences.isEmpty()) {
				fail("After rolling back and applying the migrations again, the schema differs from the first time"
						+ bullets(differences));
			}
		}
		if (!this.failures.isEmpty()) {
			throw report();
		}
	}

	/**
	 * Roll back each reversible migration, newest first, and compare the schema with the
	 * one before it; return how many were rolled back, or -1 if a rollback failed.
	 */
	private int rollBack(List<MigrationRef> migrations, List<SchemaSnapshot> before, Set<String> ignored) {
		List<MigrationInfo> states = this.engine.status().migrations();
		int rolledBack = 0;
		for (int i = migrations.size() - 1; i >= 0; i--) {
			MigrationRef migration = migrations.get(i);
			boolean reversible = states.stream()
				.anyMatch((state) -> state.ref().equals(migration) && state.canRollback());
			if (!reversible) {
				this.notes.add("Migration " + migration + " cannot be rolled back: it and the "
						+ "migrations before it were not rolled back.");
				return rolledBack;
			}
			try {
				this.engine.rollback(null, 1);
			}
			catch (MigrationException ex) {
				fail("Rolling back migration " + migration + " failed: " + ex.getMessage());
				return -1;
			}
			rolledBack++;
			List<String> differences = SchemaSnapshot.read(this.dataSource, ignored).differencesFrom(before.get(i));
			if (!differences.isEmpty()) {
				fail("Rolling back migration " + migration + " does not return the schema to what it was before it"
						+ bullets(differences));
			}
		}
		return rolledBack;
	}

	private void fail(String failure) {
		this.failures.add(failure);
	}

	private AssertionError report() {
		StringBuilder report = new StringBuilder("The migration checklist failed:");
		this.failures.forEach((failure) -> report.append(NL).append(NL).append(failure));
		if (!this.notes.isEmpty()) {
			report.append(NL).append(NL).append("Notes:").append(bullets(this.notes));
		}
		return new AssertionError(report.toString());
	}

	private static String bullets(List<?> items) {
		StringBuilder bullets = new StringBuilder(":");
		items.forEach((item) -> bullets.append(NL).append("  - ").append(item));
		return bullets.toString();
	}

	private static Set<String> ignoredTables(String historyTable) {
		String table = historyTable.substring(historyTable.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return Set.of(table, table + "_lock");
	}

}
