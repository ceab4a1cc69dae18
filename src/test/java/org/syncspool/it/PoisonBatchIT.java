package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedList;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.service.TargetParts;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.Coalescer;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerListener;
import org.syncspool.worker.WorkerParts;
import org.syncspool.worker.WorkerState;
import org.syncspool.time.SystemScheduler;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/**
 * Issue 17 section 3 against a real rsync daemon and a local target, with the real journal: one
 * journal record makes one batch, so its shape is exact. The batch that Debian 12's rsync
 * 3.2.7-1+deb12u6 refuses as a whole (exit 2, "invalid file mode", a deletion listed after an
 * existing path) is delivered anyway: split until each half passes. With an rsync that takes it
 * (3.5.0) it is one run. Run with {@code -Drsync.bin.dir=DIR} (pom profile rsync-bin) to use
 * another rsync, client and test daemon alike. Settings the target refuses whatever the paths
 * (an option rsync does not know) park the target and list nothing.
 */
class PoisonBatchIT {
  @TempDir Path tmp;
  private ReplicationFixture f;
  private ChronicleJournal journal;
  private final List<TargetWorker> workers = new CopyOnWriteArrayList<>();
  private final List<WorkerListener.BatchReport> reports = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (TargetWorker w : workers) {
      w.stop();
      w.join(30_000);
    }
    if (journal != null) {
      journal.close();
    }
    if (f != null) {
      f.close();
    }
  }

  private void startWorkers(Config config) throws Exception {
    journal = ChronicleJournal.open(f.state.resolve("journal"));
    Root root = config.roots().get(0);
    PathFilter filter = new PathFilter(config.excludes());
    for (Target t : root.targets()) {
      BatchRuns runs = TargetParts.runs(config, root, t, filter, new SystemProcessRunner(),
          "rsync");
      FailedList list = TargetParts.failedList(config, t);
      TargetWorker w = new TargetWorker(WorkerParts.of(t, journal,
              new Coalescer(root.id(), p -> false), runs, config.engine(),
              SystemScheduler.INSTANCE, System::currentTimeMillis)
          .withFailures(new TargetFailures(t, list, TargetFailures.loggingReplayer(runs,
              100, System::currentTimeMillis, t.name()), 0, config.engine().retryMaxMillis(),
              SystemScheduler.INSTANCE))
          .withListener(new WorkerListener() {
            @Override
            public void batchEnded(BatchReport r) {
              reports.add(r);
            }
          }));
      workers.add(w);
      w.start();
    }
  }

  /** One record: a new file and, sorted after it, a file deleted on the source. */
  private void journalNewThenDeleted() {
    EventBatch b = new EventBatch(256).reset(System.currentTimeMillis());
    byte[] created = "a-new.txt".getBytes(StandardCharsets.UTF_8);
    byte[] deleted = "z-old.txt".getBytes(StandardCharsets.UTF_8);
    b.add(EventKind.CLOSE_WRITE, false, 0, 0, created, 0, created.length);
    b.add(EventKind.DELETE, false, 0, 0, deleted, 0, deleted.length);
    journal.accept(b);
  }

  @Test
  void aBatchOneRsyncRefusesAsAWholeIsDeliveredAndTheTargetsKeepSyncing() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    f.writeConfig("", true);
    for (Path target : f.targets()) {
      Files.createDirectories(target);
      Files.writeString(target.resolve("z-old.txt"), "deleted on the source");
    }
    Files.writeString(f.source.resolve("a-new.txt"), "new");
    startWorkers(ConfigLoader.load(f.configFile));
    journalNewThenDeleted();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (Path target : f.targets()) {
        assertThat(target.resolve("a-new.txt")).hasContent("new");
        assertThat(target.resolve("z-old.txt")).doesNotExist();
      }
      assertThat(workers).allMatch(w -> w.backlog() == 0 && w.state() == WorkerState.IDLE);
    });
    assertThat(workers).allMatch(w -> w.failedCount() == 0);
    // What the split did, if this rsync refused the batch: nothing parked, nothing listed.
    long refused = reports.stream().filter(r -> r.exitCode() == 2).count();
    System.err.println("batches refused with exit 2 (then split): " + refused + " of "
        + reports.size() + " runs");
    assertThat(reports).noneMatch(WorkerListener.BatchReport::gaveUp);
  }

  @Test
  void anOptionTheTargetRefusesParksItAndListsNothing() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    f.writeConfig("", true);
    Path conf = f.configFile;
    Files.writeString(conf, Files.readString(conf).replace("params=\"-artuz\"",
        "params=\"-artuz --no-such-option\""));
    Files.writeString(f.source.resolve("a.txt"), "a");
    Files.writeString(f.source.resolve("b.txt"), "b");
    startWorkers(ConfigLoader.load(conf));
    EventBatch b = new EventBatch(256).reset(System.currentTimeMillis());
    for (String p : List.of("a.txt", "b.txt")) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, bytes, 0, bytes.length);
    }
    journal.accept(b);

    await().atMost(Duration.ofSeconds(60))
        .until(() -> workers.stream().allMatch(w -> w.state() == WorkerState.PARKED));
    assertThat(workers).allMatch(w -> w.failedCount() == 0 && w.backlog() == 1);
    assertThat(reports).allMatch(r -> r.exitCode() == 1 && r.batch().size() == 2);
  }
}
