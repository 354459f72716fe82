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

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@code 503 Service Unavailable} with {@code Retry-After} to every request but
 * the health endpoints and the migrations endpoint until the migrations have committed:
 * the web server starts before {@code ApplicationRunner}s run, so requests could
 * otherwise reach code that expects the migrated schema.
 *
 * @author the bootmigrate authors
 */
final class MigrationsInProgressFilter implements Filter {

	static final String RETRY_AFTER_SECONDS = "5";

	static final String MESSAGE = "Database migrations are being applied; try again shortly.";

	private final StartupGate gate;

	private final String healthPath;

	private final @Nullable String migrationsPath;

	MigrationsInProgressFilter(StartupGate gate, String healthPath, @Nullable String migrationsPath) {
		this.gate = gate;
		this.healthPath = healthPath;
		this.migrationsPath = migrationsPath;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (this.gate.isOpen() || !(request instanceof HttpServletRequest http)
				|| isLetThrough(http.getRequestURI().substring(http.getContextPath().length()))) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletResponse httpResponse = (HttpServletResponse) response;
		httpResponse.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		httpResponse.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		httpResponse.setContentType("text/plain;charset=UTF-8");
		httpResponse.getWriter().write(MESSAGE);
	}

	private boolean isLetThrough(String path) {
		return isLetThrough(this.healthPath, this.migrationsPath, path);
	}

	static boolean isLetThrough(String healthPath, @Nullable String migrationsPath, String path) {
		return isHealth(healthPath, path) || path.equals(migrationsPath);
	}

	static boolean isHealth(String healthPath, String path) {
		return path.equals(healthPath) || path.startsWith(healthPath + "/");
	}

}
