package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.rsync.RsyncExit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Target;

/** Lag as "time since last caught up", on a hand-moved clock. */
class LagTrackerTest {
  static final Target T = new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null,
      Path.of("/m"), null, null, null, List.of("-a"), null, true);
  final AtomicLong now = new AtomicLong(10_000);
  final LagTracker lag = new LagTracker(now::get);

  @Test
  void zeroUntilTheWorkerLeavesIdleThenGrowsUntilItIsIdleAgain() {
    assertThat(lag.lagMillis(T)).isZero();
    lag.stateChanged(T, WorkerState.IDLE, "caught up");
    now.addAndGet(5_000);
    assertThat(lag.lagMillis(T)).isZero();
    lag.stateChanged(T, WorkerState.SYNCING, "batch");
    now.addAndGet(300);
    assertThat(lag.lagMillis(T)).isEqualTo(300);
    lag.stateChanged(T, WorkerState.IDLE, "caught up");
    assertThat(lag.lagMillis(T)).isZero();
  }

  @Test
  void aFailedBatchMovesTheMarkBackToItsOldestEvent() {
    lag.stateChanged(T, WorkerState.SYNCING, "batch"); // at 10_000
    Batch b = new Batch(List.of(), List.of(), false, false, 9_000);
    lag.batchEnded(new WorkerListener.BatchReport(T, b, 10, RsyncExit.UNREACHABLE, 1, false,
        10_000, 10_100, ""));
    lag.stateChanged(T, WorkerState.BACKING_OFF, "down");
    now.set(20_000);
    assertThat(lag.lagMillis(T)).isEqualTo(11_000);
  }
}
