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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Holds back the application's own {@link ApplicationRunner} and
 * {@link CommandLineRunner} beans in command mode, so that a command runs alone, also
 * with {@code migrations.exit-after-command=false}: each stays a bean of its type, but
 * its {@code run} method does nothing.
 *
 * @author the bootmigrate authors
 */
final class HeldBackRunners implements BeanPostProcessor {

	private final List<String> names = new ArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof MigrationsCommandRunner
				|| !(bean instanceof ApplicationRunner || bean instanceof CommandLineRunner)) {
			return bean;
		}
		synchronized (this.names) {
			this.names.add(beanName);
		}
		MethodInterceptor holdBack = (invocation) -> isRun(invocation.getMethod()) ? null : invocation.proceed();
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			advised.addAdvice(0, holdBack);
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		Class<?> type = bean.getClass();
		boolean subclass = !Modifier.isFinal(type.getModifiers()) && !type.isHidden() && !type.isSynthetic();
		factory.setProxyTargetClass(subclass);
		if (!subclass) {
			factory.setInterfaces(ClassUtils.getAllInterfaces(bean));
		}
		factory.addAdvice(holdBack);
		return factory.getProxy(type.getClassLoader());
	}

	private static boolean isRun(Method method) {
		if (!"run".equals(method.getName()) || method.getParameterCount() != 1) {
			return false;
		}
		Class<?> parameter = method.getParameterTypes()[0];
		return parameter == ApplicationArguments.class || parameter == String[].class;
	}

	/**
	 * Return the names of the runners held back so far.
	 */
	List<String> names() {
		synchronized (this.names) {
			return List.copyOf(this.names);
		}
	}

}
