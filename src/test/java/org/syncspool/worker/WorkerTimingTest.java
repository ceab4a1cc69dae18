package org.syncspool.worker;

import static org.syncspool.worker.TimingSettings.COMMAND;
import static org.syncspool.worker.TimingSettings.CURSOR;
import static org.syncspool.worker.TimingSettings.ENGINE;
import static org.syncspool.worker.TimingSettings.TARGET;

import org.syncspool.batch.Coalescer;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.FakeJournal;
import org.syncspool.testing.FakeJournal.Commit;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeProcessRunner.Call;
import org.syncspool.testing.FakeScheduler;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * The worker's waits on a {@link FakeScheduler}: every step happens at an exact fake time, with
 * no sleep and no polling. Settings: quiet window 20 ms, batches at most 1000 ms old, backoff
 * 1000 ms doubling to 8000 ms (jitter drawn as 0), 3 attempts.
 */
class WorkerTimingTest {
  private static final String THREAD = "syncspool-worker-/mirror";

  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner runner = new FakeProcessRunner();
  /** Fake millis at which each rsync run started. */
  private final List<Long> runAt = new CopyOnWriteArrayList<>();
  private TargetWorker worker;

  WorkerTimingTest() {
    runner.onRun(c -> runAt.add(scheduler.millis()));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (worker != null) {
      worker.stop();
      worker.join(0);
    }
  }

  private TargetWorker start(WorkerParts parts) {
    worker = new TargetWorker(parts);
    worker.start();
    scheduler.runUntilIdle();
    return worker;
  }

  private WorkerParts parts() {
    BatchRuns runs = new BatchRuns(TARGET, COMMAND, runner, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    return WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false), runs, ENGINE, scheduler,
        () -> 1_700_000_000_000L).withRandom(() -> 0L);
  }

  private void append(String... paths) {
    EventBatch b = new EventBatch(256).reset(1_700_000_000_000L);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes, 0, bytes.length);
    }
    journal.accept(b);
  }

  private static boolean probe(Call c) {
    return c.argv().contains("--list-only");
  }

  /**
   * Issue 11's live bug: a full-sync request while the target was parked interrupted the
   * worker's pause, which read the interrupt as a stop: the worker ended, its cursor closed,
   * nothing restarted it. Now the request waits in the mailbox; the worker stays, retries the
   * batch at the end of the park, then runs the full sync.
   */
  @Test
  void aFullSyncRequestWhileParkedIsServedAfterThePark() {
    runner.when(WorkerTimingTest::probe, 5).thenExit(1); // refused, and the target is down
    append("a.txt");
    start(parts());
    assertThat(worker.state()).isEqualTo(WorkerState.PARKED);
    assertThat(runAt).containsExactly(0L, 0L); // the batch, then the listing

    scheduler.advanceBy(3000);
    worker.requestFullSync();
    scheduler.runUntilIdle();
    assertThat(scheduler.ended(THREAD)).isFalse();
    assertThat(worker.state()).isEqualTo(WorkerState.PARKED);
    assertThat(runner.callCount()).isEqualTo(2);

    scheduler.advanceBy(5000); // the park ends at 8000 ms
    assertThat(runAt).containsExactly(0L, 0L, 8000L, 8000L);
    assertThat(runner.call(2).paths()).containsExactly("a.txt");
    assertThat(runner.call(3).argv()).isEqualTo(RsyncCommand.withProgress(COMMAND.fullSync()));
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
  }

  @Test
  void aFullSyncRequestDuringABackoffWaitsForTheBackoffThenRunsOnce() {
    runner.thenExit(10, 10); // unreachable twice: backoff 1000 ms, then 2000 ms
    append("a.txt");
    start(parts());
    assertThat(worker.state()).isEqualTo(WorkerState.BACKING_OFF);

    scheduler.advanceBy(500);
    worker.requestFullSync();
    worker.requestFullSync(); // two requests before the worker looks are one full sync
    scheduler.advanceBy(400);
    assertThat(runAt).containsExactly(0L);

    scheduler.advanceBy(100); // 1000: retry, unreachable again; 3000: delivered
    assertThat(runAt).containsExactly(0L, 1000L);
    scheduler.advanceBy(2000);
    assertThat(runAt).containsExactly(0L, 1000L, 3000L, 3000L);
    assertThat(runner.call(3).argv()).isEqualTo(RsyncCommand.withProgress(COMMAND.fullSync()));
    assertThat(scheduler.ended(THREAD)).isFalse();
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
  }

  @Test
  void stopDuringARetryWaitEndsAtOnceAndLeavesTheBatchInTheJournal() {
    runner.thenExit(23); // refused paths: retried after 1000 ms
    append("a.txt");
    start(parts());
    assertThat(scheduler.nextDeadlineMillis()).isEqualTo(1000);

    scheduler.advanceBy(400);
    worker.stop();
    scheduler.runUntilIdle();

    assertThat(scheduler.ended(THREAD)).isTrue();
    assertThat(scheduler.millis()).isEqualTo(400);
    assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
    assertThat(runAt).containsExactly(0L);
    assertThat(journal.commits()).isEmpty();
    assertThat(journal.backlog(CURSOR)).isEqualTo(1);
  }

  @Test
  void anAppendDuringTheQuietWindowJoinsTheBatchAndRestartsTheWindow() {
    start(parts());
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
    // A burst: b arrives just after the worker read a, so the worker waits for quiet.
    journal.onceCaughtUp(() -> append("b"));
    append("a");
    scheduler.runUntilIdle();
    assertThat(runAt).isEmpty();
    assertThat(scheduler.nextDeadlineMillis()).isEqualTo(20);

    scheduler.advanceBy(15);
    append("c"); // inside the window: read, and the window starts again at 15 ms
    scheduler.advanceBy(19);
    assertThat(runAt).isEmpty();

    scheduler.advanceBy(1); // 35 ms: 20 ms without an append
    assertThat(runAt).containsExactly(35L);
    assertThat(runner.call(0).paths()).containsExactly("a", "b", "c");
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 3));
  }

  @Test
  void aBatchIsNeverHeldLongerThanMaxDelayWhateverKeepsArriving() {
    start(parts());
    journal.onceCaughtUp(() -> append("b"));
    append("a");
    scheduler.runUntilIdle();
    for (int t = 10; t < 1000; t += 10) {
      scheduler.advanceBy(10);
      append("f" + t);
    }
    assertThat(runAt).isEmpty();
    scheduler.advanceBy(10);
    assertThat(runAt).containsExactly(1000L);
    assertThat(runner.call(0).paths()).hasSize(101);
  }

  @Test
  void aFlushSendsTheBatchBeingCollectedAtOnce() {
    start(parts());
    journal.onceCaughtUp(() -> append("b"));
    append("a");
    scheduler.advanceBy(5);
    worker.flush();
    scheduler.runUntilIdle();
    assertThat(runAt).containsExactly(5L);
    assertThat(runner.call(0).paths()).containsExactly("a", "b");
  }

  @Test
  void anIdleWorkerStopsAtOnce() {
    start(parts());
    worker.stop();
    scheduler.runUntilIdle();
    assertThat(scheduler.ended(THREAD)).isTrue();
    assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
  }

  @Test
  void aRequestBeforeAPendingFullSyncStartsIsServedByIt(@TempDir Path dir) throws Exception {
    Path marker = Files.createFile(dir.resolve("pending"));
    worker = new TargetWorker(parts().withPendingFullSync(marker));
    worker.requestFullSync(); // the -r option on a first start
    worker.start();
    scheduler.runUntilIdle();
    assertThat(runner.calls()).extracting(Call::argv).containsExactly(RsyncCommand.withProgress(COMMAND.fullSync()));
    assertThat(Files.exists(marker)).isFalse();
  }

  /** Issue 11 section 2: an Error that escapes the worker's loop; the supervisor restarts it. */
  @Test
  void aWorkerWhoseThreadDiesIsRestartedAndDeliversTheBatch() {
    org.syncspool.supervisor.Supervisor supervisor =
        new org.syncspool.supervisor.Supervisor(scheduler);
    java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
    runner.onRun(c -> {
      runAt.add(scheduler.millis());
      if (thrown.compareAndSet(false, true)) {
        throw new StackOverflowError("deep");
      }
    });
    append("a.txt");
    worker = new TargetWorker(WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false),
        new BatchRuns(TARGET, COMMAND, runner, TreeLister.UNFILTERED, Path.of("/unused"), 1,
            SourcePresence.ALL_PRESENT),
        ENGINE, supervisor, () -> 1_700_000_000_000L).withRandom(() -> 0L));
    worker.start();
    scheduler.runUntilIdle();
    assertThat(worker.state()).isEqualTo(WorkerState.RESTARTING);
    assertThat(worker.alive()).isTrue();
    assertThat(supervisor.deaths(THREAD)).isEqualTo(1);
    assertThat(journal.commits()).isEmpty();

    scheduler.advanceBy(1000);
    assertThat(runAt).containsExactly(0L, 1000L);
    assertThat(runner.call(1).paths()).containsExactly("a.txt");
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
  }
}
