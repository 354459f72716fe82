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
package dev.bootmigrate.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The engine's session-level lock on the history table {@code schema_migrations} of a
 * {@link TestDatabase}, as another session sees it: who holds it, who is applying a
 * migration under it, and how an operator ends the holder's session.
 *
 * @author the bootmigrate authors
 */
public interface LockSessions {

	/**
	 * Open a session of its own that takes the lock as the engine does and holds it until
	 * it is closed.
	 * @return the session
	 * @throws SQLException on failure, or if the lock is taken
	 */
	Holder hold() throws SQLException;

	/**
	 * Return whether the lock is free: no session holds it.
	 * @return whether it is free
	 * @throws SQLException on failure
	 */
	boolean isFree() throws SQLException;

	/**
	 * Return the id of the session holding the lock.
	 * @return the id, or 0 if none
	 * @throws SQLException on failure
	 */
	long holder() throws SQLException;

	/**
	 * End the session that holds the lock, as an operator would, and return once the
	 * server no longer shows it as the holder: ending a session is asynchronous on every
	 * server ({@code KILL} and {@code pg_terminate_backend} return before the session has
	 * released its locks).
	 * @return whether a session held it
	 * @throws SQLException on failure
	 */
	boolean endHolder() throws SQLException;

	/**
	 * Wait, up to ten seconds, until the given session no longer holds the lock.
	 * @param id the session that was ended
	 * @throws SQLException on failure, or if the session still holds the lock
	 */
	default void awaitEnded(long id) throws SQLException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (holder() == id) {
			if (System.nanoTime() > deadline) {
				throw new SQLException("Session " + id + " still holds the lock 10 s after it was ended");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException(ex);
			}
		}
	}

	/**
	 * Return the id of the session applying a migration, marked as such by the engine.
	 * @return the id, or 0 if none
	 * @throws SQLException on failure
	 */
	long migrating() throws SQLException;

	/**
	 * Return the start of the lock's description in the engine's reports, such as
	 * "PostgreSQL advisory lock 42".
	 * @return the description
	 */
	String lockDescription();

	/**
	 * Return how the engine's reports name the session of the given id, such as
	 * "PostgreSQL backend pid 42".
	 * @param id the session id
	 * @return the name
	 */
	String session(long id);

	/**
	 * Return the statement that the engine's lock-timeout report suggests to end a
	 * session.
	 * @return the statement's name
	 */
	String endSessionStatement();

	/**
	 * A session holding the lock.
	 *
	 * @param connection its connection
	 * @param id its session id
	 */
	record Holder(Connection connection, long id) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

}
