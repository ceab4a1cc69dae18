package org.syncspool.worker;

import static org.syncspool.worker.TimingSettings.COMMAND;
import static org.syncspool.worker.TimingSettings.CURSOR;
import static org.syncspool.worker.TimingSettings.ENGINE;
import static org.syncspool.worker.TimingSettings.TARGET;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncspool.batch.Coalescer;
import org.syncspool.testing.FakeJournal;
import org.syncspool.testing.FakeJournal.Commit;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeScheduler;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Both lanes on a {@link FakeScheduler}: the lane's thread and waits come from the injected
 * scheduler like the worker's, so its backoff happens at exact fake milliseconds while the small
 * lane goes on. Backoff 1000 ms doubling to 8000 ms, jitter 0.
 */
class BigLaneTimingTest {

  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner small = new FakeProcessRunner();
  private final FakeProcessRunner big = new FakeProcessRunner();
  private final List<Long> smallAt = new CopyOnWriteArrayList<>();
  private final List<Long> bigAt = new CopyOnWriteArrayList<>();
  private TargetWorker worker;

  BigLaneTimingTest() {
    small.onRun(c -> smallAt.add(scheduler.millis()));
    big.onRun(c -> bigAt.add(scheduler.millis()));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (worker != null) {
      worker.stop();
      scheduler.runUntilIdle();
      worker.join(0);
    }
  }

  private void start() {
    BatchRuns smallRuns = new BatchRuns(TARGET, COMMAND, small, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    BatchRuns bigRuns = new BatchRuns(TARGET, COMMAND, big, TreeLister.UNFILTERED,
        Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    Map<String, Long> sizes = Map.of("big.iso", 5000L);
    worker = new TargetWorker(WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false),
            smallRuns, ENGINE, scheduler, () -> 1_700_000_000_000L).withRandom(() -> 0L)
        .withBigLane(new WorkerParts.BigLaneParts(bigRuns, 1000,
            p -> sizes.getOrDefault(new String(p.bytes(), StandardCharsets.UTF_8), 10L))));
    worker.start();
    scheduler.runUntilIdle();
  }

  private void append(String... paths) {
    EventBatch b = new EventBatch(256).reset(1_700_000_000_000L);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes, 0, bytes.length);
    }
    journal.accept(b);
  }

  @Test
  void theBigLaneBacksOffOnItsOwnWhileSmallFilesGoOnAndTheCursorWaits() {
    big.thenExit(10, 10); // unreachable twice: backoff 1000 ms, then 2000 ms
    start();
    append("big.iso", "a.txt");
    scheduler.runUntilIdle();
    assertThat(smallAt).containsExactly(0L);
    assertThat(bigAt).containsExactly(0L);
    assertThat(worker.bigLane().state()).isEqualTo(Lanes.State.WAITING);

    scheduler.advanceBy(500);
    append("b.txt");
    scheduler.runUntilIdle();
    assertThat(smallAt).as("the small lane does not wait for the backoff")
        .containsExactly(0L, 500L);
    assertThat(journal.commits()).as("held before the big file's record").isEmpty();

    scheduler.advanceBy(500); // 1000: unreachable again; 3000: delivered
    assertThat(bigAt).containsExactly(0L, 1000L);
    scheduler.advanceBy(1999);
    assertThat(journal.commits()).isEmpty();
    scheduler.advanceBy(1);
    assertThat(bigAt).containsExactly(0L, 1000L, 3000L);
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 2));
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
    assertThat(worker.bigLane().state()).isEqualTo(Lanes.State.IDLE);
  }

  @Test
  void stopDuringTheBigLanesBackoffEndsBothAtOnceAndKeepsTheHold() {
    big.thenExit(10);
    start();
    append("a.txt");
    scheduler.runUntilIdle();
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    append("big.iso");
    append("b.txt");
    scheduler.runUntilIdle();
    assertThat(smallAt).containsExactly(0L, 0L);
    scheduler.advanceBy(300);
    worker.stop();
    scheduler.runUntilIdle();
    assertThat(scheduler.millis()).isEqualTo(300);
    assertThat(scheduler.ended("syncspool-worker-/mirror")).isTrue();
    assertThat(scheduler.ended("syncspool-biglane-/mirror")).isTrue();
    assertThat(bigAt).containsExactly(0L);
    assertThat(journal.committed(CURSOR)).as("b.txt is on the target, big.iso is not: the "
        + "next start reads from big.iso's record").isEqualTo(1);
  }
}
