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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.util.ClassUtils;

/**
 * Keeps the entity model (Hibernate's {@link Metadata}) of each
 * {@code EntityManagerFactory} the application builds, for drift detection and the
 * {@code diff} command, and defers Hibernate's {@code ddl-auto=validate} until the
 * migrations have run: it sets {@code hibernate.hbm2ddl.auto} to {@code none} before the
 * factory is built, and remembers to validate it later. For a command that only reads,
 * such as {@code status}, it turns every schema action off, however it was asked for
 * ({@code hibernate.hbm2ddl.auto} or the {@code jakarta.persistence} properties), and the
 * creation of the tables of bulk mutations: the entities are still read, the database is
 * not changed, and differences are reported as drift rather than failing the start.
 *
 * @author the bootmigrate authors
 */
final class HibernateModels implements BeanPostProcessor, EnvironmentAware {

	private static final String VALIDATE = "validate";

	private static final String NONE = "none";

	private static final List<String> MUTATION_TABLE_STRATEGIES = List.of("global_temporary", "persistent");

	private final List<Model> models = new CopyOnWriteArrayList<>();

	private boolean readOnly;

	@Override
	public void setEnvironment(Environment environment) {
		this.readOnly = CommandEnvironmentPostProcessor.readOnlyCommand(environment);
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractEntityManagerFactoryBean factory) {
			Map<String, Object> properties = factory.getJpaPropertyMap();
			Object action = properties.get(SchemaToolingSettings.HBM2DDL_AUTO);
			boolean validate = !this.readOnly && action != null
					&& VALIDATE.equals(action.toString().strip().toLowerCase(Locale.ROOT));
			if (validate || this.readOnly) {
				properties.put(SchemaToolingSettings.HBM2DDL_AUTO, NONE);
			}
			if (this.readOnly) {
				properties.put(SchemaToolingSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, NONE);
				properties.put(SchemaToolingSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, NONE);
				// The tables of bulk mutations, which H2 and others create at startup
				for (String strategy : MUTATION_TABLE_STRATEGIES) {
					properties.put("hibernate.query.mutation_strategy." + strategy + ".create_tables", false);
					properties.put("hibernate.query.mutation_strategy." + strategy + ".drop_tables", false);
				}
			}
			Object provider = properties.get(JpaSettings.INTEGRATOR_PROVIDER);
			List<Integrator> integrators = new ArrayList<>(integrators(provider, factory.getBeanClassLoader()));
			integrators.add(new Capture(beanName, validate));
			properties.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> integrators);
		}
		return bean;
	}

	private static List<Integrator> integrators(Object provider, ClassLoader classLoader) {
		if (provider instanceof IntegratorProvider integratorProvider) {
			return integratorProvider.getIntegrators();
		}
		if (provider instanceof Class<?> type) {
			return ((IntegratorProvider) BeanUtils.instantiateClass(type)).getIntegrators();
		}
		if (provider instanceof String name && !name.isBlank()) {
			Class<?> type = ClassUtils.resolveClassName(name.strip(), classLoader);
			return ((IntegratorProvider) BeanUtils.instantiateClass(type)).getIntegrators();
		}
		return List.of();
	}

	/**
	 * Return the models of the entity manager factories built so far.
	 */
	List<Model> models() {
		return List.copyOf(this.models);
	}

	/**
	 * The entity model of one {@code EntityManagerFactory}.
	 *
	 * @param name the name of its bean
	 * @param metadata Hibernate's model of the entities and their tables
	 * @param sessionFactory the factory
	 * @param validate whether {@code ddl-auto=validate} was asked for and deferred
	 */
	record Model(String name, Metadata metadata, SessionFactoryImplementor sessionFactory, boolean validate) {

	}

	private final class Capture implements Integrator {

		private final String name;

		private final boolean validate;

		Capture(String name, boolean validate) {
			this.name = name;
			this.validate = validate;
		}

		@Override
		public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
				SessionFactoryImplementor sessionFactory) {
			HibernateModels.this.models.add(new Model(this.name, metadata, sessionFactory, this.validate));
		}

		@Override
		public void disintegrate(SessionFactoryImplementor sessionFactory,
				SessionFactoryServiceRegistry serviceRegistry) {
			HibernateModels.this.models.removeIf((model) -> model.sessionFactory() == sessionFactory);
		}

	}

}
