package org.syncspool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerState;

/**
 * Not a test. P2: a burst of small files in many directories plus a few big files, replicated to
 * two targets (loopback daemon + local directory) by a freshly started daemon; timed from the
 * burst's first write until both targets hold the whole tree. References in the same run: the
 * physical limit (one {@code rsync -a} of the final tree to both targets, emptied first) and
 * lsyncd on the same burst, when installed.
 *
 * <p>Usage: {@code BurstSync [files=10000] [dirs=100] [fileKiB=4] [big=20] [bigMiB=10]}.
 */
public final class BurstSync {
  private BurstSync() {
  }

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int dirs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int fileKiB = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int big = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int bigMiB = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String what = String.format(Locale.ROOT, "burst: %d files of %d KiB in %d dirs + %d files of "
        + "%d MiB, 2 targets (daemon + local)", files, fileKiB, dirs, big, bigMiB);
    Path tmp = Files.createTempDirectory("syncspool-p2").toRealPath();
    try (BenchTargets t = new BenchTargets(tmp)) {
      double[] ours = syncspool(t, files, dirs, fileKiB, big, bigMiB);
      System.out.printf(Locale.ROOT, "syncspool: burst written in %.0f ms, on both targets %.0f ms"
          + " after its start%n", ours[1], ours[0]);
      t.wipeTargets();
      double limit = t.rsyncBoth(List.of());
      double after = ours[0] - ours[1];
      System.out.printf(Locale.ROOT, "physical limit (rsync -a of the final tree to both): %.0f ms%n",
          limit);
      // The goal's clock: flush is called when the burst is written and returns when both
      // targets have it; the physical limit starts from the finished tree too.
      Report.row("P2", what + ": end of burst -> on both targets (flush)", Report.seconds(after),
          "rsync -a of the final tree: " + Report.seconds(limit), after / limit,
          after / limit <= 1.2 ? "met (<= 1.2)" : "MISSED (<= 1.2)");
      Report.row("P2", what + ": start of burst -> on both targets (burst took "
          + Report.seconds(ours[1]) + ")", Report.seconds(ours[0]),
          "burst + rsync -a: " + Report.seconds(ours[1] + limit), ours[0] / (ours[1] + limit),
          "(information)");
      if (BenchTargets.lsyncdInstalled()) {
        t.wipeTargets();
        Report.deleteTree(t.source);
        Files.createDirectories(t.source);
        Process lsyncd = t.startLsyncd();
        try {
          writeBurst(t.source, files, dirs, fileKiB, big, bigMiB);
          long t0 = System.nanoTime();
          long done = t.awaitInSync(100, BenchTargets.timeoutMillis());
          double ms = done < 0 ? Double.NaN : (done - t0) / 1e6;
          System.out.printf(Locale.ROOT, "lsyncd: on both targets %.0f ms after the burst's end%n", ms);
          Report.row("P2", what + ": end of burst -> on both targets", Report.seconds(after),
              "lsyncd (delay 1 s): " + Report.seconds(ms), after / ms, "(information)");
        } finally {
          BenchTargets.stop(lsyncd);
        }
      }
    } finally {
      Report.deleteTree(tmp);
    }
    System.exit(0);
  }

  /** Returns {burst start -> in sync ms, burst write ms}. */
  private static double[] syncspool(BenchTargets t, int files, int dirs, int fileKiB, int big,
                                    int bigMiB) throws Exception {
    try (Daemon daemon = new Daemon(ConfigLoader.load(t.syncspoolConfig("")), false,
        new SystemProcessRunner(), "rsync")) {
      daemon.start();
      awaitDaemon(daemon, t); // a first start's full sync (of nothing) is not part of the burst
      long t0 = System.nanoTime();
      writeBurst(t.source, files, dirs, fileKiB, big, bigMiB);
      long written = System.nanoTime();
      long done = awaitDaemon(daemon, t);
      int off = t.mtimeMismatches();
      if (off > 0) {
        System.out.println("syncspool: " + off + " target files with the right size but an mtime"
            + " off by up to " + BenchTargets.MTIME_SLACK_MILLIS + " ms:\n" + t.differences());
        Report.metric("P2", "syncspool files with a stale mtime", off);
      }
      return new double[] {(done - t0) / 1e6, (written - t0) / 1e6};
    }
  }

  /**
   * Both workers idle with nothing left in the journal, and both targets equal to the source:
   * what {@code flush} waits for. Polls every 20 ms (a benchmark, not a test).
   */
  static long awaitDaemon(Daemon daemon, BenchTargets t) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + BenchTargets.timeoutMillis() * 1_000_000;
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime(); // before the tree comparison, which takes 100+ ms itself
      boolean idle = true;
      for (TargetWorker w : daemon.workers()) {
        idle &= w.backlog() == 0 && w.state() == WorkerState.IDLE;
      }
      if (idle && t.inSync()) {
        return now;
      }
      Thread.sleep(20);
    }
    StringBuilder states = new StringBuilder();
    for (TargetWorker w : daemon.workers()) {
      states.append(w.target().name()).append(' ').append(w.state()).append(" backlog ")
          .append(w.backlog()).append("; ");
    }
    throw new IOException("not in sync in time: " + states + "\n" + t.differences());
  }

  /** Small files round-robin over new directories, then the big files at the top. */
  static void writeBurst(Path src, int files, int dirs, int fileKiB, int big, int bigMiB)
      throws IOException {
    byte[] small = new byte[fileKiB * 1024];
    Arrays.fill(small, (byte) 's');
    Path[] d = new Path[dirs];
    for (int i = 0; i < dirs; i++) {
      d[i] = Files.createDirectory(src.resolve(String.format(Locale.ROOT, "dir%03d", i)));
    }
    for (int i = 0; i < files; i++) {
      small[0] = (byte) i; // not all alike
      Files.write(d[i % dirs].resolve(String.format(Locale.ROOT, "f%05d", i)), small);
    }
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < big; i++) {
      Arrays.fill(chunk, (byte) ('A' + i % 26));
      try (var out = Files.newOutputStream(src.resolve(String.format(Locale.ROOT, "big%02d.bin", i)))) {
        for (int m = 0; m < bigMiB; m++) {
          chunk[0] = (byte) m;
          out.write(chunk);
        }
      }
    }
  }
}
