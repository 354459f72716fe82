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
package dev.bootmigrate.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The SQL files of a workload as an application ships them: {@code V<i>__create_t<i>.sql}
 * in {@code db/migration} of a jar on the class path, which a class loader of its own
 * sees. Written untimed, when a contender is prepared.
 *
 * @author the bootmigrate authors
 */
final class SqlJar implements Closeable {

	/**
	 * The location of the files in the jar, Flyway's and the starter's default.
	 */
	static final String LOCATION = "db/migration/";

	private final URLClassLoader classLoader;

	private SqlJar(URLClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Write the files of the workload to a jar in the given directory.
	 * @param workload the migrations
	 * @param directory where the jar goes
	 * @return the jar, with a class loader that sees it
	 * @throws IOException on failure
	 */
	static SqlJar write(Workload workload, Path directory) throws IOException {
		Path jar = directory.resolve("migrations.jar");
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
			// With their directories, as build tools write them
			for (String entry : List.of("db/", LOCATION)) {
				output.putNextEntry(new JarEntry(entry));
				output.closeEntry();
			}
			for (int i = 1; i <= workload.size(); i++) {
				output.putNextEntry(new JarEntry(LOCATION + fileName(i)));
				output.write((workload.sql(i) + ";\n").getBytes(StandardCharsets.UTF_8));
				output.closeEntry();
			}
		}
		return new SqlJar(new URLClassLoader(new URL[] { jar.toUri().toURL() }, SqlJar.class.getClassLoader()));
	}

	static String fileName(int i) {
		return "V" + i + "__create_t" + i + ".sql";
	}

	/**
	 * Return the class loader that sees the jar.
	 * @return the class loader
	 */
	ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * List and read the files of the location, the least any tool must do: one listing of
	 * the jar's entries under the location, and one read of each.
	 * @return the files, by name
	 * @throws IOException on failure
	 */
	List<File> read() throws IOException {
		List<File> files = new ArrayList<>();
		for (URL root : Collections.list(this.classLoader.getResources(LOCATION))) {
			JarURLConnection connection = (JarURLConnection) root.openConnection();
			connection.setUseCaches(false);
			try (JarFile jar = connection.getJarFile()) {
				for (JarEntry entry : Collections.list(jar.entries())) {
					String name = entry.getName();
					if (name.startsWith(LOCATION) && name.endsWith(".sql")) {
						try (InputStream input = jar.getInputStream(entry)) {
							files.add(new File(name.substring(LOCATION.length()), input.readAllBytes()));
						}
					}
				}
			}
		}
		return files;
	}

	@Override
	public void close() throws IOException {
		this.classLoader.close();
	}

	/**
	 * A file of the location.
	 *
	 * @param name its name
	 * @param content its bytes
	 */
	record File(String name, byte[] content) {

		/**
		 * Return the version its name declares.
		 * @return the version
		 */
		String version() {
			return this.name.substring(1, this.name.indexOf("__"));
		}

	}

}
