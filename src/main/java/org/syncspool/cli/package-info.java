/**
 * The {@code syncspool} command line (picocli): {@code run} (the daemon), {@code check-config},
 * {@code check-targets}, {@code status}, {@code flush}, {@code full-sync}, {@code replay},
 * {@code journal} (tail and dump) and {@code demo}; the signal handling of {@code run}
 * ({@code Stopper}) and {@code DocGen}, which writes the man page and bash completion from the
 * same picocli model. Commands parse options, load the config and hand over to {@code service}
 * (or, for {@code status}, {@code flush} and {@code full-sync}, to a running daemon's endpoint);
 * every failure is one line on stderr and an exit code from
 * {@link org.syncspool.service.ExitCode}.
 */
package org.syncspool.cli;
