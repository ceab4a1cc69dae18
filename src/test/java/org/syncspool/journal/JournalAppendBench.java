package org.syncspool.journal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Not a test: appends 1M single-event records (the watcher's worst case, one event per read)
 * and prints records/s, bytes on disk per event and bytes allocated per append on the appending
 * thread. Run with the test classpath and the Chronicle flags, e.g.
 * {@code java $(chronicle flags) -cp target/test-classes:target/classes:$(deps)
 * org.syncspool.journal.JournalAppendBench [dir] [records]}.
 */
public final class JournalAppendBench {
  private JournalAppendBench() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-bench");
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    byte[] path = "photos/2024/06/IMG_000000.jpg".getBytes(StandardCharsets.UTF_8);
    EventBatch batch = new EventBatch(256);
    try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
      append(journal, batch, path, 0, 100_000); // warm up: JIT, first pages of the cycle file
      long bytes0 = threads.getThreadAllocatedBytes(me);
      long t0 = System.nanoTime();
      append(journal, batch, path, 100_000, 100_000 + records);
      long nanos = System.nanoTime() - t0;
      long allocated = threads.getThreadAllocatedBytes(me) - bytes0;
      long onDisk = du(dir);
      long total = 100_000L + records;
      System.out.printf("records=%d record=%d B  %.0f records/s (%.0f ns/append)%n", records,
          batch.size(), records * 1e9 / nanos, (double) nanos / records);
      System.out.printf("on disk (du) %d B for %d events = %.1f B/event; allocated on the "
          + "appending thread %.3f B/append%n", onDisk, total, (double) onDisk / total,
          (double) allocated / records);
      // One row of bench/run.sh's P-table (the format of bench.Report.row).
      double rate = records * 1e9 / nanos;
      System.out.printf(java.util.Locale.ROOT, "ROW\tP7\tjournal append, one event per record "
          + "(the watcher's worst case), %d records\t%.0f appends/s\tgoal: 1000000/s\t%.2f\t%s%n",
          records, rate, rate / 1e6, rate >= 1e6 ? "met" : "MISSED");
      System.out.printf(java.util.Locale.ROOT, "ROW\tP7\tjournal disk per event (du of the "
          + "cycle files / events)\t%.1f B\t-\t-\t(reported)%n", (double) onDisk / total);
    } finally {
      if (args.length == 0) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static void append(ChronicleJournal journal, EventBatch batch, byte[] path, int from, int to) {
    for (int i = from; i < to; i++) {
      // vary the file number in place: a new name every record, no allocation
      int n = i;
      for (int d = 0; d < 6; d++, n /= 10) {
        path[25 - d] = (byte) ('0' + n % 10);
      }
      batch.reset(i);
      batch.add(EventKind.CLOSE_WRITE, false, 0, 0, path, 0, path.length);
      journal.accept(batch);
    }
  }

  /** Allocated bytes (cycle files are sparse: their length says little). */
  private static long du(Path dir) throws Exception {
    Process p = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    p.waitFor();
    return Long.parseLong(out.trim().split("\\s+")[0]);
  }
}
