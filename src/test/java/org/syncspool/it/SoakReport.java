package org.syncspool.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a {@link Soak} saw, and its table (markdown: the closing note and target/soak-report.md). */
final class SoakReport {
  /** One look at the daemon process: resident memory, descriptors, threads, journal on disk. */
  record Sample(long rssKib, long fds, int threads, long journalBytes) {
    String show() {
      return String.format(Locale.ROOT, "%d MiB, %d fds, %d threads, journal %.1f MiB",
          rssKib / 1024, fds, threads, journalBytes / 1048576.0);
    }
  }

  private record Lifetime(int number, Sample start, Sample end, String how) {}

  private final Duration length;
  private final long seed;
  private final Map<Soak.Fault, Integer> played = new EnumMap<>(Soak.Fault.class);
  private final Map<Soak.Fault, String> skipped = new EnumMap<>(Soak.Fault.class);
  private final List<Long> outages = new ArrayList<>();
  private final List<String> fullDisks = new ArrayList<>();
  private final List<Integer> fullSyncCodes = new ArrayList<>();
  private final List<Lifetime> lifetimes = new ArrayList<>();
  /** The faults in the order played, for the first difference's context. */
  private final List<String> history = new ArrayList<>();
  private final Map<String, Integer> flushCodes = new LinkedHashMap<>();
  private int overflowsSeen;
  private int comparisons;
  private int differences;
  private String firstDifference;
  private long longestNanos;
  private String longestAfter = "-";
  private long fullResendBytes;
  private long operations;
  private long written;
  private long received;

  SoakReport(Duration length, long seed) {
    this.length = length;
    this.seed = seed;
  }

  void played(Soak.Fault fault) {
    played.merge(fault, 1, Integer::sum);
    history.add(fault.name());
  }

  int count(Soak.Fault fault) {
    return played.getOrDefault(fault, 0);
  }

  void skipped(Soak.Fault fault, String why) {
    skipped.put(fault, why);
  }

  void outage(long seconds) {
    outages.add(seconds);
  }

  void overflowSeen() {
    overflowsSeen++;
  }

  void fullDisk(String how) {
    fullDisks.add(how);
  }

  void fullSyncRequested(int exitCode) {
    fullSyncCodes.add(exitCode);
  }

  void lifetime(int number, Sample start, Sample end, String how) {
    lifetimes.add(new Lifetime(number, start, end, how));
  }

  /** One comparison after a fault (null: at the start or the end); difference null if equal. */
  void compared(Soak.Fault after, long nanos, int flushCode, long treeBytes, String difference) {
    comparisons++;
    flushCodes.merge("exit " + flushCode, 1, Integer::sum);
    fullResendBytes += 2 * treeBytes; // two targets
    if (nanos > longestNanos) {
      longestNanos = nanos;
      longestAfter = after == null ? "start/end" : after.name();
    }
    if (difference != null) {
      differences++;
      if (firstDifference == null) {
        firstDifference = "after " + (after == null ? "start/end" : after.name())
            + " (faults so far: " + history + "): " + difference;
      }
    }
  }

  void finish(long operations, long written, long received) {
    this.operations = operations;
    this.written = written;
    this.received = received;
  }

  int differences() {
    return differences;
  }

  String firstDifference() {
    return firstDifference;
  }

  String markdown() {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "## Soak: %d min, seed %d%n%n", length.toMinutes(),
        seed));
    t.append("| what | value |\n|---|---|\n");
    row(t, "churn operations", Long.toString(operations));
    for (Soak.Fault fault : Soak.Fault.values()) {
      String value = Integer.toString(count(fault));
      if (skipped.containsKey(fault)) {
        value += " (skipped: " + skipped.get(fault) + ")";
      }
      row(t, "fault " + fault.name().toLowerCase(Locale.ROOT).replace('_', ' '), value);
    }
    row(t, "outage lengths (s)", outages.toString());
    row(t, "overflows the daemon logged", Integer.toString(overflowsSeen));
    row(t, "full disk: the daemon", fullDisks.isEmpty() ? "-" : String.join("; ", fullDisks));
    row(t, "full-sync during backoff: exit codes", fullSyncCodes.toString());
    row(t, "comparisons (flush, then exact)", Integer.toString(comparisons));
    row(t, "flush results", flushCodes.toString());
    row(t, "**differences**", "**" + differences + "**");
    row(t, "longest fault-to-equal", String.format(Locale.ROOT, "%.1f s (after %s)",
        longestNanos / 1e9, longestAfter));
    row(t, "bytes the daemon target received", Long.toString(received));
    row(t, "bytes a full resend at every comparison would send (2 targets)",
        Long.toString(fullResendBytes));
    row(t, "received / full resend", fullResendBytes == 0 ? "-"
        : String.format(Locale.ROOT, "%.4f", (double) received / fullResendBytes));
    row(t, "content bytes the churn wrote", Long.toString(written));
    t.append("\n| daemon lifetime | first sample | last sample | ended by |\n|---|---|---|---|\n");
    for (Lifetime l : lifetimes) {
      t.append("| ").append(l.number).append(" | ")
          .append(l.start == null ? "-" : l.start.show()).append(" | ")
          .append(l.end == null ? "- (process gone)" : l.end.show()).append(" | ")
          .append(l.how.replace('|', '/')).append(" |\n");
    }
    if (firstDifference != null) {
      t.append("\nFirst difference:\n```\n").append(firstDifference).append("\n```\n");
    }
    return t.toString();
  }

  private static void row(StringBuilder t, String what, String value) {
    t.append("| ").append(what).append(" | ").append(value.replace('|', '/')).append(" |\n");
  }
}
