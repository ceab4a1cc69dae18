package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Chronicle Queue 5.27ea11 does with a named tailer's persisted index: the facts
 * {@link ChronicleCursor} is built on. If an upgrade changes one of them, this fails first.
 */
class NamedTailerBehaviourTest {
  @TempDir Path dir;
  private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2025-03-01T10:15:00Z"));

  private SingleChronicleQueue queue() {
    return SingleChronicleQueueBuilder.binary(dir).rollCycle(ChronicleJournal.ROLL_CYCLE)
        .timeProvider(time).build();
  }

  private static long write(ExcerptAppender appender, int value) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().writeInt(value);
      return dc.index();
    }
  }

  private static int read(ExcerptTailer tailer) {
    try (DocumentContext dc = tailer.readingDocument()) {
      return dc.isPresent() ? dc.wire().bytes().readInt() : -1;
    }
  }

  @Test
  void readingThroughANamedTailerPersistsItsIndexAtOnce() {
    try (SingleChronicleQueue q = queue(); ExcerptAppender app = q.createAppender()) {
      long first = write(app, 0);
      write(app, 1);
      try (ExcerptTailer named = q.createTailer("t")) {
        assertThat(read(named)).isZero();
        // a read is a commit: the stored index is already the next record's
        assertThat(q.indexForId("t").getVolatileValue()).isEqualTo(first + 1);
        named.moveToIndex(first);
        assertThat(q.indexForId("t").getVolatileValue()).isEqualTo(first);
      }
    }
  }

  @Test
  void moveToIndexPastTheLastRecordOfAFinishedCycleReturnsFalse() {
    try (SingleChronicleQueue q = queue(); ExcerptAppender app = q.createAppender()) {
      long a = write(app, 0);
      time.advanceMillis(2 * 3600_000L); // the next record lands two cycles later
      long b = write(app, 1);
      try (ExcerptTailer plain = q.createTailer(); ExcerptTailer named = q.createTailer("t")) {
        plain.toStart();
        assertThat(read(plain)).isZero();
        long afterA = plain.index();
        assertThat(afterA).isEqualTo(a + 1).isNotEqualTo(b);
        // false although this is exactly where the named tailer would stand after reading a:
        // the result cannot confirm a commit (whether it persisted depends on the path taken)
        assertThat(named.moveToIndex(afterA)).isFalse();
        // ...yet a tailer placed there, or restored from there, reads the next cycle's record
        assertThat(read(plain)).isEqualTo(1);
        q.indexForId("t").setOrderedValue(afterA);
      }
      try (ExcerptTailer restored = q.createTailer("t")) {
        assertThat(read(restored)).isEqualTo(1);
      }
    }
  }

  @Test
  void readOnlyQueueCannotCreateNamedTailersButReadsTheirIndex() {
    long first;
    try (SingleChronicleQueue q = queue(); ExcerptAppender app = q.createAppender()) {
      first = write(app, 0);
      q.indexForId("t").setOrderedValue(first + 1);
    }
    try (SingleChronicleQueue ro = SingleChronicleQueueBuilder.binary(dir).rollCycle(ChronicleJournal.ROLL_CYCLE).readOnly(true).build()) {
      assertThatThrownBy(() -> ro.createTailer("t")).isInstanceOf(IllegalStateException.class);
      assertThat(ro.tableStoreGet("index.t")).isEqualTo(first + 1);
      assertThatThrownBy(() -> ro.tableStoreGet("index.missing"))
          .isInstanceOf(IllegalStateException.class);
      try (ExcerptTailer plain = ro.createTailer()) {
        assertThat(read(plain.toStart())).isZero();
      }
    }
  }
}
