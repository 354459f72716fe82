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

package dev.bootmigrate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import dev.bootmigrate.internal.DefaultMigrationEngine;
import dev.bootmigrate.internal.MigrationSource;
import dev.bootmigrate.internal.sql.SqlMigrationSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter's architecture, checked on its compiled classes: the public API, the
 * engine, the wiring and the endpoint depend on each other in one direction only.
 *
 * @author the bootmigrate authors
 */
class ArchitectureTests {

	/**
	 * The only types of the engine that other packages may use: the engine's
	 * implementation of the facade, with its settings, the migration-source seam, and the
	 * source of SQL-file migrations, with its settings.
	 */
	private static final DescribedPredicate<JavaClass> ENGINE_ENTRY_POINTS = JavaClass.Predicates
		.belongToAnyOf(DefaultMigrationEngine.class, MigrationSource.class, SqlMigrationSource.class);

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.bootmigrate");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.bootmigrate.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void publicApiDoesNotDependOnTheEngineTheWiringOrTheEndpoint() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.bootmigrate.internal..", "dev.bootmigrate.autoconfigure..",
					"dev.bootmigrate.actuate..")
			.check(classes);
	}

	@Test
	void wiringReachesTheEngineOnlyThroughItsEntryPoints() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate.autoconfigure..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.bootmigrate.internal..")
				.and(DescribedPredicate.not(ENGINE_ENTRY_POINTS)))
			.check(classes);
	}

	@Test
	void endpointUsesOnlyThePublicApi() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate.actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.bootmigrate.internal..")
			.check(classes);
	}

	@Test
	void engineIsPublicOnlyThroughItsEntryPoints() {
		classes().that()
			.resideInAPackage("dev.bootmigrate.internal")
			.and()
			.arePublic()
			.should(beOneOf(ENGINE_ENTRY_POINTS))
			.check(classes);
	}

	@Test
	void engineDoesNotDependOnTheWiringOrTheEndpoint() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.bootmigrate.autoconfigure..", "dev.bootmigrate.actuate..")
			.check(classes);
	}

	@Test
	void engineDoesNotDependOnTheSqlFileMigrationsBuiltOnIt() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate.internal")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.bootmigrate.internal.sql..")
			.check(classes);
	}

	@Test
	void endpointDoesNotDependOnTheWiring() {
		noClasses().that()
			.resideInAPackage("dev.bootmigrate.actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.bootmigrate.autoconfigure..")
			.check(classes);
	}

	@Test
	void autoConfigurationsArePublicAndFinal() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
			.check(classes);
	}

	@Test
	void beanMethodsAreNotPublic() {
		methods().that().areAnnotatedWith(Bean.class).should().notBePublic().check(classes);
	}

	@Test
	void noFieldInjectionAndNoComponentScan() {
		fields().should().notBeAnnotatedWith(Autowired.class).check(classes);
		noClasses().should().beAnnotatedWith(ComponentScan.class).check(classes);
	}

	@Test
	void exceptionsUsersCatchLiveInThePublicApi() {
		classes().that()
			.areAssignableTo(RuntimeException.class)
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should()
			.resideInAPackage("dev.bootmigrate")
			.check(classes);
	}

	@Test
	void everyPackageIsNullMarked() {
		classes().should(beInANullMarkedPackage()).check(classes);
	}

	private static ArchCondition<JavaClass> beOneOf(DescribedPredicate<JavaClass> allowed) {
		return new ArchCondition<>("be one of " + allowed.getDescription()) {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean ok = allowed.test(type);
				events.add(new SimpleConditionEvent(type, ok,
						type.getName() + (ok ? " is " : " is not ") + allowed.getDescription()));
			}

		};
	}

	private static ArchCondition<JavaClass> beInANullMarkedPackage() {
		return new ArchCondition<>("be in a package annotated @NullMarked") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				JavaPackage javaPackage = type.getPackage();
				boolean marked = javaPackage.isAnnotatedWith(NullMarked.class);
				events.add(new SimpleConditionEvent(type, marked, type.getName() + (marked ? " is" : " is not")
						+ " in a @NullMarked package (" + javaPackage.getName() + "/package-info.java)"));
			}

		};
	}

}
