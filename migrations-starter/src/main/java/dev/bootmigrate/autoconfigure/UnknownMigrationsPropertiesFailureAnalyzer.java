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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports the properties under {@code migrations.*} that the starter does not know, each
 * with where it was set and the property probably meant.
 *
 * @author the bootmigrate authors
 */
class UnknownMigrationsPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownMigrationsPropertiesException> {

	private static final String NL = System.lineSeparator();

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownMigrationsPropertiesException cause) {
		StringBuilder description = new StringBuilder(
				"The migrations starter does not know these properties, which would be ignored, so the application "
						+ "was not started and nothing was done:" + NL);
		cause.getProperties().forEach((property) -> description.append(NL).append("    - ").append(property));
		return new FailureAnalysis(description.toString(),
				"Correct each property's name (docs/configuration.md lists every property), or remove it. To only "
						+ "log unknown properties instead, set " + UnknownPropertiesEnvironmentPostProcessor.PROPERTY
						+ "=warn.",
				cause);
	}

}
