package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.journal.Batches.append;
import static org.syncspool.journal.Batches.read;

import java.nio.file.Path;
import java.time.Instant;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.EventBatch;

/** Commits at the end of an hourly cycle, with empty cycles between: the roll-cycle edge cases. */
class RollOverTest {
  @TempDir Path dir;
  private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2025-03-01T10:59:00Z"));

  @Test
  void commitAfterTheLastRecordOfACycleResumesInTheNextOne() {
    try (ChronicleJournal j = ChronicleJournal.open(dir, time); Cursor c = j.cursor("t")) {
      append(j, 0, 3);
      assertThat(read(c, 10)).containsExactly("r0", "r1", "r2");
      c.commit(); // the position is now "just past the last record of the 10:00 cycle"
      time.advanceMillis(3 * 3600_000L); // 13:59: two empty hours
      append(j, 3, 5);
      assertThat(c.backlog()).isEqualTo(2);
      assertThat(j.backlog("t")).isEqualTo(2);
      assertThat(read(c, 10)).containsExactly("r3", "r4");
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir, time); Cursor c = j.cursor("t")) {
      assertThat(c.backlog()).isEqualTo(2);
      assertThat(read(c, 10)).containsExactly("r3", "r4");
      c.commit();
      assertThat(c.backlog()).isZero();
    }
  }

  /** Our commit is the named tailer's own index: Chronicle's createTailer(name) resumes from it. */
  @Test
  void aChronicleNamedTailerResumesWhereTheCursorCommitted() {
    try (ChronicleJournal j = ChronicleJournal.open(dir, time); Cursor c = j.cursor("t")) {
      append(j, 0, 2);
      time.advanceMillis(3600_000L);
      append(j, 2, 4);
      read(c, 2);
      c.commit();
      read(c, 1); // uncommitted
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir, time);
         ExcerptTailer named = j.queue().createTailer("t");
         DocumentContext dc = named.readingDocument()) {
      assertThat(dc.isPresent()).isTrue();
      EventBatch b = new EventBatch(16);
      int len = (int) dc.wire().bytes().readRemaining();
      dc.wire().bytes().read(b.prepareLoad(len), 0, len);
      b.loaded(len);
      assertThat(Batches.names(b)).containsExactly("r2");
    }
  }
}
