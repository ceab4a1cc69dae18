package org.syncspool.journal;

import org.syncspool.watch.EventBatch;

/**
 * Hears every record the watcher appends, on the watcher thread, right after the append: metrics
 * count events there and the flush barrier finds its cookie. Must be quick, must not allocate per
 * event and must not throw (the watcher thread is the one that must keep up with the kernel).
 */
@FunctionalInterface
public interface AppendTap {
  /**
   * Called on the watcher's thread after each append.
   *
   * @param batch the record just appended (reused by the caller after this returns)
   * @param index its journal index ({@link Journal#lastAppendedIndex()}), -1 when unknown
   */
  void appended(EventBatch batch, long index);
}
