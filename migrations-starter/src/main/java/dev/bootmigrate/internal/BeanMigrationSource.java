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

package dev.bootmigrate.internal;

import java.util.List;

import dev.bootmigrate.Migration;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The migrations defined as Spring beans implementing {@link Migration}.
 *
 * @author the bootmigrate authors
 */
final class BeanMigrationSource implements MigrationSource {

	private final ListableBeanFactory beanFactory;

	/**
	 * Create a source of the migration beans of the given factory.
	 * @param beanFactory the bean factory
	 */
	BeanMigrationSource(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public List<Found> migrations() {
		return this.beanFactory.getBeansOfType(Migration.class)
			.entrySet()
			.stream()
			.map((bean) -> Found.bean(bean.getKey(), bean.getValue()))
			.toList();
	}

}
