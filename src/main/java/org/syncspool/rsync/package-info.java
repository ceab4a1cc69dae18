/**
 * rsync itself: the argv of every run ({@link org.syncspool.rsync.RsyncCommand}, pure, never a
 * shell string), how it names a target ({@link org.syncspool.rsync.TargetAddress}), the
 * filter-rule language of its stdin and merge files ({@link org.syncspool.rsync.FilterRules}, pure), what its exit codes mean
 * ({@link org.syncspool.rsync.RsyncExit}, a table) and its {@code --stats}
 * ({@link org.syncspool.rsync.RsyncStats}), the versions folder's names
 * ({@link org.syncspool.rsync.Versions}), and the seam that starts it
 * ({@link org.syncspool.rsync.ProcessRunner}; {@link org.syncspool.rsync.SystemProcessRunner}).
 */
@NullMarked
package org.syncspool.rsync;

import org.jspecify.annotations.NullMarked;
