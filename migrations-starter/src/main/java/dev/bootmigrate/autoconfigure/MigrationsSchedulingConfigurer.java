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

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Holds back {@code @Scheduled} tasks until the migrations have committed.
 * <p>
 * Spring schedules tasks on {@code ContextRefreshedEvent}, before any
 * {@code ApplicationRunner} runs, so a runner alone cannot keep a task from seeing the
 * schema before it is migrated. Ordered last among the {@link SchedulingConfigurer}s,
 * this one wraps whatever scheduler the registrar ended up with (Boot's, a user's
 * {@code TaskScheduler} or {@code ScheduledExecutorService}, one set by another
 * configurer) in a {@link DeferringTaskScheduler} that the {@link StartupGate} releases.
 * Contexts that never call runners, because they were not started by
 * {@code SpringApplication}, are left alone.
 *
 * @author the bootmigrate authors
 */
final class MigrationsSchedulingConfigurer implements SchedulingConfigurer, Ordered, BeanFactoryAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(MigrationsSchedulingConfigurer.class);

	/**
	 * The bean that {@code SpringApplication} registers, and only it: its presence means
	 * that runners will be called.
	 */
	private static final String APPLICATION_ARGUMENTS_BEAN = "springApplicationArguments";

	private final StartupGate gate;

	private @Nullable BeanFactory beanFactory;

	private @Nullable DeferringTaskScheduler scheduler;

	private @Nullable ScheduledExecutorService localExecutor;

	MigrationsSchedulingConfigurer(StartupGate gate) {
		this.gate = gate;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.gate.isOpen() || this.beanFactory == null
				|| !this.beanFactory.containsBean(APPLICATION_ARGUMENTS_BEAN)) {
			return;
		}
		TaskScheduler target = registrar.getScheduler();
		if (target == null) {
			this.localExecutor = Executors.newSingleThreadScheduledExecutor();
			target = new ConcurrentTaskScheduler(this.localExecutor);
		}
		DeferringTaskScheduler scheduler = new DeferringTaskScheduler(target);
		registrar.setTaskScheduler(scheduler);
		this.scheduler = scheduler;
		logger.debug("Holding back scheduled tasks until migrations have committed");
		this.gate.whenOpen(() -> {
			if (logger.isDebugEnabled()) {
				logger.debug("Releasing " + scheduler.heldCount() + " scheduled task(s)");
			}
			scheduler.release();
		});
	}

	@Override
	public void destroy() {
		if (this.scheduler != null) {
			this.scheduler.discard();
		}
		if (this.localExecutor != null) {
			this.localExecutor.shutdownNow();
		}
	}

}
