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
package dev.bootmigrate.sample.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account. Hibernate creates and extends its table ({@code ddl-auto=update}); the
 * constraints it cannot add to a table that already has rows (username required and
 * unique, email optional) and the settings column come from migrations.
 *
 * @author the bootmigrate authors
 */
@Entity
@Table(name = "account")
public class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	/**
	 * Required and unique since migrations 3 and 4; Hibernate adds the column as
	 * nullable, which is all it can do on a table that has rows.
	 */
	@Column(length = 100)
	private String username;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	protected Account() {
	}

	public Account(String username, String email) {
		this.username = username;
		this.email = email;
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public String getUsername() {
		return this.username;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
