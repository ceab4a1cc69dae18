package org.syncspool.bench;

import static org.syncspool.bench.Streams.q;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.Target;
import org.syncspool.service.Daemon;

/**
 * Not a test. Issue 12's latency goals, each against a cold rsync of the same file with the same
 * settings to the same target in the same run (syncspool's own batch argv, started fresh: see
 * {@link SersyncTarget#coldArgv}), half of the cold runs before and half after syncspool's, with
 * lsyncd (default.rsync, delay 1 s) on the same target afterwards. All writers are open loop: a
 * file is written on its schedule whether or not the previous one has arrived.
 *
 * <p>Usage: {@code LatencyGoals SCENARIO TARGET [key=value ...]}, TARGET one of local, daemon,
 * ssh ({@link SersyncTarget}):
 * <ul>
 *   <li>{@code idle}: 1 KiB every {@code interval} ms (100), {@code files} (200) after 10 of
 *       warm-up; goals p50 &lt;= 0.5x the cold p50 (and for the daemon p99 &lt;= 1.5x);
 *   <li>{@code steady}: {@code rate} files/s (20) for {@code seconds} (30); goals p50 &lt;= 1x
 *       the cold p50, and the last third's p50 &lt;= 1.5x the first third's (no growth);
 *   <li>{@code big}: {@code files} idle files, then a {@code bigMiB} (2048) file of random bytes
 *       moved into the source (staged on the same file system) while 1 KiB files go on every
 *       {@code interval} ms until it has arrived; {@code --bwlimit=bwlimit} (80m) in commonParams
 *       so it lasts 20 s or more; goal: their p99 &lt;= 3x the idle p99 of the same run.
 * </ul>
 * Other keys: {@code cold} (20 cold runs), {@code lsyncd} (1; 0 = without), {@code lsFiles}
 * (50), {@code lsSeconds} (10), {@code tmp} (the directory for the run's files).
 */
public final class LatencyGoals {
  private static final long MS = 1_000_000L;

  private LatencyGoals() {
  }

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    SersyncTarget.Kind kind = SersyncTarget.kind(args[1]);
    Map<String, String> o = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      o.put(kv[0], kv[1]);
    }
    Path parent = Path.of(o.getOrDefault("tmp", System.getProperty("java.io.tmpdir")));
    Path base = Files.createTempDirectory(parent, "syncspool-goal").toRealPath();
    try (SersyncTarget t = SersyncTarget.start(kind, base)) {
      Arrivals arr = new Arrivals(t.dir());
      try {
        switch (scenario) {
          case "idle" -> idle(t, arr, o);
          case "steady" -> steady(t, arr, o);
          case "big" -> big(t, arr, o);
          default -> throw new IllegalArgumentException("no scenario " + scenario);
        }
      } finally {
        arr.close();
      }
    } finally {
      Report.deleteTree(base);
    }
    System.exit(0);
  }

  private static int num(Map<String, String> o, String key, int dflt) {
    return o.containsKey(key) ? Integer.parseInt(o.get(key)) : dflt;
  }

  private static boolean lsyncd(Map<String, String> o) {
    return num(o, "lsyncd", 1) == 1 && BenchTargets.lsyncdInstalled();
  }

  /** The three source directories: syncspool's, the cold runs', lsyncd's. */
  private static Path[] sources(SersyncTarget t) throws IOException {
    return new Path[] {Files.createDirectories(t.base.resolve("source")),
        Files.createDirectories(t.base.resolve("bare")),
        Files.createDirectories(t.base.resolve("lsource"))};
  }

  private static void idle(SersyncTarget t, Arrivals arr, Map<String, String> o)
      throws Exception {
    int files = num(o, "files", 200);
    long period = num(o, "interval", 100) * MS;
    int coldRuns = num(o, "cold", 20);
    Path[] dirs = sources(t);
    double[] lat;
    Streams.Cold cold;
    String bench = "idle " + t.label();
    try (Daemon d = Streams.syncspool(t, dirs[0], "")) {
      Target target = d.config().targets().get(0);
      cold = Streams.cold(arr, target, dirs[1], "c", coldRuns / 2, period / MS);
      Streams.stream(dirs[0], arr, "w", 10, period);
      long logins = t.sshLogins();
      lat = Streams.stream(dirs[0], arr, "f", files, period);
      if (logins >= 0) {
        Report.metric(bench, "ssh logins while syncspool's files went", t.sshLogins() - logins);
      }
      cold = cold.plus(Streams.cold(arr, target, dirs[1], "d", coldRuns - coldRuns / 2,
          period / MS));
      Streams.standbyMetrics(bench, d);
    }
    double[] ls = lsyncd(o) ? lsyncdStream(t, arr, dirs[2], num(o, "lsFiles", 50), period,
        List.of()) : new double[0];
    double coldP50 = q(cold.arrival(), 0.5);
    metrics(bench, lat, cold, ls);
    String what = "idle, 1 KiB every " + period / MS + " ms x " + files + ", " + t.label()
        + " target";
    double p50 = q(lat, 0.5);
    double p99 = q(lat, 0.99);
    Streams.goal("idle-" + t.label() + "-p50", what, "ms", p50, p99, coldP50, p50 / coldP50,
        0.5, "p50 / cold p50", q(ls, 0.5), q(ls, 0.99));
    if (t.kind == SersyncTarget.Kind.DAEMON) {
      Streams.goal("idle-" + t.label() + "-p99", what, "ms", p50, p99, coldP50, p99 / coldP50,
          1.5, "p99 / cold p50", q(ls, 0.5), q(ls, 0.99));
    }
  }

  private static void steady(SersyncTarget t, Arrivals arr, Map<String, String> o)
      throws Exception {
    int rate = num(o, "rate", 20);
    int seconds = num(o, "seconds", 30);
    int coldRuns = num(o, "cold", 20);
    long period = 1_000_000_000L / rate;
    Path[] dirs = sources(t);
    double[] lat;
    Streams.Cold cold;
    String bench = "steady " + t.label();
    try (Daemon d = Streams.syncspool(t, dirs[0], "")) {
      Target target = d.config().targets().get(0);
      cold = Streams.cold(arr, target, dirs[1], "c", coldRuns / 2, 100);
      Streams.stream(dirs[0], arr, "w", 10, 100 * MS);
      lat = Streams.stream(dirs[0], arr, "f", rate * seconds, period);
      cold = cold.plus(Streams.cold(arr, target, dirs[1], "d", coldRuns - coldRuns / 2, 100));
      Streams.standbyMetrics(bench, d);
    }
    double[] ls = lsyncd(o) ? lsyncdStream(t, arr, dirs[2], rate * num(o, "lsSeconds", 10),
        period, List.of()) : new double[0];
    double coldP50 = q(cold.arrival(), 0.5);
    metrics(bench, lat, cold, ls);
    int third = lat.length / 3;
    double first = q(Streams.range(lat, 0, third), 0.5);
    double last = q(Streams.range(lat, lat.length - third, lat.length), 0.5);
    Report.metric(bench, "first third p50 ms", first);
    Report.metric(bench, "last third p50 ms", last);
    String what = "steady " + rate + " files/s for " + seconds + " s, " + t.label() + " target";
    double p50 = q(lat, 0.5);
    double p99 = q(lat, 0.99);
    Streams.goal("steady-" + t.label() + "-p50", what, "ms", p50, p99, coldP50, p50 / coldP50,
        1.0, "p50 / cold p50", q(ls, 0.5), q(ls, 0.99));
    int lsThird = ls.length / 3;
    String lsGrowth = ls.length < 3 ? "" : String.format(Locale.ROOT, "; lsyncd %.0f -> %.0f ms",
        q(Streams.range(ls, 0, lsThird), 0.5), q(Streams.range(ls, ls.length - lsThird,
            ls.length), 0.5));
    Streams.goal("steady-" + t.label() + "-growth", what + ": lag growth", "ms", p50, p99,
        coldP50, last / first, 1.5, String.format(Locale.ROOT,
            "last third p50 %.1f ms / first third p50 %.1f ms%s", last, first, lsGrowth),
        q(ls, 0.5), q(ls, 0.99));
  }

  private static void big(SersyncTarget t, Arrivals arr, Map<String, String> o)
      throws Exception {
    int files = num(o, "files", 100);
    long period = num(o, "interval", 100) * MS;
    int coldRuns = num(o, "cold", 20);
    int bigMiB = num(o, "bigMiB", 2048);
    String bwlimit = o.getOrDefault("bwlimit", "80m");
    Path[] dirs = sources(t);
    Path stage = Files.createDirectories(t.base.resolve("stage"));
    Path staged = stage.resolve("big.bin");
    long size = randomFile(staged, bigMiB);
    String bench = "big " + t.label();
    double[] idle;
    double[] during;
    double bigMillis;
    Streams.Cold cold;
    try (Daemon d = Streams.syncspool(t, dirs[0], "--bwlimit=" + bwlimit)) {
      Target target = d.config().targets().get(0);
      cold = Streams.cold(arr, target, dirs[1], "c", coldRuns / 2, period / MS);
      Streams.stream(dirs[0], arr, "w", 10, period);
      idle = Streams.stream(dirs[0], arr, "i", files, period);
      double[] r = whileBig(dirs[0], arr, staged, "big.bin", size, period);
      bigMillis = r[0];
      during = Streams.range(r, 1, r.length);
      cold = cold.plus(Streams.cold(arr, target, dirs[1], "d", coldRuns - coldRuns / 2,
          period / MS));
      Streams.standbyMetrics(bench, d);
    }
    double[] lsIdle = new double[0];
    double[] lsDuring = new double[0];
    if (lsyncd(o)) {
      Files.move(dirs[0].resolve("big.bin"), staged, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(t.dir().resolve("big.bin"));
      Process p = t.startLsyncd(dirs[2], List.of("--bwlimit=" + bwlimit));
      try {
        lsIdle = Streams.stream(dirs[2], arr, "li", num(o, "lsFiles", 50), period);
        double[] r = whileBig(dirs[2], arr, staged, "lbig.bin", size, period);
        Report.metric(bench, "lsyncd: big file moved in -> on target ms", r[0]);
        lsDuring = Streams.range(r, 1, r.length);
      } finally {
        BenchTargets.stop(p);
      }
    }
    double coldP50 = q(cold.arrival(), 0.5);
    metrics(bench, during, cold, lsDuring);
    Report.metric(bench, "big file MiB / bwlimit", bigMiB + " / " + bwlimit);
    Report.metric(bench, "big file moved in -> on target ms", bigMillis);
    Report.metric(bench, "idle p50 ms", q(idle, 0.5));
    Report.metric(bench, "idle p99 ms", q(idle, 0.99));
    Report.metric(bench, "files during the big transfer", during.length);
    Report.metric(bench, "lsyncd idle p99 ms", q(lsIdle, 0.99));
    double p99 = q(during, 0.99);
    double idleP99 = q(idle, 0.99);
    String what = "1 KiB every " + period / MS + " ms while a " + bigMiB + " MiB file transfers ("
        + "--bwlimit=" + bwlimit + ", " + String.format(Locale.ROOT, "%.0f s", bigMillis / 1000)
        + "), " + t.label() + " target";
    Streams.goal("big-" + t.label() + "-p99", what, "ms", q(during, 0.5), p99, coldP50,
        p99 / idleP99, 3, String.format(Locale.ROOT, "p99 / idle p99 (%.1f ms, same run)",
            idleP99), q(lsDuring, 0.5), q(lsDuring, 0.99));
  }

  /**
   * Moves {@code staged} into {@code src} as {@code name} and writes small files every
   * {@code period} until it has arrived (at least 20 s worth). Returns {moved in -> arrived ms,
   * then the small files' latencies}.
   */
  private static double[] whileBig(Path src, Arrivals arr, Path staged, String name, long size,
                                   long period) throws IOException, InterruptedException {
    arr.expect(name, size);
    long moved = System.nanoTime();
    Files.move(staged, src.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    int min = (int) (TimeUnit.SECONDS.toNanos(20) / period);
    int max = (int) (TimeUnit.MINUTES.toNanos(10) / period);
    double[] lat = Streams.stream(src, arr, "b" + name.charAt(0), min, max,
        () -> arr.arrived(name) < 0, period);
    long at = arr.await(name, System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
    double[] out = new double[lat.length + 1];
    out[0] = at < 0 ? Double.POSITIVE_INFINITY : (at - moved) / 1e6;
    System.arraycopy(lat, 0, out, 1, lat.length);
    return out;
  }

  /** {@code mib} MiB from /dev/urandom (incompressible: -z saves nothing). */
  private static long randomFile(Path f, int mib) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"));
         OutputStream out = Files.newOutputStream(f)) {
      for (int i = 0; i < mib; i++) {
        int n = in.readNBytes(buf, 0, buf.length);
        out.write(buf, 0, n);
      }
    }
    return Files.size(f);
  }

  /** lsyncd on {@code src}: the same stream after its startup sync. */
  private static double[] lsyncdStream(SersyncTarget t, Arrivals arr, Path src, int files,
                                       long period, List<String> extra) throws Exception {
    Process p = t.startLsyncd(src, extra);
    try {
      return Streams.stream(src, arr, "l", files, period);
    } finally {
      BenchTargets.stop(p);
    }
  }

  private static void metrics(String bench, double[] lat, Streams.Cold cold, double[] ls) {
    Report.metric(bench, "files", lat.length);
    Report.metric(bench, "p50 ms", q(lat, 0.5));
    Report.metric(bench, "p90 ms", q(lat, 0.9));
    Report.metric(bench, "p99 ms", q(lat, 0.99));
    Report.metric(bench, "max ms", q(lat, 1));
    Report.metric(bench, "cold rsync start->arrival p50 ms", q(cold.arrival(), 0.5));
    Report.metric(bench, "cold rsync start->arrival min ms", q(cold.arrival(), 0));
    Report.metric(bench, "cold rsync start->exit p50 ms", q(cold.exit(), 0.5));
    Report.metric(bench, "lsyncd p50 ms", q(ls, 0.5));
    Report.metric(bench, "lsyncd p99 ms", q(ls, 0.99));
  }
}
