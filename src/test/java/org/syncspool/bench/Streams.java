package org.syncspool.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Target;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.service.Daemon;
import org.syncspool.standby.StandbyRunner;

/**
 * The parts of issue 12's latency benchmarks ({@link LatencyGoals}): an open-loop writer of
 * small files, the cold reference runs, syncspool and lsyncd started on a {@link SersyncTarget},
 * the quantiles and the {@code GOAL} lines {@link GoalTable} collects.
 */
final class Streams {
  static final int SIZE = 1024;
  /** How long after the last write a stream waits for the stragglers. */
  static final long GRACE_MILLIS = 60_000;

  private Streams() {
  }

  /** Cold runs: process start -> file on the target, and process start -> exit, in ms. */
  record Cold(double[] arrival, double[] exit) {
    Cold plus(Cold o) {
      return new Cold(concat(arrival, o.arrival), concat(exit, o.exit));
    }
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /**
   * Open loop: file {@code i} (1 KiB, {@code prefix} + number) is written at start + i x
   * period, whatever has arrived meanwhile, at least {@code min} files and then while
   * {@code more} says so, at most {@code max}; then every file is awaited. Returns close ->
   * arrival in ms per file, {@code +Infinity} for a file that never came.
   */
  static double[] stream(Path src, Arrivals arr, String prefix, int min, int max,
                         BooleanSupplier more, long periodNanos)
      throws IOException, InterruptedException {
    byte[] data = new byte[SIZE];
    long[] closed = new long[max];
    String[] names = new String[max];
    long start = System.nanoTime();
    int n = 0;
    while (n < max && (n < min || more.getAsBoolean())) {
      sleepUntil(start + n * periodNanos);
      names[n] = String.format(Locale.ROOT, "%s%05d", prefix, n);
      Arrays.fill(data, (byte) ('a' + n % 26));
      arr.expect(names[n], SIZE);
      Files.write(src.resolve(names[n]), data);
      closed[n] = System.nanoTime();
      n++;
    }
    double[] lat = new double[n];
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    int lost = 0;
    for (int i = 0; i < n; i++) {
      long a = arr.await(names[i], deadline);
      if (a < 0) {
        lost++;
      }
      lat[i] = a < 0 ? Double.POSITIVE_INFINITY : (a - closed[i]) / 1e6;
    }
    if (lost > 0) {
      System.err.println(prefix + ": " + lost + " of " + n + " files did not arrive");
    }
    return lat;
  }

  static double[] stream(Path src, Arrivals arr, String prefix, int count, long periodNanos)
      throws IOException, InterruptedException {
    return stream(src, arr, prefix, count, count, () -> false, periodNanos);
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /**
   * {@code runs} cold rsyncs of one new 1 KiB file each ({@code prefix} + number in
   * {@code bare}), with syncspool's own batch argv for {@code target}, {@code pauseMillis} apart.
   */
  static Cold cold(Arrivals arr, Target target, Path bare, String prefix, int runs,
                   long pauseMillis) throws IOException, InterruptedException {
    List<String> argv = SersyncTarget.coldArgv(target, bare);
    byte[] data = new byte[SIZE];
    Arrays.fill(data, (byte) 'c');
    double[] arrival = new double[runs];
    double[] exit = new double[runs];
    for (int i = 0; i < runs; i++) {
      String name = String.format(Locale.ROOT, "%s%03d", prefix, i);
      Files.write(bare.resolve(name), data);
      arr.expect(name, SIZE);
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write((name + "\0").getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      exit[i] = (System.nanoTime() - t0) / 1e6;
      long a = arr.await(name, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
      arrival[i] = a < 0 ? Double.POSITIVE_INFINITY : (a - t0) / 1e6;
      if (code != 0 || a < 0) {
        System.err.println("cold rsync exit " + code + (a < 0 ? ", no arrival: " : ": ")
            + new String(out, StandardCharsets.UTF_8));
      }
      TimeUnit.MILLISECONDS.sleep(pauseMillis);
    }
    if (prefix.equals("c")) {
      System.out.println("cold argv: " + String.join(" ", argv));
    }
    return new Cold(arrival, exit);
  }

  /** syncspool's daemon on {@code source}, returned once its standby waits. */
  static Daemon syncspool(SersyncTarget t, Path source, String extraParams) throws Exception {
    Path config = t.syncspoolConfig(source, extraParams, t.base.resolve("state"));
    Daemon d = new Daemon(ConfigLoader.load(config), false, new SystemProcessRunner(), "rsync");
    d.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline
        && !d.standbys().stream().allMatch(StandbyRunner::ready)) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return d;
  }

  /** The standbys' counts as METRIC lines. */
  static void standbyMetrics(String bench, Daemon d) {
    for (StandbyRunner s : d.standbys()) {
      StandbyRunner.Counts c = s.counts();
      Report.metric(bench, "standby started/used/replaced/died/cold runs", c.started() + "/"
          + c.used() + "/" + c.replaced() + "/" + c.died() + "/" + c.coldRuns());
    }
  }

  static double q(double[] values, double quantile) {
    return values.length == 0 ? Double.NaN : Report.quantile(Report.sorted(values), quantile);
  }

  static double[] range(double[] a, int from, int to) {
    return Arrays.copyOfRange(a, from, to);
  }

  /**
   * One line for {@link GoalTable}: {@code GOAL key scenario unit ours-p50 ours-p99 cold-p50
   * ratio limit ratio-text lsyncd-p50 lsyncd-p99} (ms, or s for unit "s"; NaN = none).
   */
  static void goal(String key, String scenario, String unit, double p50, double p99,
                   double coldP50, double ratio, double limit, String ratioText, double lsP50,
                   double lsP99) {
    System.out.println(String.join("\t", "GOAL", key, scenario, unit, num(p50), num(p99),
        num(coldP50), num(ratio), num(limit), ratioText, num(lsP50), num(lsP99)));
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? "Infinity"
        : String.format(Locale.ROOT, "%.4f", d);
  }
}
