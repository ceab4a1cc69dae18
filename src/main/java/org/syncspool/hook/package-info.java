/**
 * Hooks: programs an operator configures ({@code <syncspool><hook on command args timeout/>})
 * that run when a target's batch succeeds, fails, is parked or recovers, or an audit finds drift.
 *
 * <p>Owns: when a hook fires ({@link org.syncspool.hook.HookTriggers}, pure, once per outage
 * rather than per retry), the JSON document on its stdin ({@link org.syncspool.hook.HookEvent}),
 * running it from an argv list with an environment without secrets and a timeout
 * ({@link org.syncspool.hook.HookRunner}), and the one thread with a bounded queue that keeps
 * hooks off the workers' threads ({@link org.syncspool.hook.HookDispatcher}: a full queue drops
 * the event, counts it and logs that once; replication never waits for a hook).
 *
 * <p>Does not own: what happened (the {@code sync} package's worker tells it through its
 * {@link org.syncspool.worker.WorkerListener}); the config element ({@code config.xml.HookReader}).
 */
package org.syncspool.hook;
