/**
 * Turning journaled events into rsync runs: {@link org.syncspool.sync.Coalescer} (events to a set
 * of dirty paths, pure), {@link org.syncspool.sync.RsyncCommand} (argv lists, pure),
 * {@link org.syncspool.sync.RsyncExit} (exit-code table, pure), {@link
 * org.syncspool.sync.BatchRuns} (a batch to its runs: rename runs first ({@link
 * org.syncspool.sync.RenameRuns}), then up to {@code -n} groups ({@link
 * org.syncspool.sync.BatchSplit}, pure)), the
 * {@link org.syncspool.sync.ProcessRunner} seam, and {@link org.syncspool.sync.TargetWorker}, one
 * thread per target that commits its journal cursor only after its batch is on the target.
 */
@NullMarked
package org.syncspool.sync;

import org.jspecify.annotations.NullMarked;
