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

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the test support tells the developer on the build's console: the process's own
 * standard error, which Maven's console shows even where Surefire redirects the tests'
 * output to files, once per test JVM for each message.
 *
 * @author the bootmigrate authors
 */
final class TestConsole {

	private static final Set<String> printed = ConcurrentHashMap.newKeySet();

	@SuppressWarnings("resource")
	private static final PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
			StandardCharsets.UTF_8);

	private TestConsole() {
	}

	/**
	 * Print a message on the console, and to {@code System.err} (the test's report), the
	 * first time only.
	 * @param message the message
	 */
	static void printOnce(String message) {
		if (printed.add(message)) {
			console.println(message);
			if (System.err != console) {
				System.err.println(message);
			}
		}
	}

	/**
	 * Return whether a server answers at the given URL, giving up after two seconds.
	 * @param url the JDBC URL, with its user
	 * @return whether a connection could be opened
	 */
	static boolean answers(String url) {
		DriverManager.setLoginTimeout(2);
		try (Connection connection = DriverManager.getConnection(url)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
		finally {
			DriverManager.setLoginTimeout(0);
		}
	}

}
