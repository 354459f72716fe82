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
package dev.bootmigrate.autoconfigure.startup;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user, whose table Hibernate creates.
 *
 * @author the bootmigrate authors
 */
@Entity
@Table(name = "app_user")
public class AppUser {

	@Id
	private Long id;

	private String email;

	protected AppUser() {
	}

	public AppUser(Long id, String email) {
		this.id = id;
		this.email = email;
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

}
