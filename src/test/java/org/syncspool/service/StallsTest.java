package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.syncspool.worker.WorkerState;

/**
 * Issue 10 item 5: a worker waiting as if caught up under a standing backlog is stuck after the
 * threshold (10 s here), sampled at fake times; anything that moves, or a reason to wait, is not.
 */
class StallsTest {
  private static final long S = 1_000_000_000L;

  @Test
  void idleWithABacklogThatDoesNotMoveIsStuckAfterTheThreshold() {
    Stalls s = new Stalls(10_000);
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, 0)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 7, 100, 9 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 9, 100, 10 * S)).isTrue();
    assertThat(s.stuck("other", WorkerState.IDLE, 9, 100, 10 * S)).isFalse(); // per target
  }

  @Test
  void progressRestartsTheClock() {
    Stalls s = new Stalls(10_000);
    s.stuck("t", WorkerState.IDLE, 5, 100, 0);
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 101, 10 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 101, 19 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 101, 20 * S)).isTrue();
  }

  /** A big file's transfer holds the cursor for as long as it takes: the worker is busy. */
  @Test
  void aBigFileLaneAtWorkIsNotStuckAndOnceItEndsTheClockStarts() {
    Stalls s = new Stalls(10_000);
    s.stuck("t", WorkerState.IDLE, 5, 100, true, 0);
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, true, 60 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, false, 61 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, false, 69 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, false, 70 * S)).isTrue();
  }

  @Test
  void noBacklogIsNeverStuck() {
    Stalls s = new Stalls(10_000);
    s.stuck("t", WorkerState.IDLE, 0, 100, 0);
    assertThat(s.stuck("t", WorkerState.IDLE, 0, 100, 100 * S)).isFalse();
  }

  @Test
  void startingCountsAsWaiting() {
    Stalls s = new Stalls(10_000);
    s.stuck("t", WorkerState.STARTING, 3, Long.MIN_VALUE, 0);
    assertThat(s.stuck("t", WorkerState.STARTING, 3, Long.MIN_VALUE, 10 * S)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = WorkerState.class, names = {"SYNCING", "BACKING_OFF", "PARKED", "PAUSED",
      "RESTARTING", "STOPPED"})
  void aWorkerWithAReasonToWaitIsNotStuck(WorkerState busy) {
    Stalls s = new Stalls(10_000);
    s.stuck("t", busy, 5, 100, 0);
    assertThat(s.stuck("t", busy, 5, 100, 60 * S)).isFalse();
    // and it restarts the clock for when it goes idle again
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, 61 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, 69 * S)).isFalse();
    assertThat(s.stuck("t", WorkerState.IDLE, 5, 100, 70 * S)).isTrue();
  }
}
