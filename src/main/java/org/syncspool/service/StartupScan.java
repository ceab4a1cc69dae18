package org.syncspool.service;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Root;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import org.syncspool.time.Scheduler;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.worker.TargetWorker;

/**
 * The daemon's start-up scan after a restart ({@link RecoveryScan}): journals what changed since
 * the last journaled event (changes still in the kernel's queue at a crash, and changes made
 * while the daemon was down), on its own thread once the workers run, so a scan of a big tree
 * (1M directories: 8-10 s, docs/performance.md) holds nothing back.
 *
 * <p>{@link ScanMark} keeps its "since" across a stop or kill -9 mid-scan; {@link #close} stops
 * it at the next entry; {@link #done} is what {@code flush} waits for (FlushBarrier.after). A
 * scan that fails asks every worker for a full sync, the only sure way left.
 */
final class StartupScan implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  /**
   * The scan looks this far before the last journaled event: an event queued in the kernel just
   * as the last read returned carries a ctime slightly older than that read's stamp, and some
   * file systems keep coarse timestamps. Costs only a few seconds of re-sent changes.
   */
  static final long MARGIN_MILLIS = 5_000;

  private final ScanMark mark;
  private final List<Root> roots;
  private final ProgressBoard progress;
  private final Scheduler scheduler;
  private final LongSupplier clock;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile boolean closing;
  private Scheduler.@Nullable Handle thread;

  StartupScan(ScanMark mark, List<Root> roots, ProgressBoard progress, Scheduler scheduler,
              LongSupplier clock) {
    this.mark = mark;
    this.roots = roots;
    this.progress = progress;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Done once the scan ended (found, failed or stopped); at once after {@link #none}. */
  CompletableFuture<Void> done() {
    return done;
  }

  /** This start has no scan (a first start, or {@code -r}). */
  void none() {
    done.complete(null);
  }

  /** Scans on a thread of its own from the last journaled event, into {@code journal}. */
  void start(PathFilter filter, EventSink journal, long lastRecordMillis,
             List<TargetWorker> workers) {
    thread = scheduler.start("syncspool-scan", () -> {
      try {
        run(filter, journal, lastRecordMillis, workers);
      } finally {
        done.complete(null);
      }
    });
  }

  private void run(PathFilter filter, EventSink journal, long lastRecord,
                   List<TargetWorker> workers) {
    long since = mark.since(lastRecord - MARGIN_MILLIS);
    long t0 = scheduler.nanos();
    try {
      mark.set(since);
      // On the progress board (no target: it is the daemon's), so the log says every 5 s how
      // many entries a long scan has checked (progress.ProgressLog).
      progress.begin(Work.SCAN, "", -1);
      RecoveryScan.Found f;
      try {
        f = new RecoveryScan(filter, journal, clock)
            .counting(n -> progress.count(Work.SCAN, "", n, -1, -1))
            .stopping(() -> closing)
            .scan(roots, since);
      } finally {
        progress.end(Work.SCAN, "");
      }
      mark.clear();
      log.info("start-up scan: {} entries checked in {} ms, {} files and {} directories changed "
          + "since {} (last journaled event minus {} s)", f.scanned(),
          (scheduler.nanos() - t0) / 1_000_000, f.files(), f.dirs(), Instant.ofEpochMilli(since),
          MARGIN_MILLIS / 1000);
    } catch (RecoveryScan.Stopped e) {
      log.info("start-up scan {} by shutdown; the next start scans again from {} ({})",
          e.getMessage(), Instant.ofEpochMilli(since), ScanMark.FILE);
    } catch (IOException | RuntimeException e) {
      // The scan could not finish: only a full sync is sure to bring every target up to date.
      log.warn("start-up scan failed ({}); full sync of every target instead", e.toString());
      for (TargetWorker w : workers) {
        w.requestFullSync();
      }
    }
  }

  /** Stops the scan at its next entry and waits for it (before the workers stop). */
  @Override
  public void close() {
    closing = true;
    Scheduler.Handle.joinQuietly(thread, 60_000);
  }
}
