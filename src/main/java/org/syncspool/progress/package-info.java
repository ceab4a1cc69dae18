/**
 * Progress of long work (full syncs, replays): what runs for which target, paths and bytes so
 * far, and from those a rate and the time left ({@link org.syncspool.progress.Progress}, pure,
 * time as an argument); how it reads in a log line, a status field and a terminal bar
 * ({@link org.syncspool.progress.ProgressText}, pure); the daemon's board of work in flight
 * ({@link org.syncspool.progress.ProgressBoard}) and its log line every few seconds
 * ({@link org.syncspool.progress.ProgressLog}). rsync's {@code --info=progress2} lines are read
 * by {@code rsync.Progress2}. See docs/operations.md, Progress.
 */
package org.syncspool.progress;
