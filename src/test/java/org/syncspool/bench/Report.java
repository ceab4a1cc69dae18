package org.syncspool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Output shared by the benchmark mains: human lines go to stdout as they are; every number that
 * belongs in bench/run.sh's table is also printed as {@code METRIC<TAB>bench<TAB>name<TAB>value},
 * which run.sh collects.
 */
final class Report {
  private Report() {
  }

  static void metric(String bench, String name, Object value) {
    String v = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
    System.out.println("METRIC\t" + bench + "\t" + name + "\t" + v);
  }

  /**
   * One row of the P1-P7 table (bench/run.sh prints them as one Markdown table): {@code
   * ROW<TAB>id<TAB>workload<TAB>syncspool<TAB>reference<TAB>ratio<TAB>goal}. Ratio is
   * syncspool / reference, or "-" when there is none.
   */
  static void row(String id, String workload, String syncspool, String reference, double ratio,
                  String goal) {
    String r = Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT,
        ratio < 0.001 ? "%.6f" : ratio < 0.01 ? "%.4f" : "%.2f", ratio);
    System.out.println("ROW\t" + id + "\t" + workload + "\t" + syncspool + "\t" + reference + "\t"
        + r + "\t" + goal);
  }

  static String seconds(double millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }

  static String bytes(long b) {
    if (b >= 10L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }
    if (b >= 10L << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    return b + " B";
  }

  /** The q-quantile (nearest rank) of {@code sortedMillis}. */
  static double quantile(double[] sortedMillis, double q) {
    int rank = (int) Math.ceil(q * sortedMillis.length);
    return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, rank - 1))];
  }

  static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
