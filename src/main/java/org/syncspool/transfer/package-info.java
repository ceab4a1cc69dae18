/**
 * A batch to one target's rsync runs ({@link org.syncspool.transfer.BatchRuns}): rename runs
 * first ({@code RenameRuns}), the deletion run ({@code DeletionRules}, with
 * {@link org.syncspool.transfer.SourcePresence} telling what is gone), up to {@code -n} groups
 * ({@link org.syncspool.transfer.BatchSplit}, pure, which also halves a refused batch), and the
 * excluded paths of a filtered tree ({@link org.syncspool.transfer.TreeLister}).
 */
@NullMarked
package org.syncspool.transfer;

import org.jspecify.annotations.NullMarked;
