package org.syncspool.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Root;
import org.syncspool.journal.AppendTap;
import org.syncspool.service.FlushBarrier;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * The taps run on the watcher thread after every append: once warm they allocate nothing per
 * record (docs/architecture.md, The watcher's hot path), the metrics' counting and an idle flush
 * barrier alike.
 */
class TapAllocationTest {
  @Test
  void metricsAndAnIdleBarrierDoNotAllocatePerRecord() {
    MicrometerSyncMetrics metrics = new MicrometerSyncMetrics();
    FlushBarrier barrier = new FlushBarrier(
        List.of(new Root(0, Path.of("/tmp"), List.of())), List::of);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    byte[] path = "a/b/file.txt".getBytes(StandardCharsets.UTF_8);
    EventBatch batch = new EventBatch(4096);
    for (AppendTap tap : List.of(metrics, barrier)) {
      for (int i = 0; i < 20_000; i++) {
        fill(batch, i, path);
        tap.appended(batch, i);
      }
      long before = threads.getThreadAllocatedBytes(me);
      for (int i = 0; i < 20_000; i++) {
        fill(batch, i, path);
        tap.appended(batch, i);
      }
      double perRecord = (threads.getThreadAllocatedBytes(me) - before) / 20_000.0;
      // The smallest object is 16 bytes: under 8 per record means nearly all allocate nothing.
      assertThat(perRecord).as("bytes per record, " + tap.getClass().getSimpleName())
          .isLessThan(8.0);
    }
  }

  private static void fill(EventBatch b, int i, byte[] path) {
    b.reset(i);
    b.add(EventKind.CREATE, false, 0, 0, path, 0, path.length);
    b.add(EventKind.CLOSE_WRITE, false, 0, 0, path, 0, path.length);
    b.add(EventKind.MODIFY, false, 0, 0, path, 0, path.length);
  }
}
