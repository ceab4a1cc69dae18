/**
 * The daemon's lifecycle: {@link org.syncspool.service.Daemon} wires watcher, journal and workers
 * and owns their start/stop order; {@link org.syncspool.service.ExitCode} is the table of process
 * exit codes the systemd unit relies on.
 */
@NullMarked
package org.syncspool.service;

import org.jspecify.annotations.NullMarked;
