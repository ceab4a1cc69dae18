/**
 * The batch: journaled events folded into a set of dirty paths plus a few flags
 * ({@link org.syncspool.batch.Coalescer}, pure, its merge table on the class), the
 * {@link org.syncspool.batch.Batch} it yields, the byte paths in it
 * ({@link org.syncspool.batch.PathKey}) and the renames kept as hints
 * ({@link org.syncspool.batch.RenamePairs}, {@link org.syncspool.batch.Rename}).
 */
@NullMarked
package org.syncspool.batch;

import org.jspecify.annotations.NullMarked;
