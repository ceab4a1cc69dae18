/**
 * Keeps our long-running threads alive: {@link org.syncspool.supervisor.Supervisor} is a
 * {@link org.syncspool.time.Scheduler} whose threads, when their body throws instead of
 * returning, are logged at ERROR with the cause, counted ({@code syncspool_thread_deaths_total})
 * and run again after a backoff. A thread whose restart cannot be safe (the watcher: events it
 * read but did not journal would be lost) ends the process with exit 70 instead, so the unit
 * restarts it and the start-up scan recovers (see {@code service.Daemon}).
 */
package org.syncspool.supervisor;
