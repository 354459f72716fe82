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
package dev.bootmigrate.sample;

import org.junit.jupiter.api.Test;

import dev.bootmigrate.test.MigrationChecklist;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

/**
 * The pre-deploy checklist of the sample app's migrations, in code: starting from the
 * legacy account table they were written for, each applies, the entities then match the
 * database, each reversible one rolls back to exactly the schema before it, and they all
 * apply again.
 *
 * @author the bootmigrate authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "migrations.auto-migrate=false", "spring.jpa.hibernate.ddl-auto=none",
				"spring.datasource.url=jdbc:h2:mem:checklist;DB_CLOSE_DELAY=-1",
				"spring.sql.init.schema-locations=classpath:legacy-schema.sql", "sample.digest-rate=1h" })
class SampleMigrationChecklistTests {

	@Test
	void migrationsAreReadyToDeploy(@Autowired ApplicationContext context) {
		MigrationChecklist.verify(context);
	}

}
