package org.syncspool.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link Progress} reads: the daemon's log line, the status fields, and the terminal bar of
 * {@code full-sync --wait} and {@code replay}. Pure; time is an argument.
 */
public final class ProgressText {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final int BAR = 20;

  private ProgressText() {}

  /**
   * {@code target X: full sync: 123,456 of 200,000 paths, 1.2 GiB, 45 MiB/s, ~0:38 left}; work
   * of no one target (the start-up scan, target "") without the prefix:
   * {@code start-up scan: 524,288 paths, 0:10 so far}.
   */
  public static String line(Progress p, long nowNanos) {
    return (p.target().isEmpty() ? "" : "target " + p.target() + ": ") + p.work().label() + ": "
        + String.join(", ", fields(p, nowNanos));
  }

  /**
   * The counts as separate fields, most important first: paths (of the total when known),
   * bytes (or, when neither bytes nor a total are known, the time so far), rate, time left; a
   * field whose value is unknown is left out.
   */
  public static List<String> fields(Progress p, long nowNanos) {
    List<String> out = new ArrayList<>();
    out.add(count(p.paths()) + (p.totalPaths() >= 0 ? " of " + count(p.totalPaths()) : "")
        + " " + p.work().noun());
    if (p.bytes() >= 0) {
      out.add(size(p.bytes()));
    } else if (p.totalPaths() < 0) {
      // Nothing else says how far it is (a start-up scan, an audit): how long it has run.
      out.add(duration(p.elapsedMillis(nowNanos) / 1000) + " so far");
    }
    long rate = p.bytesPerSecond(nowNanos);
    if (rate >= 0) {
      out.add(size(rate) + "/s");
    }
    long left = p.secondsLeft(nowNanos);
    if (left >= 0) {
      out.add("~" + duration(left) + " left");
    }
    return out;
  }

  /**
   * One terminal line at most {@code width} columns: {@code X: full sync [####------]  45%
   * 123 of 270 paths, ...}. Whole fields are dropped from the end to fit, then the bar, never a
   * number cut in two; what is left may still be wider than a very narrow terminal.
   */
  public static String bar(Progress p, long nowNanos, int width) {
    String head = p.target() + ": " + p.work().label();
    int pct = p.percent();
    String bar = pct < 0 ? "" : " [" + "#".repeat(pct * BAR / 100)
        + "-".repeat(BAR - pct * BAR / 100) + "] " + String.format(Locale.ROOT, "%3d%%", pct);
    List<String> fields = new ArrayList<>(fields(p, nowNanos));
    while (true) {
      String s = head + bar + (fields.isEmpty() ? "" : " " + String.join(", ", fields));
      if (s.length() <= width || (fields.isEmpty() && bar.isEmpty())) {
        return s;
      }
      if (!fields.isEmpty()) {
        fields.remove(fields.size() - 1);
      } else {
        bar = "";
      }
    }
  }

  /** Grouped digits: {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Binary units: {@code 512 B}, {@code 1.2 GiB}, {@code 45 MiB}. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    if (v >= 1023.95) { // 1023.96 MiB would print as "1024.0 MiB"
      v /= 1024;
      u++;
    }
    return (v < 9.95 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.0f", Math.floor(v))) + " " + UNITS[u];
  }

  /** {@code 0:38}, {@code 12:05}, {@code 1:02:03}. */
  public static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
