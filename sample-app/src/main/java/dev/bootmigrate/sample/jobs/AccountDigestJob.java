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
package dev.bootmigrate.sample.jobs;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Logs a digest of the accounts every minute, by username and with their settings. It
 * reads columns that migrations create or fill, and starts at once
 * ({@code initialDelay = 0}): it relies on the starter to hold it back until the
 * migrations have committed.
 *
 * @author the bootmigrate authors
 */
@Component
public class AccountDigestJob {

	private static final Log logger = LogFactory.getLog(AccountDigestJob.class);

	private final JdbcClient jdbc;

	private volatile int runs;

	public AccountDigestJob(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedRateString = "${sample.digest-rate:60s}", initialDelay = 0)
	public void logDigest() {
		List<String> usernames = this.jdbc
			.sql("SELECT username FROM account WHERE settings IS NOT NULL ORDER BY username")
			.query(String.class)
			.list();
		this.runs++;
		logger.info("Account digest: " + usernames.size() + " account(s): " + String.join(", ", usernames));
	}

	/**
	 * Return how many times the digest ran.
	 * @return the number of runs
	 */
	public int runs() {
		return this.runs;
	}

}
