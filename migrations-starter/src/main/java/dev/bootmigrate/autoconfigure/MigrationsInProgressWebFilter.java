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

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive counterpart of {@link MigrationsInProgressFilter}.
 *
 * @author the bootmigrate authors
 */
final class MigrationsInProgressWebFilter implements WebFilter, Ordered {

	private final StartupGate gate;

	private final String healthPath;

	private final @Nullable String migrationsPath;

	MigrationsInProgressWebFilter(StartupGate gate, String healthPath, @Nullable String migrationsPath) {
		this.gate = gate;
		this.healthPath = healthPath;
		this.migrationsPath = migrationsPath;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.gate.isOpen() || MigrationsInProgressFilter.isLetThrough(this.healthPath, this.migrationsPath,
				exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", MigrationsInProgressFilter.RETRY_AFTER_SECONDS);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		DataBuffer body = response.bufferFactory()
			.wrap(MigrationsInProgressFilter.MESSAGE.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
