package org.syncspool.worker;

import org.syncspool.batch.Coalescer;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.testing.FakeJournal;
import org.syncspool.testing.FakeJournal.Commit;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeProcessRunner.Call;
import org.syncspool.testing.TempFailures;
import org.syncspool.time.SystemScheduler;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/**
 * The worker loop against in-memory fakes: what it runs, when it commits, how it stops. The only
 * waiting is the worker's own (retry pause 10 ms, quiet window 5 ms); tests wait for conditions.
 */
class TargetWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long NOW = 1_700_000_000_000L;
  private static final Target TARGET = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null,
      null, Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  private static final String CURSOR = CursorNames.of(TARGET.id());
  private static final RsyncCommand COMMAND = new RsyncCommand("rsync", TARGET, "/data");

  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner runner = new FakeProcessRunner();
  private TargetWorker worker;
  @TempDir Path tmp;

  @AfterEach
  void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.stop();
      worker.join(2000);
    }
  }

  private TargetWorker worker(int maxBatchPaths) {
    return worker(maxBatchPaths, 1_000_000);
  }

  private TargetWorker worker(int maxBatchPaths, long fullSyncBacklog) {
    return worker(maxBatchPaths, fullSyncBacklog, p -> p);
  }

  private TargetWorker worker(UnaryOperator<WorkerParts> more) {
    return worker(10_000, 1_000_000, more);
  }

  private TargetWorker worker(int maxBatchPaths, long fullSyncBacklog,
                              UnaryOperator<WorkerParts> more) {
    Engine engine = new Engine(Path.of("/unused"), null, 5, 200, maxBatchPaths, 10, 40, 3,
        fullSyncBacklog, 72, 1);
    PathFilter filter = PathFilter.of(".*\\.swp");
    Coalescer coalescer = new Coalescer(0, p -> filter.excluded(p));
    // Unfiltered runs never write to tmpDir.
    BatchRuns runs = new BatchRuns(TARGET, COMMAND, runner, TreeLister.UNFILTERED, Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    return new TargetWorker(more.apply(WorkerParts.of(TARGET, journal, coalescer, runs, engine,
        SystemScheduler.INSTANCE, () -> NOW)));
  }

  private TargetWorker worker() {
    return worker(10_000);
  }

  /** One journal record: one event per path, all of {@code kind} in root {@code root}. */
  private static EventBatch record(int root, EventKind kind, String... paths) {
    EventBatch b = new EventBatch(256).reset(NOW);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(kind, false, root, 0, bytes, 0, bytes.length);
    }
    return b;
  }

  private void append(String... paths) {
    journal.accept(record(0, EventKind.CLOSE_WRITE, paths));
  }

  /** The worker's thread has left its loop: the cursor is closed in run()'s finally. */
  private boolean exited() {
    return !journal.isOpen(CURSOR);
  }

  @Test
  void idleWorkerSyncsOneEventThenCommits() {
    List<Integer> commitsAtRun = new CopyOnWriteArrayList<>();
    runner.onRun(call -> commitsAtRun.add(journal.commitCount(CURSOR)));
    worker = worker();
    worker.start();
    append("a.txt");

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).hasSize(1);
    Call run = runner.call(0);
    assertThat(run.argv()).isEqualTo(COMMAND.batch(false));
    assertThat(run.stdin()).isEqualTo("/a.txt\0".getBytes(StandardCharsets.UTF_8));
    assertThat(commitsAtRun).containsExactly(0);
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(worker.backlog()).isZero();
    assertThat(worker.lastSuccessMillis()).isEqualTo(NOW);
  }

  @Test
  void failedRunsAreRetriedWithTheSamePathsAndCommittedOnlyAfterSuccess() {
    runner.thenExit(10, 10, 0);
    List<Integer> commitsAtRun = new CopyOnWriteArrayList<>();
    runner.onRun(call -> commitsAtRun.add(journal.commitCount(CURSOR)));
    append("a.txt", "b/c.txt");
    worker = worker();
    worker.start();

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).hasSize(3);
    for (Call c : runner.calls()) {
      assertThat(c.argv()).isEqualTo(COMMAND.batch(false));
      assertThat(c.paths()).containsExactly("a.txt", "b/c.txt");
    }
    assertThat(commitsAtRun).containsExactly(0, 0, 0);
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(worker.backlog()).isZero();
    assertThat(worker.lastExitCode()).isZero();
  }

  @Test
  void exit24CountsAsSuccess() {
    runner.thenExit(24);
    append("vanished.tmp");
    worker = worker();
    worker.start();

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).hasSize(1);
    assertThat(worker.lastExitCode()).isEqualTo(24);
    assertThat(worker.backlog()).isZero();
  }

  @Test
  void stopWhileRetryingReturnsPromptlyAndLeavesTheEventsInTheJournal() throws Exception {
    runner.alwaysExit(10);
    append("a.txt");
    worker = worker();
    worker.start();
    waitUntil(() -> runner.callCount() >= 2);

    worker.stop();
    worker.join(2000);

    assertThat(exited()).isTrue();
    assertThat(journal.commits()).isEmpty();
    assertThat(journal.backlog(CURSOR)).isEqualTo(1);

    // The next start delivers them.
    runner.alwaysExit(0);
    int before = runner.callCount();
    worker = worker();
    worker.start();
    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls().subList(before, runner.callCount()))
        .extracting(Call::paths).containsExactly(List.of("a.txt"));
  }

  @Test
  void stopWaitsForTheBatchInFlightThenCommits() throws Exception {
    FakeProcessRunner.Gate gate = runner.blockNext();
    append("big.iso");
    worker = worker();
    worker.start();
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();

    worker.stop();
    // The run is held inside the runner, so the worker cannot have gone on: it waits for it.
    assertThat(exited()).isFalse();
    assertThat(journal.commits()).isEmpty();

    gate.release();
    worker.join(2000);
    assertThat(exited()).isTrue();
    assertThat(gate.wasInterrupted()).as("rsync in flight is never interrupted").isFalse();
    assertThat(runner.calls()).hasSize(1);
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
  }

  @Test
  void batchesAreCutAtMaxBatchPathsAndTogetherDeliverEverything() {
    // One event per record: the cap is checked between records.
    for (int i = 0; i < 10; i++) {
      append("f" + i);
    }
    worker = worker(3);
    worker.start();

    waitUntil(() -> journal.backlog(CURSOR) == 0);
    List<Call> calls = runner.calls();
    assertThat(calls).allSatisfy(c -> assertThat(c.paths()).hasSizeLessThanOrEqualTo(3));
    assertThat(calls.stream().flatMap(c -> c.paths().stream()).toList())
        .containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
    assertThat(journal.commits()).extracting(Commit::upTo).containsExactly(3L, 6L, 9L, 10L);
  }

  @Test
  void eventsOfOtherRootsAndExcludedPathsAreSkippedButConsumed() {
    worker = worker();
    worker.start();

    EventBatch ignored = record(1, EventKind.CLOSE_WRITE, "other-root.txt");
    ignored.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes("x.swp"), 0, 5);
    journal.accept(ignored);
    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).isEmpty();
    assertThat(journal.backlog(CURSOR)).isZero();

    EventBatch mixed = record(1, EventKind.CLOSE_WRITE, "other2.txt");
    mixed.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes("d/y.swp"), 0, 7);
    mixed.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes("keep.txt"), 0, 8);
    journal.accept(mixed);
    waitUntil(() -> journal.commitCount(CURSOR) == 2);
    assertThat(runner.calls()).extracting(Call::paths).containsExactly(List.of("keep.txt"));
  }

  @Test
  void aFullSyncIsOnTheProgressBoardWhileItRunsAndOffItAfter() throws Exception {
    org.syncspool.progress.ProgressBoard board =
        new org.syncspool.progress.ProgressBoard(SystemScheduler.INSTANCE);
    runner.printing("        32,768   0%    0.00kB/s    0:00:00",
        "      1,140,000   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/321)");
    FakeProcessRunner.Gate gate = runner.blockNext();
    worker = worker(p -> p.withProgress(board));
    worker.requestFullSync();
    worker.start();
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    assertThat(board.of(TARGET.name())).singleElement().satisfies(p -> {
      assertThat(p.work()).isEqualTo(org.syncspool.progress.Work.FULL_SYNC);
      assertThat(p.paths()).isEqualTo(29);
      assertThat(p.totalPaths()).isEqualTo(321);
      assertThat(p.bytes()).isEqualTo(1_140_000);
    });
    gate.release();
    waitUntil(() -> board.all().isEmpty());
  }

  @Test
  void requestedFullSyncRunsFirstAndCommitsTheRecordsReadBeforeIt() {
    append("a.txt");
    append("b.txt");
    worker = worker();
    worker.requestFullSync();
    worker.start();

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    Call first = runner.call(0);
    assertThat(first.argv()).isEqualTo(RsyncCommand.withProgress(COMMAND.fullSync()))
        .contains("--exclude-from=-", "-r", "--delete");
    assertThat(first.stdin()).isEmpty();
    assertThat(runner.calls()).hasSize(1); // the full sync covered a.txt and b.txt
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 2));

    // Done once: later events are ordinary batches again.
    append("c.txt");
    waitUntil(() -> journal.commitCount(CURSOR) == 2);
    assertThat(runner.call(1).argv()).isEqualTo(COMMAND.batch(false));
    assertThat(runner.call(1).paths()).containsExactly("c.txt");
  }

  /** Polls often: the conditions here flip within milliseconds. */
  private static void waitUntil(Callable<Boolean> condition) {
    await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(condition);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }


  @Test
  void aBatchTheTargetRefusesGoesToTheFailedListAfterItsAttemptsAndTheCursorMovesOn() {
    runner.thenExit(23, 23, 23, 0);
    TempFailures failures = new TempFailures(TARGET, tmp, SystemScheduler.INSTANCE);
    List<WorkerListener.BatchReport> reports = new CopyOnWriteArrayList<>();
    append("ro/a.txt", "ro/b.txt");
    worker = worker(p -> p.withFailures(failures.failures()).withListener(new WorkerListener() {
      @Override
      public void batchEnded(BatchReport r) {
        reports.add(r);
      }
    }));
    worker.start();

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).hasSize(3); // batchAttempts = 3
    assertThat(failures.paths()).containsExactly("ro/a.txt", "ro/b.txt");
    assertThat(failures.exits()).containsOnly(23);
    assertThat(worker.failedCount()).isEqualTo(2);
    assertThat(reports).extracting(WorkerListener.BatchReport::gaveUp)
        .containsExactly(false, false, true);

    append("next.txt"); // the worker goes on with later batches
    waitUntil(() -> journal.commitCount(CURSOR) == 2);
    assertThat(runner.calls().get(3).paths()).containsExactly("next.txt");
  }

  @Test
  void anUnreachableTargetHoldsTheCursorAndNeverFillsTheFailedList() {
    runner.thenExit(10, 5, 35, 12, 255, 30, 0);
    TempFailures failures = new TempFailures(TARGET, tmp, SystemScheduler.INSTANCE);
    List<WorkerState> states = new CopyOnWriteArrayList<>();
    append("a.txt");
    worker = worker(p -> p.withFailures(failures.failures()).withListener(new WorkerListener() {
      @Override
      public void stateChanged(Target t, WorkerState s, String reason) {
        states.add(s);
      }
    }));
    worker.start();

    waitUntil(() -> journal.commitCount(CURSOR) == 1);
    assertThat(runner.calls()).hasSize(7);
    assertThat(failures.paths()).isEmpty();
    assertThat(states).contains(WorkerState.BACKING_OFF);
    waitUntil(() -> worker.state() == WorkerState.IDLE);
  }

  @Test
  void aFatalExitParksTheTargetWithoutDroppingAnything() {
    runner.alwaysExit(1);
    TempFailures failures = new TempFailures(TARGET, tmp, SystemScheduler.INSTANCE);
    append("a.txt");
    worker = worker(p -> p.withFailures(failures.failures()));
    worker.start();

    waitUntil(() -> worker.state() == WorkerState.PARKED);
    assertThat(journal.commitCount(CURSOR)).isZero();
    assertThat(failures.paths()).isEmpty();
  }

  @Test
  void aBacklogPastTheThresholdIsReplacedByOneFullSync() {
    runner.thenExit(10, 0, 0);
    for (int i = 0; i < 5; i++) {
      append("f" + i);
    }
    worker = worker(1, 3); // one path per batch; more than 3 records behind = full sync
    worker.start();

    waitUntil(() -> journal.committed(CURSOR) == 5);
    assertThat(runner.calls()).hasSize(2);
    assertThat(runner.call(0).paths()).containsExactly("f0");
    assertThat(runner.call(1).argv()).isEqualTo(RsyncCommand.withProgress(COMMAND.fullSync()));
  }

  @Test
  void aPeriodicFullSyncLeavesOutTheCrontabGlobsAndDoesNotMoveTheCursor() {
    RsyncCommand cron = new RsyncCommand("rsync", TARGET, "/data", List.of("*.php", "info/*"));
    Engine engine = new Engine(Path.of("/unused"), null, 5, 200, 100, 10, 40, 3, 1_000_000, 72,
        1);
    BatchRuns runs = new BatchRuns(TARGET, cron, runner, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    worker = new TargetWorker(WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false), runs,
        engine, SystemScheduler.INSTANCE, () -> NOW));
    worker.start();
    worker.requestPeriodicFullSync();

    waitUntil(() -> runner.calls().size() == 1);
    assertThat(runner.call(0).argv()).isEqualTo(RsyncCommand.withProgress(cron.fullSync(true)));
    assertThat(runner.call(0).argv()).contains("--exclude=*.php", "--exclude=info/*");
    assertThat(cron.fullSync(false)).doesNotContain("--exclude=*.php");
    assertThat(journal.commitCount(CURSOR)).isZero();
  }
}
