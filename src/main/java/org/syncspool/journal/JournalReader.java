package org.syncspool.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.syncspool.watch.EventBatch;

/**
 * Reads records with their index and moves no cursor: for {@code syncspool journal} (support
 * looking at what the watcher journaled, also while the daemon runs on a read-only journal).
 * One thread at a time.
 */
public final class JournalReader implements AutoCloseable {
  private final ChronicleJournal journal;
  private final ExcerptTailer tailer;
  private long index = -1;

  JournalReader(ChronicleJournal journal) {
    this.journal = journal;
    this.tailer = journal.queue().createTailer();
  }

  /** Loads the next record into {@code into}; false when there is none (yet). */
  public boolean next(EventBatch into) {
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      index = dc.index();
      Bytes<?> bytes = dc.wire().bytes();
      int len = (int) bytes.readRemaining();
      bytes.read(into.prepareLoad(len), 0, len);
      into.loaded(len);
      return true;
    }
  }

  /** The index of the record {@link #next} returned last (comparable with cursor positions). */
  public long index() {
    return index;
  }

  /**
   * Places the reader at record {@code at} (a cursor's committed position;
   * {@link Long#MIN_VALUE}: the first record there is).
   */
  public void moveTo(long at) {
    if (at == Long.MIN_VALUE) {
      tailer.toStart();
    } else {
      tailer.moveToIndex(at);
    }
  }

  /** Places the reader before the last {@code records} records (all of them if there are fewer). */
  public void lastRecords(int records) {
    if (records <= 0) {
      tailer.toEnd();
      return;
    }
    long start = -1;
    try (ExcerptTailer back = journal.queue().createTailer()) {
      back.direction(TailerDirection.BACKWARD).toEnd();
      for (int i = 0; i < records; i++) {
        try (DocumentContext dc = back.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          start = dc.index();
        }
      }
    }
    if (start < 0) {
      tailer.toEnd();
    } else {
      tailer.moveToIndex(start);
    }
  }

  @Override
  public void close() {
    tailer.close();
  }
}
