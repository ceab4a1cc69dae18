/**
 * The {@code syncspool} command line (picocli): {@code run}, {@code check-config}, {@code demo}.
 * Commands parse options, load the config and hand over to {@code service}; every failure is one
 * line on stderr and an exit code from {@link org.syncspool.service.ExitCode}.
 */
package org.syncspool.cli;
