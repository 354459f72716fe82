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
package dev.bootmigrate.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a {@link PostgresSchema} of its own, dropped after the test (the
 * extension store closes it). Without a PostgreSQL server the tests are skipped with a
 * loud message, except when the {@code CI} environment variable is set: then they fail,
 * so that CI never passes without having run them.
 *
 * @author the bootmigrate authors
 */
public class PostgresExtension implements ExecutionCondition, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PostgresExtension.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (PostgresServer.get() != null) {
			return ConditionEvaluationResult.enabled("PostgreSQL is available");
		}
		String reason = PostgresServer.unavailableReason();
		if (System.getenv("CI") != null) {
			throw new IllegalStateException(reason + " (CI is set, so PostgreSQL tests must run)");
		}
		System.err.println("*** SKIPPING POSTGRESQL TESTS: " + reason + " ***");
		return ConditionEvaluationResult.disabled(reason);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PostgresSchema.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		PostgresSchema schema = PostgresServer.get().createSchema();
		extensionContext.getStore(NAMESPACE).put(schema.name(), schema);
		return schema;
	}

}
