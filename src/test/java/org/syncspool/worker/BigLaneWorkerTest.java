package org.syncspool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncspool.batch.Coalescer;
import org.syncspool.batch.PathKey;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.testing.FakeJournal;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeProcessRunner.Call;
import org.syncspool.time.SystemScheduler;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * A worker with a big-file lane against fakes: the small lane's runner and the big lane's are
 * separate, so a big run held in its runner is a slow transfer while small files go on. Commits
 * are FakeJournal positions (records consumed).
 */
class BigLaneWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long NOW = 1_700_000_000_000L;
  private static final long THRESHOLD = 1000;
  private static final Target TARGET = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null,
      null, Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  private static final String CURSOR = CursorNames.of(TARGET.id());
  private static final RsyncCommand COMMAND = new RsyncCommand("rsync", TARGET, "/data");

  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner small = new FakeProcessRunner();
  private final FakeProcessRunner big = new FakeProcessRunner();
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  private TargetWorker worker;

  @AfterEach
  void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.stop();
      worker.join(2000);
    }
  }

  private long stopWaitMillis = WorkerParts.BigLaneParts.STOP_WAIT_MILLIS;

  private TargetWorker worker() {
    Engine engine = new Engine(Path.of("/unused"), null, 5, 200, 10_000, 10, 40, 3, 1_000_000,
        72, 1);
    BatchRuns smallRuns = new BatchRuns(TARGET, COMMAND, small, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    BatchRuns bigRuns = new BatchRuns(TARGET, COMMAND, big, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    WorkerParts.Sizer sizer = p -> sizes.getOrDefault(
        new String(p.bytes(), StandardCharsets.UTF_8), -1L);
    worker = new TargetWorker(WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false),
            smallRuns, engine, SystemScheduler.INSTANCE, () -> NOW)
        .withBigLane(new WorkerParts.BigLaneParts(bigRuns, THRESHOLD, sizer, stopWaitMillis)));
    worker.start();
    return worker;
  }

  private void append(String... paths) {
    EventBatch b = new EventBatch(256).reset(NOW);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes, 0, bytes.length);
    }
    journal.accept(b);
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> c) {
    await().atMost(WAIT).until(c);
  }

  @Test
  void smallFilesGoOnWhileABigOneTransfersAndTheCursorWaitsForIt() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    sizes.put("a.txt", 10L);
    sizes.put("b.txt", THRESHOLD); // not above: small
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("big.iso", "a.txt");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    waitUntil(() -> small.callCount() == 1);
    assertThat(small.call(0).paths()).containsExactly("a.txt");
    assertThat(big.call(0).paths()).containsExactly("big.iso");

    append("b.txt");
    waitUntil(() -> small.callCount() == 2);
    assertThat(small.call(1).paths()).containsExactly("b.txt");
    assertThat(worker.bigLane().state()).isEqualTo(Lanes.State.SENDING);
    assertThat(worker.bigLane().first()).isEqualTo(PathKey.of("big.iso"));
    // Both records' small paths are on the target; the first's big file is not: held at 0.
    assertThat(journal.committed(CURSOR)).isZero();
    org.syncspool.metrics.MicrometerSyncMetrics metrics =
        new org.syncspool.metrics.MicrometerSyncMetrics();
    metrics.bind(List.of(worker), () -> 0, new LagTracker(() -> NOW));
    assertThat(metrics.scrape())
        .contains("syncspool_target_big_lane_paths{target=\"/mirror\"} 1.0")
        .contains("syncspool_target_big_lane_sending{target=\"/mirror\"} 1.0");

    gate.release();
    waitUntil(() -> journal.committed(CURSOR) == 2);
    assertThat(worker.bigLane().state()).isEqualTo(Lanes.State.IDLE);
    assertThat(gate.wasInterrupted()).isFalse();
    assertThat(metrics.scrape())
        .contains("syncspool_target_big_lane_paths{target=\"/mirror\"} 0.0")
        .contains("syncspool_target_big_lane_sending{target=\"/mirror\"} 0.0");
  }

  @Test
  void aNewerEventForTheBigFileInFlightSendsItAgainAfterEvenWhenItShrank() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("big.iso");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    sizes.put("big.iso", 5L); // rewritten small while the old copy is sent
    append("big.iso", "c.txt");
    waitUntil(() -> small.callCount() == 1);
    assertThat(small.call(0).paths()).as("never two rsyncs on one name").containsExactly("c.txt");
    assertThat(worker.bigLane().queued()).isEqualTo(1);
    assertThat(journal.committed(CURSOR)).isZero();

    gate.release();
    waitUntil(() -> big.callCount() == 2 && journal.committed(CURSOR) == 2);
    assertThat(big.calls()).extracting(Call::paths)
        .containsExactly(List.of("big.iso"), List.of("big.iso"));
  }

  @Test
  void aFailingBigRunIsRetriedWhileTheSmallLaneGoesOnAndHoldsTheCursor() {
    sizes.put("big.iso", THRESHOLD + 1);
    big.thenExit(23, 10); // refused once, then unreachable once, then delivered
    worker();
    append("big.iso");
    append("a.txt");
    waitUntil(() -> small.callCount() == 1);
    waitUntil(() -> journal.committed(CURSOR) == 2);
    assertThat(big.calls()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(big.calls()).extracting(Call::paths).filteredOn(p -> !p.isEmpty())
        .allMatch(p -> p.equals(List.of("big.iso")));
  }

  @Test
  void stopWhileTheBigLaneBacksOffCommitsOnlyUpToItsBatch() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    big.alwaysExit(10); // the road to the target is down for the big lane's runs only
    worker();
    append("a.txt");
    waitUntil(() -> journal.committed(CURSOR) == 1);
    append("big.iso");
    append("b.txt");
    waitUntil(() -> small.callCount() == 2 && big.callCount() >= 1);
    worker.stop();
    assertThat(worker.join(3000)).isTrue();
    assertThat(journal.committed(CURSOR)).as("the big file's record is read again at start")
        .isEqualTo(1);
  }

  @Test
  void stopWaitsForTheBigRunInFlightThenCommitsPastIt() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("big.iso");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    worker.stop();
    assertThat(worker.join(200)).isFalse();
    gate.release();
    assertThat(worker.join(3000)).isTrue();
    assertThat(gate.wasInterrupted()).isFalse();
    assertThat(journal.committed(CURSOR)).isEqualTo(1);
  }

  /** A big file may take hours; the daemon's stop may not: the worker ends, the hold stays. */
  @Test
  void stopWaitsForTheBigRunOnlyUpToTheLanesStopWait() throws Exception {
    stopWaitMillis = 300;
    sizes.put("big.iso", THRESHOLD + 1);
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("a.txt");
    waitUntil(() -> journal.committed(CURSOR) == 1);
    append("big.iso");
    append("b.txt");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    waitUntil(() -> small.callCount() == 2);
    worker.stop();
    try {
      assertThat(worker.join(3000)).as("ended without the big run").isTrue();
      assertThat(gate.wasInterrupted()).isFalse();
      assertThat(journal.committed(CURSOR)).as("the next start reads from big.iso's record")
          .isEqualTo(1);
    } finally {
      gate.release();
    }
  }

  @Test
  void aFullSyncWaitsForTheBigRunInFlight() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("big.iso");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    worker.requestFullSync();
    waitUntil(() -> worker.state() == WorkerState.SYNCING);
    assertThat(small.callCount()).as("the full sync waits").isZero();
    gate.release();
    waitUntil(() -> worker.fullSyncsDone() == 1);
    assertThat(small.call(0).argv()).contains("--delete");
    waitUntil(() -> journal.committed(CURSOR) == 1);
  }

  @Test
  void aPeriodicFullSyncWaitsForTheBigRunInFlightToo() throws Exception {
    sizes.put("big.iso", THRESHOLD + 1);
    FakeProcessRunner.Gate gate = big.blockNext();
    worker();
    append("big.iso");
    assertThat(gate.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    worker.requestPeriodicFullSync();
    waitUntil(() -> worker.state() == WorkerState.SYNCING);
    assertThat(small.callCount()).isZero();
    gate.release();
    waitUntil(() -> worker.fullSyncsDone() == 1 && small.callCount() == 1);
    waitUntil(() -> journal.committed(CURSOR) == 1);
  }
}
