/**
 * The change list: an optional file with one line per replicated path and target, in the shape
 * operators know from inotifywait ({@code <time> <target> <event> <path>}), written by the
 * workers' {@link org.syncspool.worker.WorkerListener} seam after each batch's outcome is known, so
 * it says what reached a target, not what was seen. {@link org.syncspool.changelog.TimeFormat}
 * (pure) formats the time; {@link org.syncspool.changelog.ChangeLogWriter} owns the file and
 * reopens it on SIGHUP for logrotate.
 */
@NullMarked
package org.syncspool.changelog;

import org.jspecify.annotations.NullMarked;
