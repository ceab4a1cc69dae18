package org.syncspool.watch;

/** Where a watcher puts what it read: one call per inotify read buffer. */
@FunctionalInterface
public interface EventSink {
  /** Stores the batch; the caller reuses {@code batch} after this returns. */
  void accept(EventBatch batch);
}
