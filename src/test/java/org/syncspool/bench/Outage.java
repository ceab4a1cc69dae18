package org.syncspool.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Target;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerListener;
import org.syncspool.worker.WorkerState;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.TreeAssert;

/**
 * Not a test. Catch-up after an outage of one target during steady changes: a loopback rsync
 * daemon target is stopped for {@code outageSeconds} while a writer changes 20 files a second,
 * then started again. Reports how long the daemon target took to be back in sync (first: until
 * its backoff let a retry find it; then: until its backlog was replayed), and the lag of the
 * healthy local target meanwhile.
 *
 * <p>Usage: {@code Outage [outageSeconds=60] [retryMaxMillis=300000]}.
 */
public final class Outage {
  private Outage() {
  }

  public static void main(String[] args) throws Exception {
    int outage = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    long retryMax = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
    String bench = "Outage " + outage + "s retryMax " + retryMax + "ms";
    Path tmp = Files.createTempDirectory("syncspool-outage");
    BenchTargets targets = new BenchTargets(tmp);
    RsyncDaemon rsyncd = targets.rsyncd;
    Path src = targets.source;
    Path mirror = targets.mirror;
    for (int d = 0; d < 20; d++) {
      Path dir = Files.createDirectories(src.resolve("d" + d));
      for (int i = 0; i < 100; i++) {
        Files.write(dir.resolve("f" + i), new byte[4096]);
      }
    }
    Path configFile = targets.syncspoolConfig("retryMaxMillis=\"" + retryMax + "\"");
    Config config = ConfigLoader.load(configFile);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger changes = new AtomicInteger();
    AtomicLong restartedAt = new AtomicLong();
    AtomicLong firstSuccessAt = new AtomicLong();
    try (Daemon daemon = new Daemon(config, false, new SystemProcessRunner(), "rsync")) {
      daemon.addListener(new WorkerListener() {
        @Override
        public void batchEnded(BatchReport r) {
          if (r.succeeded() && r.target().mode() == Target.Mode.DAEMON && restartedAt.get() > 0) {
            firstSuccessAt.compareAndSet(0, System.nanoTime());
          }
        }
      });
      daemon.start();
      TargetWorker remote = daemon.workers().stream()
          .filter(w -> w.target().mode() == Target.Mode.DAEMON).findFirst().orElseThrow();
      TargetWorker local = daemon.workers().stream()
          .filter(w -> w.target().mode() == Target.Mode.LOCAL).findFirst().orElseThrow();
      waitFor(() -> remote.state() == WorkerState.IDLE && local.state() == WorkerState.IDLE);
      Thread writer = new Thread(() -> {
        int n = 0;
        while (writing.get()) {
          try {
            Files.writeString(src.resolve("d" + (n % 20) + "/f" + (n % 150)), "change " + n);
            changes.incrementAndGet();
            n++;
            Thread.sleep(50); // the steady rate of the workload: 20 changes a second
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
      writer.start();
      rsyncd.stop();
      long maxLocalLag = 0;
      long end = System.nanoTime() + outage * 1_000_000_000L;
      while (System.nanoTime() < end) {
        maxLocalLag = Math.max(maxLocalLag, System.currentTimeMillis() - local.lastSuccessMillis());
        Thread.sleep(100); // sampling the healthy target's last success
      }
      long backlog = remote.backlog();
      int changedDuring = changes.get();
      rsyncd.restart();
      long t0 = System.nanoTime();
      restartedAt.set(t0);
      waitFor(() -> firstSuccessAt.get() != 0);
      double firstSuccess = (firstSuccessAt.get() - t0) / 1e6;
      waitFor(() -> remote.backlog() == 0 && remote.state() == WorkerState.IDLE);
      double caughtUp = (System.nanoTime() - t0) / 1e6;
      writing.set(false);
      writer.join();
      waitFor(() -> remote.backlog() == 0 && local.backlog() == 0
          && remote.state() == WorkerState.IDLE);
      waitFor(() -> {
        try {
          TreeAssert.assertMirrors(src, rsyncd.moduleDir());
          TreeAssert.assertMirrors(src, mirror);
          return true;
        } catch (AssertionError e) {
          return false;
        }
      });
      Report.metric(bench, "changes during outage", changedDuring);
      Report.metric(bench, "journal records behind at restart", backlog);
      Report.metric(bench, "restart -> first successful batch ms", firstSuccess);
      Report.metric(bench, "restart -> caught up ms", caughtUp);
      Report.metric(bench, "healthy target: max time since last success ms", maxLocalLag);
    } finally {
      writing.set(false);
      targets.close();
      Report.deleteTree(tmp);
    }
  }

  private static void waitFor(BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 900_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(20); // polling a condition, not a timing assumption
    }
  }
}
