/**
 * What a watcher produces and the rules it applies before anything is journaled: the event
 * record ({@link org.syncspool.watch.EventBatch}, one per inotify read), the exclusion filter
 * ({@link org.syncspool.watch.PathFilter}, pure) and the {@link org.syncspool.watch.Watcher}
 * seam. The Linux implementation lives in {@code watch.inotify}.
 */
@NullMarked
package org.syncspool.watch;

import org.jspecify.annotations.NullMarked;
