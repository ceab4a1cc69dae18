package org.syncspool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.worker.Lanes.NO_HOLD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.batch.PathKey;
import org.syncspool.worker.Lanes.Book;
import org.syncspool.worker.Lanes.Entry;
import org.syncspool.worker.Lanes.Lane;
import org.syncspool.worker.Lanes.State;
import org.syncspool.worker.Lanes.Taken;
import org.syncspool.worker.Verdict.Step;

/** {@link Lanes}, one row per cell. */
class LanesTest {
  private static final long T = 64L << 20;

  @ParameterizedTest(name = "{0}, size {1}, threshold {2}, held {3} -> {4}")
  @CsvSource({
      // Off: everything small, held or not (a lane turned off holds nothing anyway).
      "FILE,     999999999999, 0,        false, SMALL",
      "FILE,     999999999999, 0,        true,  SMALL",
      // A regular file above the threshold, and not above it.
      "FILE,     67108865,     67108864, false, BIG",
      "FILE,     67108864,     67108864, false, SMALL",
      "FILE,     0,            67108864, false, SMALL",
      // Not a regular file: small whatever lstat's size says.
      "OTHER,    999999999999, 67108864, false, SMALL",
      "GONE,     -1,           67108864, false, SMALL",
      "RENAMED,  999999999999, 67108864, false, SMALL",
      // Subtrees and listings stay in their own runs, held or not.
      "SUBTREE,  999999999999, 67108864, false, SMALL",
      "SUBTREE,  0,            67108864, true,  SMALL",
      "LISTING,  0,            67108864, true,  SMALL",
      // A newer event for a path the big lane holds: sent again after, by the big lane, even
      // when it shrank, was deleted or renamed meanwhile.
      "FILE,     10,           67108864, true,  BIG",
      "GONE,     -1,           67108864, true,  BIG",
      "OTHER,    0,            67108864, true,  BIG",
      "RENAMED,  10,           67108864, true,  BIG",
  })
  void laneOf(Entry entry, long size, long threshold, boolean held, Lane expected) {
    assertThat(Lanes.laneOf(entry, size, threshold, held)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "small done {0}, sending from {1}, queued from {2} -> {3}")
  @CsvSource({
      // No big lane work: the small lane's mark.
      "100, " + NO_HOLD + ", " + NO_HOLD + ", 100",
      // The big lane sends a batch read from 40 on: held there while the small lane goes on.
      "100, 40, " + NO_HOLD + ", 40",
      // What was queued after it holds from its own, later batch.
      "100, 40, 70, 40",
      "100, " + NO_HOLD + ", 70, 70",
      // The small lane is behind (stopped in a batch): its own mark holds.
      "30, 40, 70, 30",
      // Never committed (Long.MIN_VALUE): nothing to commit whatever the lanes did.
      "-9223372036854775808, " + NO_HOLD + ", " + NO_HOLD + ", -9223372036854775808",
  })
  void commitPoint(long smallDone, long sendingFrom, long queuedFrom, long expected) {
    assertThat(Lanes.commitPoint(smallDone, sendingFrom, queuedFrom)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}, listed {1} -> releases {2}")
  @CsvSource({
      "COMMIT,      false, true",
      "LIST_FAILED, true,  true",
      // The list could not be written: the batch is held and retried.
      "LIST_FAILED, false, false",
      "RETRY,       false, false",
      "BACK_OFF,    false, false",
      "PARK,        false, false",
      "SPLIT,       false, false",
  })
  void afterARunOfTheBigLane(Step step, boolean listed, boolean expected) {
    assertThat(Lanes.releases(step, listed)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "sending {0}, queued {1}, paused {2}, stopping {3}, full sync {4} -> {5}")
  @CsvSource({
      "false, true,  false, false, false, true",
      "false, false, false, false, false, false",
      // One batch at a time.
      "true,  true,  false, false, false, false",
      // Paused, stopping, a full sync waiting: nothing new starts (the hold stays).
      "false, true,  true,  false, false, false",
      "false, true,  false, true,  false, false",
      "false, true,  false, false, true,  false",
  })
  void mayStart(boolean sending, boolean queued, boolean paused, boolean stopping,
                boolean fullSync, boolean expected) {
    assertThat(Lanes.mayStart(sending, queued, paused, stopping, fullSync)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "sending {0}, queued {1}, retrying {2} -> {3}")
  @CsvSource({
      "false, false, false, IDLE",
      "true,  false, false, SENDING",
      "true,  true,  false, SENDING",
      "true,  false, true,  WAITING",
      "false, true,  false, HELD",
  })
  void state(boolean sending, boolean queued, boolean retrying, State expected) {
    assertThat(Lanes.state(sending, queued, retrying)).isEqualTo(expected);
  }

  private static final PathKey BIG = PathKey.of("big.iso");
  private static final PathKey OTHER = PathKey.of("other.iso");

  @Test
  void theBookHoldsTheCommitPointAtTheOldestBatchItHoldsPathsOf() {
    Book b = new Book();
    assertThat(b.commitPoint(10)).isEqualTo(10);
    b.offer(List.of(BIG), 10, 1000);
    assertThat(b.holds(BIG)).isTrue();
    assertThat(b.commitPoint(20)).as("queued from 10: small lane delivered up to 20").isEqualTo(10);
    Taken t = b.take(false, false, false);
    assertThat(t).isNotNull();
    assertThat(t.paths()).containsExactly(BIG);
    assertThat(t.oldestEventMillis()).isEqualTo(1000);
    assertThat(b.take(false, false, false)).as("nothing queued").isNull();
    // The small lane goes on: 20, 30, 40 delivered; the cursor stays at 10.
    assertThat(b.commitPoint(40)).isEqualTo(10);
    // A newer event for the big file while it is sent, and another big file, in batch 40..50.
    b.offer(List.of(BIG, OTHER), 40, 2000);
    assertThat(b.take(false, false, false)).as("one batch at a time").isNull();
    assertThat(b.queuedCount()).isEqualTo(2);
    assertThat(b.held()).containsExactly(BIG, OTHER);
    b.finished();
    assertThat(b.holds(BIG)).as("sent again after").isTrue();
    assertThat(b.commitPoint(50)).isEqualTo(40);
    Taken again = b.take(false, false, false);
    assertThat(again).isNotNull();
    assertThat(again.paths()).containsExactly(BIG, OTHER);
    b.finished();
    assertThat(b.commitPoint(50)).isEqualTo(50);
    assertThat(b.holds(BIG)).isFalse();
  }

  @Test
  void pausedStoppingOrAFullSyncWaitingKeepsTheHoldAndStartsNothing() {
    Book b = new Book();
    b.offer(List.of(BIG), 10, 0);
    assertThat(b.take(true, false, false)).isNull();
    assertThat(b.take(false, true, false)).isNull();
    assertThat(b.take(false, false, true)).isNull();
    assertThat(b.commitPoint(99)).isEqualTo(10);
    assertThat(b.sending()).isFalse();
    // A failed run keeps its hold (the lane retries); stopping in it commits only up to it.
    assertThat(b.take(false, false, false)).isNotNull();
    assertThat(b.commitPoint(99)).isEqualTo(10);
    b.offer(List.of(), 5, 0); // an empty offer holds nothing
    assertThat(b.commitPoint(99)).isEqualTo(10);
  }
}
