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

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account API.
 *
 * @author the bootmigrate authors
 */
@RestController
@RequestMapping("/accounts")
class AccountController {

	private final AccountRepository accounts;

	AccountController(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	List<Account> list() {
		return this.accounts.findAll();
	}

	@GetMapping("/{username}")
	ResponseEntity<Account> get(@PathVariable String username) {
		return ResponseEntity.of(this.accounts.findByUsername(username));
	}

	@PostMapping
	ResponseEntity<Account> create(@RequestBody NewAccount account) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.accounts.save(new Account(account.username(), account.email())));
	}

	record NewAccount(String username, String email) {
	}

}
