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

import java.util.List;

/**
 * What a repair changed.
 *
 * @param table the history table that was repaired
 * @param realigned the applied migrations whose recorded checksum or description was
 * updated to the code's
 * @param cleared the migrations recorded as failed whose records were removed: they run
 * again at the next start
 * @param removed the rows of unknown versions that were removed
 * @param unknownKept the unknown versions left in place because their removal was not
 * asked for
 * @author the bootmigrate authors
 */
public record RepairResult(String table, List<MigrationRef> realigned, List<MigrationRef> cleared,
		List<MigrationRef> removed, List<MigrationRef> unknownKept) {

}
