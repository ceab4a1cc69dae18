package org.syncspool.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.syncspool.config.Config;
import org.syncspool.config.Engine;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedList;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.AppendTap;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.Journal;
import org.syncspool.sync.BatchRuns;
import org.syncspool.sync.Coalescer;
import org.syncspool.sync.CursorNames;
import org.syncspool.sync.ProcessRunner;
import org.syncspool.sync.TargetWorker;
import org.syncspool.sync.WorkerListener;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the parts and owns their start/stop order: journal, workers, watches (all in place before
 * an initial full sync starts, so nothing changed during it is lost), then the worker threads.
 * Stopping reverses it: stop watching, let each worker finish the batch in flight, close the
 * journal. What was journaled but not synced is delivered on the next start.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  /** How long a stop waits for a worker's batch in flight. */
  private static final long STOP_WAIT_MILLIS = 60_000;
  /**
   * The start-up scan looks this far before the last journaled event: an event queued in the
   * kernel just as the last read returned carries a ctime slightly older than that read's stamp,
   * and some file systems keep coarse timestamps. Costs only a few seconds of re-sent changes.
   */
  static final long RECOVERY_MARGIN_MILLIS = 5_000;

  private final Config config;
  private final boolean initialSync;
  private final ProcessRunner runner;
  private final String rsync;
  private final LongSupplier clock = System::currentTimeMillis;

  private Journal journal;
  private Watcher watcher;
  private Schedule schedule;
  private UnaryOperator<EventSink> sinkWrap = UnaryOperator.identity();
  private final List<TargetWorker> workers = new ArrayList<>();
  private final List<WorkerListener> listeners = new ArrayList<>();
  private final List<AppendTap> taps = new ArrayList<>();

  /**
   * @param config      validated configuration
   * @param initialSync the {@code -r} option: a full sync of every root to every target first
   * @param runner      starts rsync
   * @param rsync       the rsync binary
   */
  public Daemon(Config config, boolean initialSync, ProcessRunner runner, String rsync) {
    this.config = config;
    this.initialSync = initialSync;
    this.runner = runner;
    this.rsync = rsync;
  }

  /**
   * Test seam: wraps what the watcher writes to (the journal). A wrapper that blocks pauses the
   * inotify reader, so a test can make the kernel queue overflow for real. Before {@link #start}.
   */
  public void interceptWatcherSink(UnaryOperator<EventSink> wrap) {
    this.sinkWrap = wrap;
  }

  /** Adds a listener to every worker's batches and states; call before {@link #start}. */
  public void addListener(WorkerListener l) {
    listeners.add(l);
  }

  /** Adds a tap on every journal append (watcher thread); call before {@link #start}. */
  public void addAppendTap(AppendTap tap) {
    taps.add(tap);
  }

  /** Starts everything; returns when the watches are in place and the workers run. */
  public void start() throws FatalException {
    Path journalDir = config.engine().journal();
    ChronicleJournal chronicle;
    try {
      Files.createDirectories(config.engine().stateDir());
      Files.createDirectories(journalDir);
      chronicle = ChronicleJournal.open(journalDir);
      journal = chronicle;
    } catch (IOException | RuntimeException e) {
      throw new FatalException(ExitCode.CANTCREAT,
          "cannot open the journal in " + journalDir + ": " + e.getMessage(), e);
    }
    // Before any worker opens its cursor: a first start, or a target the journal has never
    // seen, begins with a full sync; everything else resumes from its cursor.
    boolean firstStart = chronicle.isEmpty();
    Set<String> known = chronicle.cursorNames();
    long lastRecord = chronicle.lastRecordMillis();
    PathFilter filter = new PathFilter(config.excludes());
    try {
      for (Root root : config.roots()) {
        for (Target target : root.targets()) {
          workers.add(worker(root, target, filter, firstStart || !known.contains(
              CursorNames.of(target.id()))));
        }
      }
    } catch (IOException e) {
      closeQuietly();
      throw new FatalException(ExitCode.CANTCREAT, "cannot write the state directory "
          + config.engine().stateDir() + ": " + e.getMessage(), e);
    }
    try {
      watcher = WatcherFactory.create(config, filter, sinkWrap.apply(tapped()), clock);
      watcher.start();
    } catch (FatalException e) {
      closeQuietly();
      throw e;
    } catch (IOException e) {
      closeQuietly();
      throw new FatalException(ExitCode.UNAVAILABLE, "cannot watch: " + e.getMessage(), e);
    }
    if (!firstStart && !initialSync) {
      recover(filter, lastRecord);
    }
    for (TargetWorker w : workers) {
      if (initialSync) {
        w.requestFullSync();
      }
      w.start();
    }
    schedule = new Schedule(config, workers, chronicle, clock);
    schedule.start();
    log.info("watching {} under {} root(s), replicating to {} target(s){}",
        watcher.describe(), config.roots().size(), workers.size(),
        firstStart ? "; first start: full sync running"
            : initialSync ? "; initial full sync running" : "");
  }

  private TargetWorker worker(Root root, Target target, PathFilter filter, boolean needsFullSync)
      throws IOException {
    Engine engine = config.engine();
    // Flush cookies are journaled (the barrier finds them there) but never synced.
    Coalescer coalescer = new Coalescer(root.id(),
        p -> filter.excluded(p, 0, p.length) || FlushCookie.is(p));
    BatchRuns runs = TargetParts.runs(config, root, target, filter, runner, rsync);
    TargetWorker w = new TargetWorker(target, journal, coalescer, runs, engine, clock);
    w.listener(WorkerListener.all(listeners));
    String cursor = CursorNames.of(target.id());
    Path marker = engine.stateDir().resolve("pending-full-sync").resolve(cursor);
    if (needsFullSync) {
      Files.createDirectories(marker.getParent());
      if (!Files.exists(marker)) {
        Files.createFile(marker);
      }
    }
    w.pendingFullSync(marker);
    w.probe(TcpProbe.of(target));
    FailedList list = TargetParts.failedList(config, target);
    w.failures(new TargetFailures(target.id(), list, TargetFailures.loggingReplayer(runs,
        engine.maxBatchPaths(), clock, target.name())), TargetParts.replayEveryMillis(config));
    return w;
  }

  /**
   * Journals what changed since the last journaled event (the daemon was stopped or killed):
   * changes still in the kernel's queue at a crash, and changes made while it was down.
   */
  private void recover(PathFilter filter, long lastRecord) {
    long since = lastRecord - RECOVERY_MARGIN_MILLIS;
    long t0 = System.nanoTime();
    try {
      RecoveryScan.Found f = new RecoveryScan(filter, journal, clock).scan(config.roots(), since);
      log.info("start-up scan: {} entries checked in {} ms, {} files and {} directories changed "
          + "since {} (last journaled event minus {} s)", f.scanned(),
          (System.nanoTime() - t0) / 1_000_000, f.files(), f.dirs(),
          java.time.Instant.ofEpochMilli(since), RECOVERY_MARGIN_MILLIS / 1000);
    } catch (IOException | RuntimeException e) {
      // The scan could not finish: only a full sync is sure to bring every target up to date.
      log.warn("start-up scan failed ({}); full sync of every target instead", e.toString());
      for (TargetWorker w : workers) {
        w.requestFullSync();
      }
    }
  }

  /**
   * The journal, guarded: a record that cannot be written is a batch of events nobody will ever
   * see, so the process stops at once (exit 70, which the unit restarts) rather than go on
   * replicating without them; the next start's scan finds what they were about.
   */
  private EventSink guarded(Journal j) {
    return batch -> {
      try {
        j.accept(batch);
      } catch (RuntimeException | Error e) {
        log.error("the journal in {} cannot be written ({}); exiting with {} so that a restart "
            + "recovers the changes this process could not record", config.engine().journal(),
            e, ExitCode.SOFTWARE.code(), e);
        Runtime.getRuntime().halt(ExitCode.SOFTWARE.code());
      }
    };
  }

  /** The journal, then each tap (one tap that throws is logged, never stops the watcher). */
  private EventSink tapped() {
    Journal j = journal;
    EventSink write = guarded(j);
    if (taps.isEmpty()) {
      return write;
    }
    AppendTap[] all = taps.toArray(AppendTap[]::new);
    return batch -> {
      write.accept(batch);
      if (batch.isEmpty()) {
        return; // nothing was appended: no index to report
      }
      long index = j.lastAppendedIndex();
      for (AppendTap t : all) {
        try {
          t.appended(batch, index);
        } catch (RuntimeException e) {
          log.warn("append tap {} failed", t, e);
        }
      }
    };
  }

  public Config config() {
    return config;
  }

  public List<TargetWorker> workers() {
    return List.copyOf(workers);
  }

  public int watchCount() {
    return watcher == null ? 0 : watcher.watchCount();
  }

  /** Stops in order; idempotent. */
  @Override
  public void close() {
    if (schedule != null) {
      schedule.close();
    }
    if (watcher != null) {
      watcher.close();
    }
    for (TargetWorker w : workers) {
      w.stop();
    }
    for (TargetWorker w : workers) {
      try {
        w.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (journal != null) {
      journal.close();
      journal = null;
    }
    log.info("stopped");
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      log.debug("while closing after a failed start", e);
    }
  }
}
