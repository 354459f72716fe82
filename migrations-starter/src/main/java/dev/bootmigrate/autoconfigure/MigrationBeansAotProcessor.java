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

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Migration;

import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;

/**
 * Registers the classes of the migration beans for reflection in a native image:
 * {@link Migration#canRollback()} asks whether a migration's class, or one of its
 * superclasses, overrides {@code rollback}.
 *
 * @author the bootmigrate authors
 */
class MigrationBeansAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
		Class<?> type = ClassUtils.getUserClass(bean.getBeanType().toClass());
		if (!Migration.class.isAssignableFrom(type)) {
			return null;
		}
		return (generationContext, code) -> register(generationContext.getRuntimeHints().reflection(), type);
	}

	/**
	 * Register a migration class and its superclasses for reflection.
	 * @param hints the reflection hints
	 * @param type the class of a migration bean, or the type its factory method declares
	 */
	static void register(ReflectionHints hints, Class<?> type) {
		hints.registerType(Migration.class);
		for (Class<?> candidate = type; candidate != null
				&& candidate != Object.class; candidate = candidate.getSuperclass()) {
			hints.registerType(candidate);
		}
	}

}
