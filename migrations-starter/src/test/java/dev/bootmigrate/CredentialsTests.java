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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Credentials}: the password of every JDBC URL form is masked, and
 * nothing else is.
 *
 * @author the bootmigrate authors
 */
class CredentialsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							jdbc:postgresql://app:s3cret@db:5432/app                         | jdbc:postgresql://app:****@db:5432/app
							u:secret@127.0.0.1                                               | u:****@127.0.0.1
							jdbc:mysql://app:p@ss:w0rd@db/app                                | jdbc:mysql://app:****@db/app
							jdbc:postgresql://db/app?user=app&password=secret&ssl=true        | jdbc:postgresql://db/app?user=app&password=****&ssl=true
							jdbc:postgresql://db/app?password=secret                         | jdbc:postgresql://db/app?password=****
							jdbc:postgresql://db/app?sslpassword=secret                      | jdbc:postgresql://db/app?sslpassword=****
							jdbc:h2:tcp://localhost/test;USER=sa;PASSWORD=secret;MODE=MySQL  | jdbc:h2:tcp://localhost/test;USER=sa;PASSWORD=****;MODE=MySQL
							jdbc:sqlserver://db;user=app;pwd=secret                          | jdbc:sqlserver://db;user=app;pwd=****
							jdbc:oracle:thin:scott/tiger@db:1521:orcl                        | jdbc:oracle:thin:scott/****@db:1521:orcl
							{user=app, password=secret}                                      | {user=app, password=****}
					No suitable driver found for jdbc:x://db?password=secret. Check  | No suitable driver found for jdbc:x://db?password=****. Check
							""")
	void passwordsAreMasked(String text, String masked) {
		assertThat(Credentials.mask(text)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			FATAL: password authentication failed for user "app"
			Wrong user name or password [28000-240]
			jdbc:postgresql://db:5432/app?user=app
			jdbc:h2:mem:test;DB_CLOSE_DELAY=-1
			Migration 3 "Add price" failed: column "price" already exists
			""")
	void textWithoutAPasswordIsLeftAlone(String text) {
		assertThat(Credentials.mask(text)).isEqualTo(text);
	}

}
