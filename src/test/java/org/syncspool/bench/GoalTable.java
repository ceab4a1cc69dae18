package org.syncspool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test. Reads the {@code GOAL} lines ({@link Streams#goal}) of every run given on the
 * command line (bench/goals.sh's output files) and prints one Markdown table: per row the
 * median over the runs of each figure and of the same-run ratio, the goal, whether the median
 * ratio meets it, and every run's ratio.
 */
public final class GoalTable {
  private GoalTable() {
  }

  private record Line(String key, String scenario, String unit, double[] v, double limit,
                      String ratioText) {
    // v: p50, p99, cold p50, ratio, lsyncd p50, lsyncd p99
  }

  public static void main(String[] args) throws IOException {
    Map<String, List<Line>> rows = new LinkedHashMap<>();
    for (String a : args) {
      for (String s : Files.readAllLines(Path.of(a))) {
        String[] f = s.split("\t", -1);
        if (f.length != 12 || !f[0].equals("GOAL")) {
          continue;
        }
        double[] v = {d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[10]), d(f[11])};
        rows.computeIfAbsent(f[1], k -> new ArrayList<>())
            .add(new Line(f[1], f[2], f[3], v, d(f[8]), f[9]));
      }
    }
    System.out.println("| scenario | syncspool p50 / p99 | cold rsync p50 | ratio (median of runs)"
        + " | lsyncd p50 / p99 | goal | met? | ratio of each run |");
    System.out.println("|---|---:|---:|---|---:|---|---|---|");
    for (List<Line> runs : rows.values()) {
      double[] m = new double[6];
      for (int i = 0; i < 6; i++) {
        final int c = i;
        m[i] = median(runs.stream().mapToDouble(l -> l.v()[c]).toArray());
      }
      Line first = runs.get(0);
      // The text of the run whose ratio is the median (its own numbers, e.g. the thirds).
      Line mid = runs.stream().sorted((x, y) -> Double.compare(x.v()[3], y.v()[3]))
          .toList().get((runs.size() - 1) / 2);
      String unit = first.unit();
      String each = String.join(", ", runs.stream().map(l -> fmt(l.v()[3], 2)).toList());
      System.out.printf(Locale.ROOT, "| %s | %s / %s | %s | %s (%s) | %s / %s | <= %s | %s | %s |%n",
          first.scenario(), t(m[0], unit), t(m[1], unit), t(m[2], unit), fmt(m[3], 2),
          mid.ratioText(), t(m[4], unit), t(m[5], unit), fmt(first.limit(), 1),
          m[3] <= first.limit() ? "met" : "**not met**", each);
    }
  }

  private static double d(String s) {
    return Double.parseDouble(s);
  }

  /** The median; the lower middle for an even count. NaN when there are none. */
  static double median(double[] values) {
    double[] s = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return s.length == 0 ? Double.NaN : s[(s.length - 1) / 2];
  }

  private static String t(double v, String unit) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Double.isInfinite(v)) {
      return "lost";
    }
    return unit.equals("s") ? String.format(Locale.ROOT, "%.2f s", v / 1000)
        : v >= 10_000 ? String.format(Locale.ROOT, "%.1f s", v / 1000)
        : String.format(Locale.ROOT, "%.1f ms", v);
  }

  private static String fmt(double v, int digits) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
