package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * The watcher thread's append allocates nothing once warm (docs/architecture.md, The watcher's
 * hot path).
 */
class AppendAllocationTest {
  @TempDir Path dir;

  @Test
  void steadyStateAppendDoesNotAllocate() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    byte[] path = "a/b/file.txt".getBytes(StandardCharsets.UTF_8);
    EventBatch batch = new EventBatch(256);
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      for (int i = 0; i < 20_000; i++) {
        j.accept(batch.reset(i)); // empty: not written, but exercises the call
        batch.add(EventKind.MODIFY, false, 0, 0, path, 0, path.length);
        j.accept(batch);
      }
      long before = threads.getThreadAllocatedBytes(me);
      for (int i = 0; i < 20_000; i++) {
        batch.reset(i).add(EventKind.MODIFY, false, 0, 0, path, 0, path.length);
        j.accept(batch);
      }
      double perAppend = (threads.getThreadAllocatedBytes(me) - before) / 20_000.0;
      // The smallest Java object is 16 bytes: under 8 per append on average means most appends
      // allocate nothing. Not exactly 0: Chronicle allocates now and then (mapping the next chunk
      // of the cycle file), and after other tests in this JVM we saw ~1 B/append.
      assertThat(perAppend).as("bytes allocated per append").isLessThan(8.0);
    }
  }
}
