package org.syncspool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.JournalWarmup;
import org.syncspool.time.Ticker;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;
import org.syncspool.watch.fanotify.FanotifyGroup;
import org.syncspool.watch.fanotify.FanotifyWatcher;
import org.syncspool.watch.inotify.InotifyWatcher;

/**
 * Not a test. inotify against fanotify on the two costs bench/watchers.sh does not show (issue
 * 14), in a base directory on a file system of its own (bench/watchers-cost.sh mounts a tmpfs:
 * a fanotify filesystem mark sees the whole file system, and the machine's builds must not be
 * in the figures).
 *
 * <ul>
 *   <li>{@code drain KIND BASE files rounds writer}: as {@link WatchBurst}'s drain, for either
 *       watcher: the reader is held in its first batch while the writer queues {@code files}
 *       creations (a CREATE and a CLOSE_WRITE each; 7000 stay under both queues' 16384), then
 *       released; events journaled per second of wall time.
 *   <li>{@code filter KIND BASE files writer}: the watcher watches {@code BASE/root}; another
 *       process creates {@code files} files in {@code BASE/other}, on the same file system,
 *       outside every root. The CPU time of the reader thread (ThreadMXBean) while that runs is
 *       the filter's cost: fanotify's mark reports every one of those events, and the reader
 *       drops them; inotify has no watch there and is never woken. The sink must see none.
 * </ul>
 */
public final class WatcherCost {
  private WatcherCost() {
  }

  private static Watcher open(String kind, Path root, EventSink sink) throws Exception {
    List<Root> roots = List.of(new Root(0, root, List.of()));
    if (kind.equals("inotify")) {
      return new InotifyWatcher(roots, EventToggles.DEFAULT, PathFilter.NONE, sink,
          System::currentTimeMillis, Ticker.SYSTEM);
    }
    FanotifyGroup group = FanotifyGroup.open(FanotifyWatcher.realPaths(roots),
        FanotifyWatcher.mask(EventToggles.DEFAULT));
    return new FanotifyWatcher(group, roots, EventToggles.DEFAULT, PathFilter.NONE, sink,
        System::currentTimeMillis);
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String kind = args[1];
    Path base = Path.of(args[2]);
    int files = Integer.parseInt(args[3]);
    if (mode.equals("drain")) {
      drain(kind, base, files, Integer.parseInt(args[4]), args[5]);
    } else {
      filter(kind, base, files, args[4]);
    }
    System.exit(0); // Chronicle's background threads may keep the JVM
  }

  private static void drain(String kind, Path base, int files, int rounds, String writer)
      throws Exception {
    for (int round = 1; round <= rounds; round++) {
      Path tmp = Files.createTempDirectory(base, "drain");
      Path root = Files.createDirectories(tmp.resolve("root"));
      Path dir = Files.createDirectory(root.resolve("d"));
      CountDownLatch gate = new CountDownLatch(1);
      try (ChronicleJournal journal = ChronicleJournal.open(tmp.resolve("journal"))) {
        WatchBurst.CountingSink sink = new WatchBurst.CountingSink(journal, gate);
        try (Watcher watcher = open(kind, root, sink)) {
          if (round == 1 && Boolean.getBoolean("warm")) {
            // What the daemon does before its first read (service/WatcherFactory.java).
            JournalWarmup.run(tmp, watcher instanceof InotifyWatcher i ? i::warmUp
                : ((FanotifyWatcher) watcher)::warmUp);
          }
          watcher.start();
          Files.writeString(root.resolve("trigger"), "x"); // its batch is the one held
          while (!sink.holding) {
            Thread.sleep(1);
          }
          Process p = new ProcessBuilder(List.of(writer, Integer.toString(files), dir.toString()))
              .redirectError(ProcessBuilder.Redirect.INHERIT).start();
          p.getInputStream().readAllBytes();
          p.waitFor();
          long released = System.nanoTime();
          gate.countDown();
          long deadline = released + TimeUnit.SECONDS.toNanos(60);
          while (sink.closes < files + 1 && sink.rescansSeen == 0
              && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
          double ms = (sink.lastNanos - released) / 1e6;
          double rate = sink.events / (ms / 1e3);
          System.out.printf(Locale.ROOT, "RESULT drain %s round %d: %d events journaled in %.1f ms"
              + " => %.0f events/s, %d records, overflows %d%n", kind, round, sink.events, ms,
              rate, sink.records, sink.rescans);
        }
      } finally {
        Report.deleteTree(tmp);
      }
    }
  }

  private static void filter(String kind, Path base, int files, String writer) throws Exception {
    Path tmp = Files.createTempDirectory(base, "filter");
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path other = Files.createDirectories(tmp.resolve("other"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (ChronicleJournal journal = ChronicleJournal.open(tmp.resolve("journal"))) {
      WatchBurst.CountingSink sink = new WatchBurst.CountingSink(journal, null);
      try (Watcher watcher = open(kind, root, sink)) {
        watcher.start();
        Thread reader = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("syncspool-" + kind)).findFirst().orElseThrow();
        long cpu0 = mx.getThreadCpuTime(reader.getId());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(List.of(writer, Integer.toString(files), other.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String writerMs = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
            .trim();
        p.waitFor();
        // let the reader drain what the kernel still holds: its CPU time stops growing
        long last = -1;
        long cpu = mx.getThreadCpuTime(reader.getId());
        while (cpu != last) {
          last = cpu;
          Thread.sleep(200);
          cpu = mx.getThreadCpuTime(reader.getId());
        }
        double wallMs = (System.nanoTime() - t0) / 1e6 - 200;
        double cpuMs = (cpu - cpu0) / 1e6;
        System.out.printf(Locale.ROOT, "RESULT filter %s: %d files (%d events) made outside the "
            + "root in %s ms; reader CPU %.1f ms = %.0f ns per foreign event, %.1f%% of a core "
            + "over %.0f ms; events reaching the journal: %d%n", kind, files, 2L * files,
            writerMs, cpuMs, cpuMs * 1e6 / (2.0 * files), 100 * cpuMs / wallMs, wallMs,
            sink.events);
      }
    } finally {
      Report.deleteTree(tmp);
    }
  }
}
