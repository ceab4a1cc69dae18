package org.syncspool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.JournalWarmup;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.inotify.InotifyWatcher;

/**
 * Not a test. How fast a fresh JVM's watcher drains a burst of new files into the journal, and
 * whether the kernel queue ({@code fs.inotify.max_queued_events}) overflows on the way
 * (docs/architecture.md, The watcher's hot path: one record per event overflowed in 1-3 of 4
 * bursts, one per read never did).
 *
 * <p>A root with a few subdirectories (made before the watches), the real {@link InotifyWatcher}
 * and {@link ChronicleJournal}, a counting sink in between; then another process creates N empty
 * files ({@code open(O_CREAT|O_WRONLY)} + {@code close}: a CREATE and a CLOSE_WRITE each) as fast
 * as it can. Done when every CLOSE_WRITE was journaled, or after an overflow (a RESCAN) once the
 * writer has finished and the events stopped.
 *
 * <p>Usage: {@code WatchBurst [files=100000] [dirs=4] [burst binary, or "java"]}.
 */
public final class WatchBurst {
  private static final String BENCH = "WatchBurst";

  private WatchBurst() {
  }

  /** Counts on the watcher thread (plain fields, published by the volatile {@code closes}). */
  static final class CountingSink implements EventSink {
    final EventSink next;
    long events;
    long records;
    long maxPerRecord;
    long rescans;
    long journalNanos;
    long firstNanos;
    volatile long lastNanos;
    volatile long closes;
    volatile long rescansSeen;
    private long closeCount;
    private final EventBatch.Visitor visitor = (kind, dir, root, cookie, path, off, len) -> {
      if (kind == EventKind.CLOSE_WRITE) {
        closeCount++;
      } else if (kind == EventKind.RESCAN) {
        rescans++;
      }
    };

    /** Drain mode: the first batch waits here while the kernel queue fills behind it. */
    final java.util.concurrent.CountDownLatch gate;
    volatile boolean holding;

    CountingSink(EventSink next, java.util.concurrent.CountDownLatch gate) {
      this.next = next;
      this.gate = gate;
    }

    @Override
    public void accept(EventBatch batch) {
      if (gate != null && records == 0) {
        holding = true;
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long now = System.nanoTime();
      if (records == 0) {
        firstNanos = now;
      }
      records++;
      events += batch.count();
      maxPerRecord = Math.max(maxPerRecord, batch.count());
      batch.forEach(visitor);
      next.accept(batch);
      long after = System.nanoTime();
      journalNanos += after - now;
      lastNanos = after;
      rescansSeen = rescans;
      closes = closeCount;
    }
  }

  /**
   * One read(2) of the sysctl: procfs answers a read at a non-zero offset with EOF, and
   * Files.readString (size 0 reported) reads one byte first, so it would return "1".
   */
  private static String maxQueuedEvents() throws java.io.IOException {
    try (java.io.InputStream in = Files.newInputStream(
        Path.of("/proc/sys/fs/inotify/max_queued_events"))) {
      byte[] b = new byte[64];
      int n = in.read(b);
      return new String(b, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim();
    }
  }

  /** The C writer's path, or "java" for {@link BurstWriter} in a child JVM; then the file count. */
  private static List<String> writerCommand(String writer, int files) {
    List<String> cmd = new ArrayList<>();
    if (writer.equals("java")) {
      String java = ProcessHandle.current().info().command().orElse("java");
      cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
          BurstWriter.class.getName()));
    } else {
      cmd.add(writer);
    }
    cmd.add(Integer.toString(files));
    return cmd;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("drain")) {
      drain(args);
      return;
    }
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int dirs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String writer = args.length > 2 ? args[2] : "java";
    System.out.println("files=" + files + " dirs=" + dirs + " writer=" + writer);

    Path tmp = Files.createTempDirectory("syncspool-burst");
    Path root = Files.createDirectories(tmp.resolve("root"));
    List<String> cmd = writerCommand(writer, files);
    for (int i = 0; i < dirs; i++) {
      cmd.add(Files.createDirectory(root.resolve("d" + i)).toString());
    }

    int exit;
    String writerMillis;
    String maxQueued;
    try (ChronicleJournal journal = ChronicleJournal.open(tmp.resolve("journal"))) {
      CountingSink sink = new CountingSink(journal, null);
      // The kernel copies the sysctl into the instance at inotify_init: read it on both sides (it
      // is machine-wide, and another process may change it meanwhile).
      String queuedBefore = maxQueuedEvents();
      try (InotifyWatcher watcher = new InotifyWatcher(List.of(new Root(0, root, List.of())),
          EventToggles.DEFAULT, PathFilter.NONE, sink, System::currentTimeMillis,
          org.syncspool.time.Ticker.SYSTEM)) {
        String queuedAfter = maxQueuedEvents();
        maxQueued = queuedBefore.equals(queuedAfter) ? queuedAfter : queuedBefore + "->" + queuedAfter;
        System.out.println("fs.inotify.max_queued_events=" + maxQueued);
        if (!Boolean.getBoolean("bench.nowarmup")) { // as Daemon.start does
          long w0 = System.nanoTime();
          JournalWarmup.run(tmp.resolve("tmp"), watcher::warmUp);
          System.out.printf("METRIC\tWatchBurst\twarm-up ms\t%.0f%n", (System.nanoTime() - w0) / 1e6);
        }
        watcher.start();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        boolean writerDone = false;
        while (System.nanoTime() < deadline) {
          if (sink.closes >= files) {
            break;
          }
          writerDone = writerDone || !p.isAlive();
          // after an overflow not every CLOSE_WRITE comes: stop once the writer is done and
          // nothing arrived for a second
          if (writerDone && (sink.rescansSeen > 0 || sink.closes > 0)
              && System.nanoTime() - sink.lastNanos > TimeUnit.SECONDS.toNanos(1)) {
            break;
          }
          Thread.sleep(5);
        }
        exit = p.waitFor();
        writerMillis = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      }
      // the watcher thread has ended (close joins it): its plain fields are visible
      double wallMillis = (sink.lastNanos - sink.firstNanos) / 1e6;
      boolean complete = sink.closes >= files;
      System.out.printf("writer exit %d, created %d files in %s ms%n", exit, files, writerMillis);
      System.out.printf("events=%d (close_write %d of %d%s) rescans=%d records=%d "
          + "avg %.1f events/record (max %d) wall %.1f ms => %.0f events/s; "
          + "journal.accept took %.1f ms in total%n",
          sink.events, sink.closes, files, complete ? "" : ", INCOMPLETE", sink.rescans,
          sink.records, (double) sink.events / sink.records, sink.maxPerRecord, wallMillis,
          sink.events / (wallMillis / 1e3), sink.journalNanos / 1e6);
      Report.metric(BENCH, "max_queued_events", maxQueued);
      Report.metric(BENCH, "writer", writer.equals("java") ? "java" : "C");
      Report.metric(BENCH, "files created", files);
      Report.metric(BENCH, "writer time ms", writerMillis);
      Report.metric(BENCH, "events journaled", sink.events);
      Report.metric(BENCH, "close_write seen", sink.closes);
      Report.metric(BENCH, "overflows (RESCAN)", sink.rescans);
      Report.metric(BENCH, "wall first->last event ms", wallMillis);
      Report.metric(BENCH, "events/s into journal", Math.round(sink.events / (wallMillis / 1e3)));
      Report.metric(BENCH, "records appended", sink.records);
      Report.metric(BENCH, "avg events/record", (double) sink.events / sink.records);
      Report.metric(BENCH, "max events/record", sink.maxPerRecord);
      Report.metric(BENCH, "journal.accept total ms", sink.journalNanos / 1e6);
      Report.row("P1", files + " empty files as fast as " + (writer.equals("java") ? "Java" : "C")
          + " can (" + Report.seconds(Double.parseDouble(writerMillis)) + "), fresh watcher, "
          + "max_queued_events " + maxQueued + ": overflows", String.valueOf(sink.rescans),
          "goal: 0", Double.NaN, sink.rescans == 0 && complete ? "met" : "MISSED");
    } finally {
      Report.deleteTree(tmp);
    }
    System.exit(0); // nothing else should keep the JVM, but Chronicle's background threads may
  }

  /**
   * The watcher's own ceiling, which a burst cannot show (the reader keeps up with any writer
   * here, so a burst measures the writer). The reader is held inside its first batch while a
   * writer queues {@code files} creations (2 events each, kept under max_queued_events), then
   * released: the time to journal the whole queued backlog is read + decode + translate + append.
   *
   * <p>Usage: {@code WatchBurst drain [files=7000] [rounds=5] [burst binary, or "java"]}.
   */
  private static void drain(String[] args) throws Exception {
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 7000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String writer = args.length > 3 ? args[3] : "java";
    String bench = "WatchDrain";
    for (int round = 1; round <= rounds; round++) {
      Path tmp = Files.createTempDirectory("syncspool-drain");
      Path root = Files.createDirectories(tmp.resolve("root"));
      Path dir = Files.createDirectory(root.resolve("d"));
      java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
      try (ChronicleJournal journal = ChronicleJournal.open(tmp.resolve("journal"))) {
        CountingSink sink = new CountingSink(journal, gate);
        try (InotifyWatcher watcher = new InotifyWatcher(List.of(new Root(0, root, List.of())),
            EventToggles.DEFAULT, PathFilter.NONE, sink, System::currentTimeMillis,
          org.syncspool.time.Ticker.SYSTEM)) {
          if (round == 1 && !Boolean.getBoolean("bench.nowarmup")) { // as Daemon.start does
            JournalWarmup.run(tmp.resolve("tmp"), watcher::warmUp);
          }
          watcher.start();
          Files.writeString(root.resolve("trigger"), "x"); // its batch is the one held
          while (!sink.holding) {
            Thread.sleep(1);
          }
          List<String> cmd = writerCommand(writer, files);
          cmd.add(dir.toString());
          Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
          p.getInputStream().readAllBytes();
          p.waitFor();
          long released = System.nanoTime();
          gate.countDown();
          long deadline = released + TimeUnit.SECONDS.toNanos(60);
          while (sink.closes < files + 1 && sink.rescansSeen == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
          double ms = (sink.lastNanos - released) / 1e6;
          long events = sink.events;
          System.out.printf("drain round %d: %d events queued, journaled in %.1f ms => %.0f events/s,"
              + " %d records, rescans %d%n", round, events, ms, events / (ms / 1e3), sink.records,
              sink.rescans);
          Report.metric(bench, "round " + round + " events", events);
          Report.metric(bench, "round " + round + " events/s", Math.round(events / (ms / 1e3)));
          Report.metric(bench, "round " + round + " overflows", sink.rescans);
          if (round == 1 || round == rounds) {
            double rate = events / (ms / 1e3);
            Report.row("P1", "watcher drain of a queued backlog into the journal, " + events
                + " events, round " + round + (round == 1 ? " (cold JIT)" : " (warm)"),
                String.format(java.util.Locale.ROOT, "%.0f ev/s", rate), "goal: 300000 ev/s",
                rate / 300_000, rate >= 300_000 ? "met" : "MISSED");
          }
        }
      } finally {
        Report.deleteTree(tmp);
      }
    }
    System.exit(0);
  }
}
