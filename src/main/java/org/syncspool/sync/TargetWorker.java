package org.syncspool.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.journal.Cursor;
import org.syncspool.journal.Journal;
import org.syncspool.watch.EventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's loop: read the journal through the target's own cursor, coalesce, run rsync, and
 * commit the cursor only once the batch is on the target or on its failed list
 * (docs/architecture.md, Journal and cursors). Failures are classified by {@link RsyncExit} and
 * retried with {@link RetryPolicy}'s backoff; a target that is down holds its cursor, so the
 * journal is its backlog and nothing is lost however long it stays down. Other targets have their
 * own workers and are not delayed.
 */
public final class TargetWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  /** An idle worker wakes this often even without appends; appends wake it at once. */
  private static final long IDLE_WAIT_MILLIS = 60_000;
  private static final int LOGGED_PATHS = 5;

  private final Target target;
  private final Journal journal;
  private final Cursor cursor;
  private final Coalescer coalescer;
  private final BatchRuns runs;
  private final Engine engine;
  private final LongSupplier clock;
  private final EventBatch record = new EventBatch();

  private volatile boolean stopping;
  private volatile boolean waiting;
  private volatile Thread thread;
  /** Full syncs asked for; {@link #fullSyncsDone} catches up when one completes. */
  private final AtomicLong fullSyncRequests = new AtomicLong();
  private long fullSyncsDone;
  /** The request count a running full sync answers. */
  private long fullSyncServing;
  private volatile long lastSuccessMillis;
  private volatile int lastExitCode;
  private final RetryPolicy policy;
  private final RandomGenerator random = new SplittableRandom();
  private FailedBatches failed;
  private Path pendingMarker;
  private volatile boolean periodicRequested;
  private TargetProbe probe = TargetProbe.NONE;
  private volatile WorkerState state = WorkerState.STARTING;
  private WorkerListener listener = WorkerListener.NONE;

  public TargetWorker(Target target, Journal journal, Coalescer coalescer, BatchRuns runs,
                      Engine engine, LongSupplier clock) {
    this.target = target;
    this.journal = journal;
    this.cursor = journal.cursor(CursorNames.of(target.id()));
    this.coalescer = coalescer;
    this.runs = runs;
    this.engine = engine;
    this.clock = clock;
    this.policy = new RetryPolicy(engine.retryInitialMillis(), engine.retryMaxMillis());
  }

  /**
   * Where batches that keep failing go, and how often the daemon replays them (0: never);
   * without it a failing batch is retried forever (nothing is ever dropped). Before start.
   */
  public void failures(Failures f, long replayEveryMillis) {
    this.failed = new FailedBatches(target, f, replayEveryMillis, engine.retryMaxMillis());
  }

  /** How to tell that an unreachable target answers again (see {@link TargetProbe}). */
  public void probe(TargetProbe p) {
    this.probe = p;
  }

  /**
   * A durable "this target needs a full sync" mark (a first start, a new target): while the
   * file exists the worker begins with a full sync; it is removed when one succeeds, so a crash
   * before that repeats it.
   */
  public void pendingFullSync(Path marker) {
    this.pendingMarker = marker;
  }

  /** Who hears about batches and state changes; set before {@link #start}. */
  public void listener(WorkerListener l) {
    this.listener = l;
  }

  public WorkerState state() {
    return state;
  }

  private void state(WorkerState s, String reason) {
    if (state != s) {
      state = s;
      listener.stateChanged(target, s, reason);
    }
  }

  public Target target() {
    return target;
  }

  /**
   * Asks for a full sync of the root before the next batch (the {@code -r} option). A request
   * made while a full sync runs is not absorbed by it: it counts as a new one.
   */
  public void requestFullSync() {
    fullSyncRequests.incrementAndGet();
    wake();
  }

  /**
   * Asks for sersync's periodic full sync ({@code crontab}): run between batches, leaving out
   * the {@code crontabfilter} globs; it does not move the cursor (journaled events are still
   * delivered as usual), and a failed one is tried again at the next period.
   */
  public void requestPeriodicFullSync() {
    periodicRequested = true;
    wake();
  }

  /** Cuts an idle wait short so a request is served now, not at the next append. */
  private void wake() {
    Thread t = thread;
    if (t != null && waiting) {
      t.interrupt();
    }
  }

  /** Starts the worker's thread. */
  public void start() {
    Thread t = new Thread(this, "syncspool-worker-" + target.name());
    thread = t;
    t.start();
  }

  /**
   * Stops after the batch in flight (its rsync is never killed); what is not committed stays in
   * the journal for the next start. Call {@link #join} to wait.
   */
  public void stop() {
    stopping = true;
    Thread t = thread;
    if (t != null && waiting) {
      t.interrupt();
    }
  }

  public void join(long millis) throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join(millis);
    }
  }

  public long backlog() {
    return cursor.backlog();
  }

  /** The cursor's committed journal index ({@link Cursor#committedIndex()}): the flush barrier. */
  public long committedIndex() {
    return cursor.committedIndex();
  }

  public long lastSuccessMillis() {
    return lastSuccessMillis;
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        try {
          maybeReplay();
          maybePeriodicFullSync();
          if (!fill()) {
            continue;
          }
          Batch batch = coalescer.batch();
          if (!deliver(batch)) {
            break;
          }
          cursor.commit();
          coalescer.clear();
        } catch (InterruptedException e) {
          if (stopping) {
            break;
          }
        } catch (IOException | RuntimeException e) {
          // A long-running loop catches at the top, logs, and goes on: one bad batch must not end
          // it.
          long delay = engine.retryInitialMillis();
          log.error("target {}: {}; retrying in {} ms", target.name(), e.toString(), delay);
          cursor.rewind();
          coalescer.clear();
          if (!pause(delay)) {
            break;
          }
        }
      }
    } finally {
      cursor.close();
      state(WorkerState.STOPPED, "stopped");
    }
  }

  /**
   * Collects a batch. Idle: what the first read finds is synced at once. While records keep
   * arriving it reads on, waiting up to the quiet window for more, until the batch holds
   * {@code maxBatchPaths} paths or is {@code maxDelayMillis} old.
   */
  private boolean fill() throws InterruptedException, IOException {
    if (pendingMarker != null && Files.exists(pendingMarker) || cursor.behindRetention()) {
      // A new target, a first start, or a cursor whose unread records retention deleted: the
      // journal cannot tell what the target lacks, so one full sync replaces it.
      if (cursor.behindRetention()) {
        log.warn("target {}: journal records it had not read were deleted by retention; "
            + "a full sync replaces them", target.name());
      }
      coalescer.clear();
      cursor.skipToEnd();
      coalescer.markFullSync();
      fullSyncServing = fullSyncRequests.get();
      return true;
    }
    long requested = fullSyncRequests.get();
    if (requested > fullSyncsDone) {
      coalescer.markFullSync();
      fullSyncServing = requested;
    }
    long seen = journal.appendCount();
    int records = drain();
    if (coalescer.isEmpty()) {
      if (records > 0) {
        cursor.commit(); // only events of other roots or excluded paths
      } else {
        state(WorkerState.IDLE, "caught up");
        awaitAppend(seen, IDLE_WAIT_MILLIS);
      }
      return false;
    }
    long start = clock.getAsLong();
    int rounds = 1;
    while (!stopping && coalescer.size() < engine.maxBatchPaths()) {
      long elapsed = clock.getAsLong() - start;
      if (elapsed >= engine.maxDelayMillis()) {
        break;
      }
      seen = journal.appendCount();
      if (drain() > 0) {
        rounds++;
        continue;
      }
      if (rounds < 2) {
        break; // idle: nothing followed the first read
      }
      long left = Math.min(engine.quietMillis(), engine.maxDelayMillis() - elapsed);
      if (!awaitAppend(seen, left)) {
        break; // the burst paused for a whole quiet window
      }
    }
    return true;
  }

  /** Reads records into the coalescer until the journal is drained or the batch is full. */
  private int drain() {
    int n = 0;
    while (coalescer.size() < engine.maxBatchPaths() && cursor.next(record)) {
      long t = record.timeMillis();
      record.forEach((kind, dir, root, cookie, path, off, len) ->
          coalescer.add(kind, dir, root, cookie, path, off, len, t));
      n++;
    }
    return n;
  }

  private boolean awaitAppend(long seen, long millis) throws InterruptedException {
    waiting = true;
    try {
      if (stopping) {
        return false;
      }
      journal.awaitAppend(seen, millis, TimeUnit.MILLISECONDS);
      return journal.appendCount() > seen;
    } finally {
      waiting = false;
      Thread.interrupted(); // a stop() that raced with the wait; the loop checks stopping
    }
  }

  /**
   * Brings {@code batch} to the target, classifying every failure (see {@link RsyncExit}): an
   * unreachable target holds the cursor and backs off; a batch the target refuses is retried
   * {@code batchAttempts} times, then listed on the failed list; a fatal error parks the target.
   * True when the cursor may move; false when asked to stop first.
   */
  private boolean deliver(Batch batch) throws IOException, InterruptedException {
    int attempt = 0;
    int batchFailures = 0;
    int unreachable = 0;
    while (true) {
      state(WorkerState.SYNCING, batch.fullSync() ? "full sync" : "batch");
      long started = clock.getAsLong();
      ProcessRunner.Result r = runs.run(batch);
      attempt++;
      lastExitCode = r.exitCode();
      RsyncExit outcome = RsyncExit.classify(r.exitCode());
      String err = SystemProcessRunner.oneLine(r.stderrTail());
      boolean gaveUp = false;
      if (outcome == RsyncExit.BATCH_FAILED && ++batchFailures >= engine.batchAttempts()
          && failed != null) {
        gaveUp = failed.list(batch, r.exitCode(), attempt, err, clock.getAsLong());
      }
      listener.batchEnded(new WorkerListener.BatchReport(target, batch, r.exitCode(), outcome,
          attempt, gaveUp, started, clock.getAsLong(), r.stderrTail()));
      long delay;
      switch (outcome) {
        case DONE -> {
          lastSuccessMillis = clock.getAsLong();
          if (batch.fullSync()) {
            fullSyncsDone = Math.max(fullSyncsDone, fullSyncServing);
            if (pendingMarker != null) {
              Files.deleteIfExists(pendingMarker);
            }
          }
          if (attempt > 1) {
            log.info("target {}: delivered after {} attempts", target.name(), attempt);
          }
          logDone(batch, r);
          return true;
        }
        case BATCH_FAILED -> {
          if (gaveUp) {
            return true; // the paths are on the failed list: the cursor moves on
          }
          delay = policy.delayMillis(batchFailures, random.nextDouble());
          log.warn("target {}: rsync exit {} ({}), {} paths, attempt {} of {}: {}; retrying in {}"
              + " ms", target.name(), r.exitCode(), RsyncExit.describe(r.exitCode()),
              batch.size(), batchFailures, engine.batchAttempts(), err, delay);
        }
        case UNREACHABLE -> {
          unreachable++;
          state(WorkerState.BACKING_OFF, "rsync exit " + r.exitCode() + " ("
              + RsyncExit.describe(r.exitCode()) + ")");
          delay = policy.delayMillis(unreachable, random.nextDouble());
          long backlog = cursor.backlog();
          log.warn("target {} unreachable: rsync exit {} ({}): {}; holding the cursor ({} journal "
              + "records behind), retrying in {} ms", target.name(), r.exitCode(),
              RsyncExit.describe(r.exitCode()), err, backlog, delay);
          if (!batch.fullSync() && outgrown(batch, backlog)) {
            batch = replaceBacklogWithFullSync(backlog);
          }
          if (!backOff(delay)) {
            return false;
          }
          continue;
        }
        default -> { // FATAL
          delay = engine.retryMaxMillis();
          state(WorkerState.PARKED, "rsync exit " + r.exitCode() + " ("
              + RsyncExit.describe(r.exitCode()) + ")");
          log.error("target {} parked: rsync exit {} ({}): {}; fix this target's settings "
              + "(check-config, check-targets); trying again in {} s, other targets go on",
              target.name(), r.exitCode(), RsyncExit.describe(r.exitCode()), err, delay / 1000);
        }
      }
      if (!pause(delay)) {
        return false;
      }
    }
  }

  /**
   * Waits out an unreachable target's backoff, but retries at once when the probe sees it come
   * back. Only a target the probe finds down now is watched this way: one that accepts
   * connections yet fails (wrong password, unknown module) waits its full backoff.
   */
  private boolean backOff(long delay) {
    if (probe.reachable()) {
      return pause(delay);
    }
    long every = Math.max(10, Math.min(engine.retryInitialMillis(), 5000));
    long end = System.nanoTime() + delay * 1_000_000;
    while (true) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return true;
      }
      if (!pause(Math.min(every, left))) {
        return false;
      }
      if (probe.reachable()) {
        log.info("target {} accepts connections again ({}); retrying now", target.name(), probe);
        return true;
      }
    }
  }

  /**
   * True when replaying the backlog would cost more than one full sync, or when retention is
   * about to delete records this target has not read (a Chronicle tailer silently skips a
   * deleted cycle: docs/architecture.md, Journal and cursors).
   */
  private boolean outgrown(Batch batch, long backlog) {
    if (backlog > engine.fullSyncBacklog()) {
      return true;
    }
    long oldest = batch.oldestEventMillis();
    long nearRetention = engine.retentionHours() * 3_600_000L * 3 / 4;
    return oldest > 0 && clock.getAsLong() - oldest > nearRetention;
  }

  private Batch replaceBacklogWithFullSync(long backlog) {
    log.warn("target {}: {} journal records behind (or near retention): one full sync replaces "
        + "the backlog", target.name(), backlog);
    coalescer.clear();
    cursor.skipToEnd();
    coalescer.markFullSync();
    fullSyncServing = fullSyncRequests.get();
    return coalescer.batch();
  }

  private void maybePeriodicFullSync() throws IOException, InterruptedException {
    if (!periodicRequested || state == WorkerState.BACKING_OFF || state == WorkerState.PARKED) {
      return;
    }
    periodicRequested = false;
    state(WorkerState.SYNCING, "periodic full sync");
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    long started = clock.getAsLong();
    ProcessRunner.Result r = runs.run(full, true);
    RsyncExit outcome = RsyncExit.classify(r.exitCode());
    listener.batchEnded(new WorkerListener.BatchReport(target, full, r.exitCode(), outcome, 1,
        false, started, clock.getAsLong(), r.stderrTail()));
    if (outcome == RsyncExit.DONE) {
      log.info("target {}: periodic full sync done in {} ms", target.name(), r.millis());
    } else {
      log.warn("target {}: periodic full sync failed: rsync exit {} ({}): {}; next period tries "
          + "again", target.name(), r.exitCode(), RsyncExit.describe(r.exitCode()),
          SystemProcessRunner.oneLine(r.stderrTail()));
    }
  }

  /** The daemon's scheduled replay of the failed list ({@code failLog@timeToExecute}). */
  private void maybeReplay() throws InterruptedException {
    if (failed != null && failed.replayDue(clock.getAsLong())) {
      state(WorkerState.SYNCING, "replaying the failed list");
      failed.replay();
    }
  }

  private void logDone(Batch batch, ProcessRunner.Result r) {
    if (batch.fullSync()) {
      log.info("target {}: full sync done in {} ms (rsync exit {})", target.name(), r.millis(),
          r.exitCode());
      return;
    }
    long lag = batch.oldestEventMillis() == 0 ? 0 : clock.getAsLong() - batch.oldestEventMillis();
    long bytes = RsyncStats.bytesSent(r.stdout());
    log.info("target {}: synced {} paths{} in {} ms (lag {} ms): {}", target.name(), batch.size(),
        bytes < 0 ? "" : ", " + bytes + " bytes sent", r.millis(), lag,
        batch.describe(LOGGED_PATHS));
  }

  /** Sleeps, unless asked to stop; false when stopping. */
  private boolean pause(long millis) {
    waiting = true;
    try {
      if (stopping) {
        return false;
      }
      Thread.sleep(millis);
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    } finally {
      waiting = false;
    }
  }

  /** Paths on this target's failed-transfer list (kept up to date by the failed list). */
  public long failedCount() {
    return failed == null ? 0 : failed.count();
  }

  public int lastExitCode() {
    return lastExitCode;
  }
}
