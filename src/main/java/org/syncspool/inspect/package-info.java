/**
 * Reading the journal for people: {@code syncspool journal tail} and {@code journal dump}.
 *
 * <p>Owns: how a journal record is printed (one line per event: time, record index, root, kind,
 * path escaped so a line stays one line and no byte is hidden), where each target's cursor
 * stands, and what {@code --since} accepts. Pure; the {@code cli} command feeds it records from
 * {@link org.syncspool.journal.JournalReader}.
 *
 * <p>Does not own: the record layout ({@link org.syncspool.watch.EventBatch}) or the journal
 * itself (the {@code journal} package).
 */
@NullMarked
package org.syncspool.inspect;

import org.jspecify.annotations.NullMarked;
