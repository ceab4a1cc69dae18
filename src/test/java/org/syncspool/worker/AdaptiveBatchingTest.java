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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.testing.FakeJournal;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.time.SystemScheduler;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Adaptive batching, end to end in the worker with fakes: an idle worker sends at once; under
 * load, everything that arrived while one rsync ran goes in ONE next run, not one per event; a
 * burst into one directory collapses to the directory. No sleeps: gates and polling.
 */
class AdaptiveBatchingTest {
  private static final Target TARGET = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null,
      null, Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  private static final String CURSOR = CursorNames.of(TARGET.id());

  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner runner = new FakeProcessRunner();
  private TargetWorker worker;

  @AfterEach
  void stop() throws InterruptedException {
    worker.stop();
    worker.join(2000);
  }

  private void start(int collapseChildren) {
    // quiet 5 ms, max delay 200 ms, 10000 paths per batch
    Engine engine = new Engine(Path.of("/unused"), null, 5, 200, 10_000, 10, 40, 3, 1_000_000,
        72, 1);
    worker = new TargetWorker(WorkerParts.of(TARGET, journal,
        new Coalescer(0, p -> false, collapseChildren),
        new BatchRuns(TARGET, new RsyncCommand("rsync", TARGET, "/data"), runner,
            TreeLister.UNFILTERED, Path.of("/unused"), 1, SourcePresence.ALL_PRESENT), engine, SystemScheduler.INSTANCE,
        () -> 1L));
    worker.start();
  }

  private void append(String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    EventBatch r = new EventBatch(64).reset(1);
    r.add(EventKind.CLOSE_WRITE, false, 0, 0, b, 0, b.length);
    journal.accept(r);
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> c) {
    await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2)).until(c);
  }

  @Test
  void whatArrivesDuringARunGoesInOneNextRun() throws Exception {
    FakeProcessRunner.Gate first = runner.blockNext();
    start(1000);
    append("a");
    assertThat(first.awaitEntered(5, TimeUnit.SECONDS)).isTrue(); // idle: sent at once, alone
    for (int i = 0; i < 50; i++) {
      append("b" + i); // 50 records while rsync runs
    }
    first.release();

    waitUntil(() -> journal.backlog(CURSOR) == 0 && runner.callCount() == 2);
    assertThat(runner.call(0).paths()).containsExactly("a");
    assertThat(runner.call(1).paths()).hasSize(50);
  }

  @Test
  void aBurstIntoOneDirectoryIsSentAsTheDirectory() throws Exception {
    FakeProcessRunner.Gate first = runner.blockNext();
    start(10);
    append("warm");
    assertThat(first.awaitEntered(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 500; i++) {
      append("logs/f" + i);
    }
    first.release();

    waitUntil(() -> journal.backlog(CURSOR) == 0 && runner.callCount() == 2);
    FakeProcessRunner.Call burst = runner.call(1);
    assertThat(burst.paths()).containsExactly("logs");
    assertThat(burst.argv()).contains("-r");
  }
}
