package org.syncspool.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Not a test. P5: a fresh daemon on a tree of {@code dirs} directories holding {@code files}
 * empty files: time from process start until every watch is in place (the daemon's "watching N
 * directories" line; start() logs it after the last watch) and resident memory. P6: an idle
 * daemon's CPU time over {@code idleSeconds}, lsyncd's beside it when installed.
 *
 * <p>Usage: {@code StartAndIdle p5 JAR [dirs=100000] [filesPerDir=10]} or
 * {@code StartAndIdle p6 JAR [idleSeconds=60]}.
 */
public final class StartAndIdle {
  private StartAndIdle() {
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[1]).toAbsolutePath();
    if (args[0].equals("p5")) {
      p5(jar, args.length > 2 ? Integer.parseInt(args[2]) : 100_000,
          args.length > 3 ? Integer.parseInt(args[3]) : 10);
    } else {
      p6(jar, args.length > 2 ? Integer.parseInt(args[2]) : 60);
    }
    System.exit(0);
  }

  private static void p5(Path jar, int dirs, int filesPerDir) throws Exception {
    // The tree lives on tmpfs by default: on this VM's ext4 /tmp creating a file cost ~300 us of
    // system time under load (a million would take minutes before the measurement starts).
    // P5_DIR=/some/dir measures another file system.
    String base = System.getenv().getOrDefault("P5_DIR",
        Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
    Path tmp = Files.createTempDirectory(Path.of(base), "syncspool-p5").toRealPath();
    try (BenchTargets t = new BenchTargets(tmp)) {
      long b0 = System.nanoTime();
      int top = Math.max(1, dirs / 100);
      int per = Math.max(1, dirs / top);
      long fileCount = (long) top * per * filesPerDir;
      Path builder = Path.of("target/bench-tree");
      if (Files.isExecutable(builder)) {
        Process b = new ProcessBuilder(builder.toString(), t.source.toString(), String.valueOf(top),
            String.valueOf(per), String.valueOf(filesPerDir)).inheritIO().start();
        if (b.waitFor() != 0) {
          throw new IllegalStateException("bench-tree failed");
        }
      } else {
        for (int i = 0; i < top; i++) {
          Path d = Files.createDirectory(t.source.resolve(String.format(Locale.ROOT, "t%04d", i)));
          for (int j = 0; j < per; j++) {
            Path leaf = Files.createDirectory(d.resolve(String.format(Locale.ROOT, "d%03d", j)));
            for (int k = 0; k < filesPerDir; k++) {
              Files.createFile(leaf.resolve("f" + k));
            }
          }
        }
      }
      long total = (long) top * per + top;
      System.out.printf(Locale.ROOT, "tree: %d directories, %d files in %s, built in %.1f s%n",
          total, fileCount, base, (System.nanoTime() - b0) / 1e9);
      Path config = t.syncspoolConfig("");
      try (ChildProcess p = ChildProcess.syncspool(jar, config, tmp.resolve("p5.out"))) {
        long watched = p.awaitOutput("directories under", 600_000);
        if (watched < 0) {
          throw new IllegalStateException("no 'watching' line: " + Files.readString(p.out));
        }
        double secs = (watched - p.startNanos) / 1e9;
        double rss = p.statusMiB("VmRSS");
        Thread.sleep(5000); // the workers' first look at the journal, and the GC after the walk
        double hwm = p.statusMiB("VmHWM");
        double rssLater = p.statusMiB("VmRSS");
        System.out.print(Files.readString(p.out));
        System.out.printf(Locale.ROOT, "watches in place %.2f s after process start; RSS then "
            + "%.0f MiB, 5 s later %.0f MiB, peak %.0f MiB%n", secs, rss, rssLater, hwm);
        String opts = System.getenv("BENCH_JAVA_OPTS");
        String what = String.format(Locale.ROOT, "tree of %d dirs / %d files (on %s), fresh process"
            + " (java %s-jar)", total, fileCount, base.equals("/dev/shm") ? "tmpfs" : base,
            opts == null || opts.isBlank() ? "" : opts.trim() + " ");
        Report.row("P5", what + ": process start -> all watches in place", Report.seconds(secs * 1000),
            "goal: 5 s", secs / 5, secs <= 5 ? "met" : "MISSED");
        Report.row("P5", what + ": peak RSS (VmHWM)", String.format(Locale.ROOT, "%.0f MiB", hwm),
            "goal: 200 MB", hwm * 1.048576 / 200, hwm * 1.048576 <= 200 ? "met" : "MISSED");
      }
    } finally {
      Report.deleteTree(tmp);
    }
  }

  private static void p6(Path jar, int idleSeconds) throws Exception {
    Path tmp = Files.createTempDirectory("syncspool-p6").toRealPath();
    try (BenchTargets t = new BenchTargets(tmp)) {
      BurstSync.writeBurst(t.source, 100, 10, 4, 0, 0);
      t.rsyncBoth(List.of());
      Path config = t.syncspoolConfig("");
      try (ChildProcess ours = ChildProcess.syncspool(jar, config, tmp.resolve("p6.out"))) {
        ChildProcess theirs = null;
        try {
          if (BenchTargets.lsyncdInstalled()) {
            // waits for its startup syncs
            theirs = ChildProcess.wrap(t.startLsyncd(), tmp.resolve("lsyncd.out"));
          }
          if (ours.awaitOutput("directories under", 120_000) < 0) {
            throw new IllegalStateException("syncspool did not start: " + Files.readString(ours.out));
          }
          Thread.sleep(10_000); // start-up work (JIT, first journal look) is not idling
          double a0 = ours.cpuSeconds();
          java.util.Map<String, Long> threads0 = ours.threadTicks();
          double b0 = theirs == null ? 0 : theirs.cpuSeconds();
          Thread.sleep(idleSeconds * 1000L);
          double a = ours.cpuSeconds() - a0;
          // Which threads used it (ticks of 10 ms), for whoever chases the remainder.
          java.util.Map<String, Long> threads1 = ours.threadTicks();
          threads1.forEach((name, ticks) -> {
            long d = ticks - threads0.getOrDefault(name, 0L);
            if (d > 0) {
              System.out.println("  idle CPU: thread " + name + ": " + d + " ticks");
              Report.metric("P6", "idle ticks " + name, d);
            }
          });
          System.out.printf(Locale.ROOT, "idle %d s: syncspool %.2f s CPU%n", idleSeconds, a);
          String opts = System.getenv("BENCH_JAVA_OPTS");
          String jvm = " (java " + (opts == null || opts.isBlank() ? "" : opts.trim() + " ") + "-jar)";
          Report.row("P6", "idle daemon, " + idleSeconds + " s" + jvm + ": CPU time", String.format(Locale.ROOT,
              "%.2f s", a), "goal: 0.1 s", a / 0.1, a <= 0.1 ? "met" : "MISSED");
          if (theirs != null) {
            double b = theirs.cpuSeconds() - b0;
            Report.row("P6", "idle daemon, " + idleSeconds + " s" + jvm + ": CPU time", String.format(
                Locale.ROOT, "%.2f s", a), String.format(Locale.ROOT, "lsyncd: %.2f s", b),
                b > 0 ? a / b : Double.NaN, "(information)");
          }
        } finally {
          if (theirs != null) {
            theirs.close();
          }
        }
      }
    } finally {
      Report.deleteTree(tmp);
    }
  }
}
