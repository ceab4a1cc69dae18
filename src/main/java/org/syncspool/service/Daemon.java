package org.syncspool.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.syncspool.dirfd.NoFollow;
import org.syncspool.config.Config;
import org.syncspool.config.Engine;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedList;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.AppendTap;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.Journal;
import org.syncspool.ssh.ControlMaster;
import org.syncspool.standby.StandbyPolicy;
import org.syncspool.standby.StandbyRunner;
import org.syncspool.standby.StandbyTimer;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.Coalescer;
import org.syncspool.worker.CursorNames;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerListener;
import org.syncspool.worker.WorkerParts;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.ProgressLog;
import org.syncspool.supervisor.Supervisor;
import org.syncspool.worker.WorkerState;
import org.syncspool.time.Scheduler;
import org.syncspool.time.SystemScheduler;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;
import org.syncspool.watch.fanotify.FanotifyWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

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
  /** The watcher's thread's name (InotifyWatcher names it). */
  static final String WATCHER_THREAD = "syncspool-inotify";

  private final Config config;
  private final boolean initialSync;
  private final ProcessRunner runner;
  private final String rsync;
  /** Our threads run here: the given scheduler, restarting what dies (see {@link Supervisor}). */
  private final Supervisor scheduler;
  private final LongSupplier clock;
  private final IntConsumer halt;
  /** Two minutes: a batching window is a second, a worker's idle wait ends at every append. */
  static final long STALL_MILLIS = 120_000;
  private long stallMillis = STALL_MILLIS;
  private Stalls stalls = new Stalls(STALL_MILLIS);

  private @Nullable Journal journal;
  private @Nullable AuditTimer audits;
  /** After a restart, beside the workers; made in the constructor so flush can wait for it. */
  private final StartupScan scan;
  private java.util.function.Consumer<org.syncspool.verify.TargetAudit> auditListener = a -> { };
  private @Nullable Watcher watcher;
  private @Nullable Schedule schedule;
  /** Long work in flight (full syncs, replays), for the log line, status and metrics. */
  private final ProgressBoard progress;
  private @Nullable ProgressLog progressLog;
  private UnaryOperator<EventSink> sinkWrap = UnaryOperator.identity();
  private final List<TargetWorker> workers = new ArrayList<>();
  private @Nullable Pauses pauses;
  private final List<WorkerListener> listeners = new ArrayList<>();
  private final List<AppendTap> taps = new ArrayList<>();
  /** Each target's standby rsync (standby.StandbyRunner), on one timer thread. */
  private final List<StandbyRunner> standbys = new ArrayList<>();
  private @Nullable StandbyTimer standbyTimer;
  /** Each target's ssh connection sharing (none for other targets). */
  private final List<ControlMaster> masters = new ArrayList<>();

  /**
   * @param config      validated configuration
   * @param initialSync the {@code -r} option: a full sync of every root to every target first
   * @param runner      starts rsync
   * @param rsync       the rsync binary
   */
  public Daemon(Config config, boolean initialSync, ProcessRunner runner, String rsync) {
    this(config, initialSync, runner, rsync, SystemScheduler.INSTANCE, System::currentTimeMillis,
        code -> Runtime.getRuntime().halt(code));
  }

  /**
   * @param scheduler our threads, their waits and monotonic time
   * @param clock     wall-clock epoch millis, for stamps only
   * @param halt      ends the process at once with an exit code, where going on would lose
   *                  events (a test passes one that records the code)
   */
  public Daemon(Config config, boolean initialSync, ProcessRunner runner, String rsync,
                Scheduler scheduler, LongSupplier clock, IntConsumer halt) {
    this.config = config;
    this.initialSync = initialSync;
    this.runner = runner;
    this.rsync = rsync;
    this.scheduler = new Supervisor(scheduler);
    this.progress = new ProgressBoard(scheduler);
    this.scan = new StartupScan(new ScanMark(config.engine().stateDir()), config.roots(),
        progress, this.scheduler, clock);
    this.clock = clock;
    this.halt = halt;
  }

  /**
   * Test seam: wraps what the watcher writes to (the journal). A wrapper that blocks pauses the
   * inotify reader, so a test can make the kernel queue overflow for real. Before {@link #start}.
   */
  public void interceptWatcherSink(UnaryOperator<EventSink> wrap) {
    this.sinkWrap = wrap;
  }

  /**
   * How long a backlog may stand still under a worker that waits as if caught up before
   * {@link #unhealthy()} calls it stuck (default {@link #STALL_MILLIS}); before {@link #start}.
   */
  public void detectStallsAfter(long millis) {
    this.stallMillis = millis;
    this.stalls = new Stalls(millis);
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
    // checked, a damaged one moved aside; its state directory private and not full
    ChronicleJournal chronicle = JournalStart.open(config.engine().stateDir(), journalDir, clock,
        halt);
    journal = chronicle;
    // Before any worker opens its cursor: a first start, or a target the journal has never
    // seen, begins with a full sync; everything else resumes from its cursor.
    boolean firstStart = chronicle.isEmpty();
    Set<String> known = chronicle.cursorNames();
    long lastRecord = chronicle.lastRecordMillis();
    PathFilter filter = new PathFilter(config.excludes());
    pauses = new Pauses(config.engine().stateDir().resolve(Pauses.DIR), clock);
    try {
      for (Root root : config.roots()) {
        for (Target target : root.targets()) {
          workers.add(worker(root, target, filter, firstStart || !known.contains(
              CursorNames.of(target.id()))));
        }
      }
    } catch (IOException e) {
      closeQuietly();
      throw StateDisk.fatal("cannot write the state directory " + config.engine().stateDir(), e);
    }
    try {
      watcher = WatcherFactory.create(config, filter, sinkWrap.apply(tapped()), clock,
          scheduler);
      watchDeathsOf(watcher instanceof FanotifyWatcher ? FanotifyWatcher.THREAD : WATCHER_THREAD);
      watcher.start();
    } catch (FatalException e) {
      closeQuietly();
      throw e;
    } catch (IOException e) {
      closeQuietly();
      throw new FatalException(ExitCode.UNAVAILABLE, "cannot watch: " + e.getMessage(), e);
    }
    progressLog = new ProgressLog(progress, scheduler, ProgressLog.EVERY_MILLIS,
        line -> LoggerFactory.getLogger(ProgressLog.class).info("{}", line));
    progressLog.start();
    for (TargetWorker w : workers) {
      if (initialSync) {
        w.requestFullSync();
      }
      w.start();
    }
    standbys.forEach(StandbyRunner::open);
    boolean scanning = !firstStart && !initialSync;
    if (scanning) {
      scan.start(filter, journal(), lastRecord, workers);
    } else {
      scan.none();
    }
    schedule = new Schedule(config, workers, chronicle, clock, scheduler);
    schedule.start();
    if (config.audit() != null) {
      // As the cli's runner: no password prompt on a terminal (a daemon target without one fails)
      AuditTimer timer = new AuditTimer(config, chronicle,
          new org.syncspool.verify.SystemLineRunner(System.getenv("RSYNC_PASSWORD") == null
              ? java.util.Map.of("RSYNC_PASSWORD", "") : java.util.Map.of()),
          scheduler, clock, auditListener, progress);
      audits = timer;
      timer.start();
    }
    log.info("watching {} under {} root(s), replicating to {} target(s){}",
        watcher.describe(), config.roots().size(), workers.size(),
        firstStart ? "; first start: full sync running"
            : initialSync ? "; initial full sync running"
            : scanning ? "; start-up scan running" : "");
  }

  private TargetWorker worker(Root root, Target target, PathFilter filter, boolean needsFullSync)
      throws IOException {
    Engine engine = config.engine();
    // Flush cookies are journaled (the barrier finds them there) but never synced.
    Coalescer coalescer = new Coalescer(root.id(),
        p -> filter.excluded(p, 0, p.length) || FlushCookie.is(p));
    ControlMaster mux = ControlMaster.of(target, engine.stateDir().resolve("ssh"), runner);
    masters.add(mux);
    RsyncCommand command = TargetParts.command(config, root, target, rsync)
        .withSshOptions(mux.options());
    BatchRuns runs = TargetParts.runs(config, root, target, filter, standby(target, command),
        command);
    String cursor = CursorNames.of(target.id());
    Path marker = engine.stateDir().resolve("pending-full-sync").resolve(cursor);
    if (needsFullSync) {
      NoFollow.directory(marker.getParent());
      if (!Files.exists(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(marker);
      }
    }
    FailedList list = TargetParts.failedList(config, target);
    NoFollow.directory(list.file().getParent()); // refused at start, not at the first failure
    TargetFailures failures = new TargetFailures(target, list,
        TargetFailures.loggingReplayer(runs, engine.maxBatchPaths(), clock, target.name())
            .withProgress(progress, target.name()),
        TargetParts.replayEveryMillis(config), engine.retryMaxMillis(), scheduler);
    return new TargetWorker(WorkerParts.of(target, journal(), coalescer, runs, engine, scheduler,
            clock)
        .withFailures(failures)
        .withProbe(TcpProbe.of(target))
        .withPendingFullSync(marker)
        .withListener(WorkerListener.all(listeners))
        .withProgress(progress)
        .withBigLane(TargetParts.bigLane(config, root, target, filter, runner, command))
        .withPause(java.util.Objects.requireNonNull(pauses, "pauses: made by start()")
            .of(target)));
  }

  /** The target's runner: with a standby rsync unless {@code <remote standby="false">}. */
  private ProcessRunner standby(Target target, RsyncCommand command) {
    if (!target.standby()) {
      return runner;
    }
    StandbyTimer timer = standbyTimer;
    if (timer == null) {
      timer = StandbyTimer.threaded("syncspool-standby");
      standbyTimer = timer;
    }
    StandbyRunner s = new StandbyRunner(runner, command.batch(false), timer,
        StandbyPolicy.of(target), target.name());
    standbys.add(s);
    return s;
  }

  /** The standby rsync of each target that has one (in config order), for tests and status. */
  public List<StandbyRunner> standbys() {
    return List.copyOf(standbys);
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
        halt.accept(ExitCode.SOFTWARE.code());
      }
    };
  }

  /** The journal, then each tap (one tap that throws is logged, never stops the watcher). */
  private EventSink tapped() {
    Journal j = journal();
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

  /** The scheduler our threads run on (its ticker, its waiters), restarting what dies. */
  public Supervisor scheduler() {
    return scheduler;
  }

  /**
   * The watcher's thread cannot be restarted safely (what it read and did not journal would be
   * lost, and its watches would not match the tree): if it dies, the process exits 70 so that
   * systemd restarts it and the start-up scan recovers. The watcher makes its own thread, so
   * this is an uncaught-exception handler for threads of that name.
   */
  private void watchDeathsOf(String thread) {
    scheduler.track(thread);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (!t.getName().equals(thread)) {
        if (previous != null) {
          previous.uncaughtException(t, e);
        } else {
          log.error("thread {} died: {}", t.getName(), e.toString(), e);
        }
        return;
      }
      scheduler.died(thread, e);
      log.error("thread {} died: {}; exiting with {} so that a restart rescans the roots",
          thread, e, ExitCode.SOFTWARE.code(), e);
      halt.accept(ExitCode.SOFTWARE.code());
    });
  }

  /**
   * Why the daemon is not healthy now, one phrase per target (empty: healthy): a target parked,
   * restarting after its worker's thread died, or without a live worker. A target backing off
   * is not: it is down, the daemon is fine, and a restart would not help. A target whose
   * worker waits as if caught up while its backlog stays above 0 is: see {@link Stalls}.
   */
  public List<String> unhealthy() {
    List<String> why = new ArrayList<>();
    for (TargetWorker w : workers) {
      WorkerState s = w.state();
      if (s == WorkerState.PARKED || s == WorkerState.RESTARTING) {
        why.add(w.target().name() + ": " + s);
      } else if (!w.alive()) {
        why.add(w.target().name() + ": no worker (" + s + ")");
      } else if (stalls.stuck(w.target().name(), s, w.backlog(), w.committedIndex(),
          w.laneHolds(), scheduler.nanos())) {
        why.add(w.target().name() + ": stuck (" + w.backlog() + " records behind, no progress "
            + "in " + stallMillis / 1000 + " s)");
      }
    }
    return why;
  }

  public Config config() {
    return config;
  }

  /** Which targets are paused ({@code syncspool pause}); made by {@link #start}. */
  public Pauses pauses() {
    return java.util.Objects.requireNonNull(pauses, "pauses: made by start()");
  }

  /** The journal, once {@link #start} opened it. */
  private Journal journal() {
    return java.util.Objects.requireNonNull(journal, "the journal is opened by start()");
  }

  /** Long work in flight: each target's full sync or replay and how far it is. */
  public ProgressBoard progress() {
    return progress;
  }

  public List<TargetWorker> workers() {
    return List.copyOf(workers);
  }

  public int watchCount() {
    return watcher == null ? 0 : watcher.watchCount();
  }

  /** What is watched, counted: {@code 1200 directories}, {@code 1 filesystem mark}. */
  public String watching() {
    Watcher w = watcher;
    return w == null ? "nothing" : w.counted();
  }

  /** Receives each scheduled audit's result (metrics); call before {@link #start}. */
  public void onAudit(java.util.function.Consumer<org.syncspool.verify.TargetAudit> l) {
    java.util.function.Consumer<org.syncspool.verify.TargetAudit> before = auditListener;
    auditListener = a -> {
      before.accept(a);
      l.accept(a);
    };
  }

  /**
   * Done once the start-up scan has journaled what changed while the daemon was down (or failed,
   * and asked for full syncs, or was stopped); done at once when a start has no scan. Before
   * that, "everything up to now is on every target" cannot hold: {@link FlushBarrier} waits.
   */
  public java.util.concurrent.CompletableFuture<Void> scanned() {
    return scan.done();
  }

  /** The scheduled audits ({@code <syncspool><verify>}), null when off or not started. */
  public @Nullable AuditTimer audits() {
    return audits;
  }

  /** Stops in order; idempotent. */
  @Override
  public void close() {
    // Before the workers stop (a failed scan asks them for a full sync) and the journal closes
    scan.close();
    if (audits != null) {
      audits.close();
    }
    scheduler.close();
    if (schedule != null) {
      schedule.close();
    }
    if (progressLog != null) {
      progressLog.close();
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
    // After the workers: no batch is handed to a standby any more. Each ends with an empty file
    // list, having sent nothing.
    if (standbyTimer != null) {
      standbyTimer.close();
    }
    standbys.forEach(StandbyRunner::close);
    masters.forEach(ControlMaster::close);
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
