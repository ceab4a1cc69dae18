/**
 * One thread per target ({@link org.syncspool.worker.TargetWorker}) that reads the journal
 * through the target's own cursor, collects a batch, delivers it and commits the cursor only once
 * the batch is on the target or on its failed list: its parts ({@link
 * org.syncspool.worker.WorkerParts}, all given at construction), its mailbox ({@link
 * org.syncspool.worker.Mailbox}), what to do after a run ({@link org.syncspool.worker.Verdict},
 * a table; {@link org.syncspool.worker.RetryPolicy}), the full sync it may owe ({@code
 * FullSyncDebt}), its pause, probe, states and listeners. How a batch is brought to the target
 * (retry, backoff, split, failed list, park) is {@code Delivery}; a target with a big-file lane
 * sends big files through a second rsync on the lane's own thread ({@code BigLane}), by the
 * pure table {@link org.syncspool.worker.Lanes} (docs/architecture.md, Two lanes).
 */
@NullMarked
package org.syncspool.worker;

import org.jspecify.annotations.NullMarked;
