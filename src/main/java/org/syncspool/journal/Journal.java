package org.syncspool.journal;

import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventSink;

/**
 * The on-disk event log between the watcher and the workers. Writers append through
 * {@link #accept} (the watcher's thread, and the start-up scan while the watches already run);
 * implementations serialize them. One durable {@link Cursor} per target.
 */
public interface Journal extends EventSink, AutoCloseable {

  /** Appends {@code batch} as one record (an empty batch is not written). */
  @Override
  void accept(EventBatch batch);

  /**
   * Opens the durable cursor called {@code name} (created at the start of the journal the first
   * time). Its committed position survives restarts and kill -9.
   */
  Cursor cursor(String name);

  /**
   * Calls {@code listener} after every record appended through this instance, on the appending
   * thread: it must be quick and must not block (a worker posts "journal grew" to its mailbox).
   */
  void addAppendListener(Runnable listener);

  void removeAppendListener(Runnable listener);

  /** Records appended through this instance since it was opened. */
  long appendCount();

  /**
   * The index of the record the latest {@link #accept} wrote, comparable with
   * {@link Cursor#committedIndex()} (the flush barrier needs both); -1 when unknown.
   */
  default long lastAppendedIndex() {
    return -1;
  }

  @Override
  void close();
}
