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

  /** Forgets uncommitted reads: the next {@link #next} returns the first uncommitted record. */
  void rewind();

  /** Records after the committed position (0 when caught up); cheap enough for metrics. */
  long backlog();

  String name();

  @Override
  void close();
}
