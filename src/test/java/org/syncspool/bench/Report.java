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
