package org.syncspool.worker;

import org.syncspool.batch.Coalescer;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.syncspool.testing.FakeScheduler;
import org.syncspool.testing.TempFailures;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Issue 17 section 3 with a fake runner on a fake scheduler: a batch rsync refuses as a whole
 * (exit 1, 2, 4) while the target answers is bisected until the refused paths are isolated; the
 * rest is delivered, the isolated paths are listed, the cursor moves and the target keeps
 * syncing. A full sync whose only failures are listed counts as done.
 */
class PoisonBatchTest {
  private static final Target TARGET = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null,
      null, Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  private static final String CURSOR = CursorNames.of(TARGET.id());
  private static final Engine ENGINE = new Engine(Path.of("/unused"), null, 20, 1000, 10_000,
      1000, 8000, 3, 1_000_000, 72, 1);

  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeJournal journal = new FakeJournal();
  private final FakeProcessRunner runner = new FakeProcessRunner();
  @TempDir Path tmp;
  private TempFailures failures;
  private TargetWorker worker;

  @AfterEach
  void stop() throws InterruptedException {
    worker.stop();
    worker.join(0);
  }

  private void start(Path marker) {
    failures = new TempFailures(TARGET, tmp, scheduler);
    BatchRuns runs = new BatchRuns(TARGET, new RsyncCommand("rsync", TARGET, "/data"), runner,
        TreeLister.UNFILTERED, Path.of("/unused"), 1, SourcePresence.ALL_PRESENT);
    WorkerParts parts = WorkerParts.of(TARGET, journal, new Coalescer(0, p -> false), runs,
        ENGINE, scheduler, () -> 1_700_000_000_000L).withRandom(() -> 0L)
        .withFailures(failures.failures());
    worker = new TargetWorker(marker == null ? parts : parts.withPendingFullSync(marker));
    worker.start();
    scheduler.runUntilIdle();
  }

  private void append(String... paths) {
    EventBatch b = new EventBatch(1024).reset(1_700_000_000_000L);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes, 0, bytes.length);
    }
    journal.accept(b);
  }

  private static boolean listing(Call c) {
    return c.argv().contains("--list-only");
  }

  private List<List<String>> batches() {
    List<List<String>> out = new ArrayList<>();
    for (Call c : runner.calls()) {
      if (!listing(c)) {
        out.add(c.paths());
      }
    }
    return out;
  }

  @Test
  void onePoisonPathIsIsolatedTheRestDeliveredAndTheTargetKeepsSyncing() {
    runner.when(c -> !listing(c) && c.paths().contains("p5"), 2).otherwiseExit(0);
    List<String> eight = List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7");
    append(eight.toArray(String[]::new));
    start(null);

    assertThat(batches()).containsExactly(eight,
        List.of("p0", "p1", "p2", "p3"), List.of("p4", "p5", "p6", "p7"),
        List.of("p4", "p5"), List.of("p4"), List.of("p5"), List.of("p6", "p7"));
    assertThat(failures.paths()).containsExactly("p5");
    assertThat(failures.exits()).containsExactly(2);
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(scheduler.millis()).isZero(); // no backoff, no park
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);

    append("later.txt");
    scheduler.runUntilIdle();
    assertThat(batches().get(batches().size() - 1)).containsExactly("later.txt");
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1), new Commit(CURSOR, 2));
  }

  @Test
  void twoPoisonPathsAreBothIsolated() {
    runner.when(c -> !listing(c) && (c.paths().contains("a") || c.paths().contains("d")), 1);
    append("a", "b", "c", "d");
    start(null);
    assertThat(failures.paths()).containsExactly("a", "d");
    assertThat(journal.commits()).containsExactly(new Commit(CURSOR, 1));
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
  }

  @Test
  void aRefusedRunWhoseListingIsRefusedTooParksAndListsNothing() {
    runner.alwaysExit(1); // a bad option in commonParams: every run, the listing too
    append("a", "b");
    start(null);
    assertThat(worker.state()).isEqualTo(WorkerState.PARKED);
    assertThat(batches()).containsExactly(List.of("a", "b"));
    assertThat(failures.paths()).isEmpty();
    assertThat(journal.commits()).isEmpty();
  }

  @Test
  void aFullSyncEndingIn23IsListedAndCountsAsDone(@TempDir Path dir) throws Exception {
    Path marker = Files.createFile(dir.resolve("pending"));
    runner.thenExit(23, 23, 23);
    start(marker);
    scheduler.advanceBy(1000 + 2000); // two retries
    assertThat(runner.calls()).hasSize(3);
    assertThat(failures.paths()).containsExactly("/**"); // the root, with its subtree
    assertThat(Files.exists(marker)).isFalse();

    scheduler.advanceBy(60_000); // no full sync every few seconds any more
    assertThat(runner.calls()).hasSize(3);
    assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
  }
}
