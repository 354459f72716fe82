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

/**
 * Opens once the migrations have committed at startup: holds back scheduled tasks and web
 * requests until then.
 *
 * @author the bootmigrate authors
 */
final class StartupGate {

	private final Object monitor = new Object();

	private final List<Runnable> onOpen = new ArrayList<>();

	private volatile boolean open;

	/**
	 * Whether the migrations have committed.
	 */
	boolean isOpen() {
		return this.open;
	}

	/**
	 * Run the given action when the gate opens, or now if it is open.
	 */
	void whenOpen(Runnable action) {
		synchronized (this.monitor) {
			if (!this.open) {
				this.onOpen.add(action);
				return;
			}
		}
		action.run();
	}

	void open() {
		List<Runnable> actions;
		synchronized (this.monitor) {
			if (this.open) {
				return;
			}
			this.open = true;
			actions = new ArrayList<>(this.onOpen);
			this.onOpen.clear();
		}
		actions.forEach(Runnable::run);
	}

}
