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
package dev.bootmigrate.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bootmigrate.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Separate JVM processes running {@link ClusterApplication} on one {@link TestDatabase},
 * each writing its output to a log file of its own.
 *
 * @author the bootmigrate authors
 */
final class ClusterNodes {

	private final TestDatabase database;

	ClusterNodes(TestDatabase database) {
		this.database = database;
	}

	/**
	 * Start a node.
	 * @param name the node's name, its application name and that of its log
	 * @param args more arguments of the application
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	Process start(String name, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"),
				ClusterApplication.class.getName()));
		command.addAll(ClusterStartupTests.arguments(this.database.springProperties()));
		command.add("--spring.application.name=" + name);
		command.addAll(List.of(args));
		File log = log(name).toFile();
		Files.createDirectories(log.toPath().getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/**
	 * Return the log file of a node.
	 * @param name the node's name
	 * @return the file
	 */
	Path log(String name) {
		return Path.of("target", "cluster-nodes", this.database.schema() + "-" + name + ".log");
	}

	/**
	 * Return what a node has logged so far.
	 * @param name the node's name
	 * @return its output
	 * @throws IOException if it cannot be read
	 */
	String output(String name) throws IOException {
		return Files.readString(log(name));
	}

	/**
	 * Wait until the slow migration of the given node has logged itself and waits.
	 * @param node the node
	 * @param name the node's name
	 */
	void awaitSlowMigrationRunning(Process node, String name) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertThat(node.isAlive()).as("node is alive, see %s", log(name)).isTrue();
			return output(name).contains(ClusterApplication.SLOW_MIGRATION_RUNNING);
		});
	}

	/**
	 * Send a signal to a process.
	 * @param process the process
	 * @param signal the signal, such as {@code STOP} or {@code CONT}
	 * @throws Exception on failure
	 */
	static void signal(Process process, String signal) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
	}

}
