package org.syncspool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.syncspool.service.Daemon;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerState;

/**
 * Not a test. Issue 12's burst goal on one {@link SersyncTarget} (sersync settings: -artz,
 * timeout 30): {@code files} x {@code fileKiB} KiB in {@code dirs} new directories, then
 * {@code big} x {@code bigMiB} MiB ({@link BurstSync#writeBurst}), timed from the burst's end
 * until the worker is idle with nothing left and the target lists what the source lists (names,
 * types, sizes, mtimes). Reference in the same run: one {@code rsync -az --timeout=30} of the
 * final tree to the emptied target. lsyncd (delay 1 s) on the same burst to the emptied target.
 *
 * <p>Usage: {@code BurstGoal TARGET [files=10000] [dirs=100] [fileKiB=4] [big=20] [bigMiB=10]
 * [lsyncd=1]}, TARGET daemon, local or ssh.
 */
public final class BurstGoal {
  private BurstGoal() {
  }

  public static void main(String[] args) throws Exception {
    SersyncTarget.Kind kind = SersyncTarget.kind(args[0]);
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int dirs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int fileKiB = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int big = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    int bigMiB = args.length > 5 ? Integer.parseInt(args[5]) : 10;
    boolean lsyncd = (args.length <= 6 || !args[6].equals("0")) && BenchTargets.lsyncdInstalled();
    Path base = Files.createTempDirectory("syncspool-burst").toRealPath();
    try (SersyncTarget t = SersyncTarget.start(kind, base)) {
      String bench = "burst " + t.label();
      Path src = Files.createDirectories(base.resolve("source"));
      double ours;
      double written;
      try (Daemon d = Streams.syncspool(t, src, "")) {
        awaitConverged(d, src, t.dir());
        long t0 = System.nanoTime();
        BurstSync.writeBurst(src, files, dirs, fileKiB, big, bigMiB);
        long end = System.nanoTime();
        written = (end - t0) / 1e6;
        ours = (awaitConverged(d, src, t.dir()) - end) / 1e6;
        Streams.standbyMetrics(bench, d);
      }
      t.wipe();
      List<String> argv = t.plainRsync(List.of("-az", "--timeout=" + SersyncTarget.TIMEOUT_SECONDS),
          src);
      long r0 = System.nanoTime();
      Process p = new ProcessBuilder(argv).inheritIO().start();
      int code = p.waitFor();
      double ref = (System.nanoTime() - r0) / 1e6;
      if (code != 0 || !BenchTargets.listing(src).equals(BenchTargets.listing(t.dir()))) {
        throw new IOException("reference rsync exit " + code + " or trees differ: " + argv);
      }
      System.out.println("reference argv: " + String.join(" ", argv));
      double ls = Double.NaN;
      if (lsyncd) {
        t.wipe();
        Path lsrc = Files.createDirectories(base.resolve("lsource"));
        Process l = t.startLsyncd(lsrc, List.of());
        try {
          BurstSync.writeBurst(lsrc, files, dirs, fileKiB, big, bigMiB);
          long end = System.nanoTime();
          long done = awaitInSync(lsrc, t.dir(), () -> true);
          ls = done < 0 ? Double.POSITIVE_INFINITY : (done - end) / 1e6;
        } finally {
          BenchTargets.stop(l);
        }
      }
      Report.metric(bench, "burst written ms", written);
      Report.metric(bench, "end of burst -> converged ms", ours);
      Report.metric(bench, "rsync -az --timeout=30 of the final tree ms", ref);
      Report.metric(bench, "lsyncd end of burst -> converged ms", ls);
      String what = String.format(Locale.ROOT, "burst %d x %d KiB + %d x %d MiB, %s target",
          files, fileKiB, big, bigMiB, t.label());
      Streams.goal("burst-" + t.label(), what, "s", ours, Double.NaN, ref, ours / ref, 1.0,
          "end of burst -> converged / one rsync -az --timeout=30 of the final tree", ls,
          Double.NaN);
    } finally {
      Report.deleteTree(base);
    }
    System.exit(0);
  }

  /** Worker idle with nothing left and the trees equal: the time of the look that saw it. */
  private static long awaitConverged(Daemon d, Path src, Path dst)
      throws IOException, InterruptedException {
    long at = awaitInSync(src, dst, () -> {
      boolean idle = true;
      for (TargetWorker w : d.workers()) {
        idle &= w.backlog() == 0 && w.state() == WorkerState.IDLE;
      }
      return idle;
    });
    if (at < 0) {
      throw new IOException("syncspool did not converge in time");
    }
    return at;
  }

  /**
   * Polls every 20 ms until {@code ready} and the listings are equal; the nanoTime taken before
   * the look that saw it (a look at 10k entries takes 100 ms itself), -1 after the timeout.
   */
  private static long awaitInSync(Path src, Path dst, java.util.function.BooleanSupplier ready)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BenchTargets.timeoutMillis());
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      if (ready.getAsBoolean()) {
        Map<String, String> a = BenchTargets.listing(src);
        if (a.equals(BenchTargets.listing(dst))) {
          return now;
        }
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return -1;
  }
}
