package org.syncspool.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Target;
import org.syncspool.service.Daemon;
import org.syncspool.sync.SystemProcessRunner;
import org.syncspool.sync.TargetWorker;
import org.syncspool.sync.WorkerState;
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
    RsyncDaemon rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"));
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path mirror = tmp.resolve("mirror");
    for (int d = 0; d < 20; d++) {
      Path dir = Files.createDirectories(src.resolve("d" + d));
      for (int i = 0; i < 100; i++) {
        Files.write(dir.resolve("f" + i), new byte[4096]);
      }
    }
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <head version="2.5">
          <host hostip="127.0.0.1" port="8008"/>
          <sersync>
            <localpath watch="%s">
              <remote ip="127.0.0.1" name="%s"/>
              <remote path="%s"/>
            </localpath>
            <rsync>
              <commonParams params="-a"/>
              <auth start="true" users="%s" passwordfile="%s"/>
              <userDefinedPort start="true" port="%d"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s" retryMaxMillis="%d"/>
        </head>
        """.formatted(src, RsyncDaemon.MODULE, mirror, RsyncDaemon.USER, rsyncd.passwordFile(),
        rsyncd.port(), tmp.resolve("state"), retryMax);
    Path configFile = tmp.resolve("syncspool.xml");
    Files.writeString(configFile, xml);
    Config config = ConfigLoader.load(configFile);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger changes = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong restartedAt = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong firstSuccessAt = new java.util.concurrent.atomic.AtomicLong();
    try (Daemon daemon = new Daemon(config, false, new SystemProcessRunner(), "rsync")) {
      daemon.addListener(new org.syncspool.sync.WorkerListener() {
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
      rsyncd.close();
      Report.deleteTree(tmp);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
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
