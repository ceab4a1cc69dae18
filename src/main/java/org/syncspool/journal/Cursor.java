package org.syncspool.journal;

import org.syncspool.watch.EventBatch;

/**
 * One target's view of the journal: it reads ahead freely, but its durable position moves only
 * on {@link #commit()}, i.e. after the records read so far are on the target.
 */
public interface Cursor extends AutoCloseable {

  /** Loads the next unread record into {@code into}; false when there is none yet. */
  boolean next(EventBatch into);

  /** Makes everything returned by {@link #next} so far durable as consumed. */
  void commit();

  /**
   * Where the reads stand now, as a position {@link #commitTo} can commit later: everything
   * returned by {@link #next} so far (the committed position when nothing was read since the
   * last rewind). For a worker whose batches finish out of order (docs/architecture.md, Two
   * lanes): it commits only up to the oldest mark whose batch is not yet delivered.
   */
  long mark();

  /**
   * Makes the records before {@code mark} (from {@link #mark}) durable as consumed; a mark at or
   * behind the committed position does nothing (the cursor never moves back). Reads go on from
   * where they are.
   */
  void commitTo(long mark);

  /** Forgets uncommitted reads: the next {@link #next} returns the first uncommitted record. */
  void rewind();

  /**
   * Reads ahead to the end of the journal without returning anything: the next {@link #commit}
   * marks every record so far consumed. For a full sync that replaces a backlog (the full sync
   * covers every change before it starts).
   */
  void skipToEnd();

  /**
   * True when records after the committed position were deleted by retention before this cursor
   * read them: its target missed changes and needs a full sync.
   */
  boolean behindRetention();

  /** Records after the committed position (0 when caught up); cheap enough for metrics. */
  long backlog();

  String name();

  /**
   * The committed position: the index of the first record not yet consumed, so a record whose
   * {@link Journal#lastAppendedIndex()} is {@code i} is consumed once this is above {@code i};
   * {@link Long#MIN_VALUE} when never committed (or unknown). Any thread.
   */
  default long committedIndex() {
    return Long.MIN_VALUE;
  }

  @Override
  void close();
}
