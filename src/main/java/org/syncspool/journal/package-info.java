/**
 * The on-disk event log between the watcher and the target workers, and each target's durable
 * place in it.
 *
 * <p>Owns: the {@link org.syncspool.journal.Journal} and {@link org.syncspool.journal.Cursor}
 * seams; {@link org.syncspool.journal.ChronicleJournal}, a Chronicle Queue in one directory
 * (hourly {@code *.cq4} cycle files plus {@code metadata.cq4t}) whose records are
 * {@link org.syncspool.watch.EventBatch} bytes verbatim; cursors whose committed position is a
 * Chronicle named tailer's persisted index (survives kill -9; reads never move it, only
 * {@code commit()} does); a read-only view for {@code status} in another process; the append
 * signal idle workers wait on; warm-up of the append path; {@link org.syncspool.journal.Retention}
 * of old cycles (never past the slowest cursor). The contract is docs/architecture.md, Journal and
 * cursors.
 *
 * <p>Does not own: what a record means (the {@code watch} package's {@code EventBatch} layout),
 * coalescing or when to commit (the {@code sync} package's worker).
 */
@NullMarked
package org.syncspool.journal;

import org.jspecify.annotations.NullMarked;
