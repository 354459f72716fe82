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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a migration run did.
 *
 * @param applied the migrations this run applied, in order
 * @param currentVersion the highest applied version that the application knows after the
 * run, or {@code null}
 * @param pendingAfter how many known migrations are still pending after the run
 * @param elapsed how long the run took
 * @param skipped the migrations among those applied that found nothing to do
 * ({@link MigrationContext#skip(String)}), in order, each with its reason
 * @author the bootmigrate authors
 */
public record MigrateResult(List<MigrationRef> applied, @Nullable String currentVersion, int pendingAfter,
		Duration elapsed, Map<MigrationRef, String> skipped) {

}
