package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.journal.Batches.append;
import static org.syncspool.journal.Batches.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting old cycles never passes a configured cursor; a dropped target's cursor is marked. */
class RetentionTest {
  private static final long HOUR = 3600_000L;
  @TempDir Path dir;
  private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2025-03-01T10:30:00Z"));

  private long cycles() throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".cq4")).count();
    }
  }

  @Test
  void deletesOnlyCyclesEveryConfiguredCursorHasRead() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir, time);
         Cursor slow = j.cursor("slow"); Cursor fast = j.cursor("fast");
         Cursor dropped = j.cursor("dropped")) {
      for (int h = 0; h < 4; h++) { // cycles 10:00, 11:00, 12:00, 13:00, two records each
        append(j, 2 * h, 2 * h + 2);
        time.advanceMillis(HOUR);
      }
      append(j, 8, 9); // 14:00, the cycle being written
      assertThat(cycles()).isEqualTo(5);
      read(slow, 3); // into the 11:00 cycle
      slow.commit();
      read(fast, 9);
      fast.commit();
      read(dropped, 1);
      dropped.commit();

      long far = time.currentTimeMillis() + 100 * HOUR;
      assertThat(Retention.apply(j, List.of("slow", "fast"), far)).isEqualTo(1); // 10:00 only
      assertThat(cycles()).isEqualTo(4);
      assertThat(slow.behindRetention()).isFalse();
      assertThat(read(slow, 10)).startsWith("r3");

      slow.commit();
      // Now only the cycle being written is unread by someone; the cutoff keeps 13:00.
      long cutoff = Instant.parse("2025-03-01T13:30:00Z").toEpochMilli();
      assertThat(Retention.apply(j, List.of("slow", "fast"), cutoff)).isEqualTo(2);
      assertThat(cycles()).isEqualTo(2);
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir, time);
         Cursor dropped = j.cursor("dropped")) {
      // Retention passed it while its target was not configured: a full sync is due.
      assertThat(dropped.behindRetention()).isTrue();
    }
  }

  @Test
  void aNeverCommittedCursorHoldsEverything() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir, time); Cursor fresh = j.cursor("new")) {
      append(j, 0, 2);
      time.advanceMillis(5 * HOUR);
      append(j, 2, 3);
      assertThat(Retention.apply(j, List.of("new"), time.currentTimeMillis() + HOUR)).isZero();
      assertThat(fresh.behindRetention()).isFalse();
    }
  }
}
