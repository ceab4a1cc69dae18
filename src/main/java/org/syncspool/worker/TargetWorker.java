package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.batch.Coalescer;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.rsync.RsyncStats;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.BatchSplit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.Cursor;
import org.syncspool.journal.Journal;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import org.syncspool.worker.Mailbox.Mail;
import org.syncspool.worker.Verdict.Step;
import org.syncspool.time.Scheduler;
import org.syncspool.watch.EventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * One target's loop: read the journal through the target's own cursor, coalesce, run rsync, and
 * commit the cursor only once the batch is on the target or on its failed list
 * (docs/architecture.md, Journal and cursors). What to do after each run is
 * {@link Verdict}'s table; a target that is down holds its cursor, so the journal is its backlog
 * and nothing is lost however long it stays down. Other targets have their own workers.
 *
 * <p>The worker waits in exactly one place, its {@link Mailbox}, on its {@link Scheduler}'s
 * monotonic ticker: requests, appends and stop are mail, never an interrupt, so a request that
 * comes during a backoff waits there until the worker can serve it.
 */
public final class TargetWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  /** An idle worker looks at the journal this often even without mail (belt and braces). */
  private static final long IDLE_WAIT_MILLIS = 60_000;
  private static final int LOGGED_PATHS = 5;
  /** What an idle worker wakes for. */
  private static final Set<Mail> IDLE = EnumSet.of(Mail.JOURNAL_GREW, Mail.FULL_SYNC,
      Mail.PERIODIC_FULL_SYNC, Mail.REPLAY, Mail.STOP, Mail.PAUSE_CHANGED);
  /** What a batching window is cut short by (more records, a flush, stop). */
  private static final Set<Mail> WINDOW = EnumSet.of(Mail.JOURNAL_GREW, Mail.FLUSH, Mail.STOP);
  /** What a retry delay or a backoff is cut short by: stop only; the rest waits its turn. */
  private static final Set<Mail> PAUSE = EnumSet.of(Mail.STOP);

  private final Target target;
  private final Journal journal;
  private final Cursor cursor;
  private final Coalescer coalescer;
  private final BatchRuns runs;
  private final Engine engine;
  private final Scheduler scheduler;
  private final LongSupplier clock;
  private final @Nullable TargetFailures failed;
  private final TargetProbe probe;
  private final FullSyncDebt fullSyncs;
  private final WorkerListener listener;
  private final Mailbox mailbox;
  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final EventBatch record = new EventBatch();
  private final Runnable journalGrew;

  private volatile Scheduler.@Nullable Handle thread;
  private volatile long lastSuccessMillis;
  private volatile int lastExitCode;
  /** Full syncs that reached the target since start (cli's {@code full-sync --wait} waits on it). */
  private final java.util.concurrent.atomic.AtomicLong fullSyncsDone =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile WorkerState state = WorkerState.STARTING;
  private final Pause pause;
  private final ProgressBoard progress;

  public TargetWorker(WorkerParts p) {
    this.target = p.target();
    this.journal = p.journal();
    this.cursor = journal.cursor(CursorNames.of(target.id()));
    this.coalescer = p.coalescer();
    this.runs = p.runs();
    this.engine = p.engine();
    this.scheduler = p.scheduler();
    this.clock = p.wallClock();
    this.failed = p.failures();
    this.probe = p.probe();
    this.listener = p.listener();
    this.mailbox = new Mailbox(scheduler);
    this.policy = new RetryPolicy(engine.retryInitialMillis(), engine.retryMaxMillis());
    this.journalGrew = () -> mailbox.post(Mail.JOURNAL_GREW);
    this.random = p.random();
    this.progress = p.progress();
    this.pause = p.pause().wakes(() -> mailbox.post(Mail.PAUSE_CHANGED));
    this.fullSyncs = new FullSyncDebt(target, cursor, coalescer, mailbox, engine, clock,
        p.pendingFullSync());
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
   * made while a full sync runs is not absorbed by it: it counts as a new one. During a backoff
   * or while parked it waits until the batch at hand is delivered.
   */
  public void requestFullSync() {
    mailbox.post(Mail.FULL_SYNC);
  }

  /**
   * Asks for sersync's periodic full sync ({@code crontab}): run between batches, leaving out
   * the {@code crontabfilter} globs; it does not move the cursor (journaled events are still
   * delivered as usual), and a failed one is tried again at the next period.
   */
  public void requestPeriodicFullSync() {
    mailbox.post(Mail.PERIODIC_FULL_SYNC);
  }

  /** Asks for a replay of the failed list between batches. */
  public void requestReplay() {
    mailbox.post(Mail.REPLAY);
  }

  /** Someone waits for everything to be on the target: the batch being collected goes now. */
  public void flush() {
    mailbox.post(Mail.FLUSH);
  }

  /** Starts the worker's thread on its scheduler. */
  public void start() {
    thread = scheduler.start("syncspool-worker-" + target.name(), this);
  }

  /**
   * Stops after the batch in flight (its rsync is never killed); what is not committed stays in
   * the journal for the next start. Call {@link #join} to wait.
   */
  public void stop() {
    mailbox.post(Mail.STOP);
  }

  /** Waits up to {@code millis} for the thread to end; true when it has (or never started). */
  public boolean join(long millis) throws InterruptedException {
    Scheduler.Handle t = thread;
    return t == null || t.join(millis);
  }

  /** Whether the worker's thread runs (or waits to be restarted by its supervisor). */
  public boolean alive() {
    Scheduler.Handle t = thread;
    return t != null && t.alive();
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
    journal.addAppendListener(journalGrew);
    mailbox.post(Mail.JOURNAL_GREW); // a restarted worker looks at once
    boolean asked = false;
    try {
      while (!mailbox.has(Mail.STOP)) {
        try {
          step();
        } catch (IOException | RuntimeException | InterruptedException e) {
          // A long-running loop catches at the top, logs, and goes on; nothing of ours
          // interrupts, so an interrupt is somebody else's and is no reason to stop either.
          long delay = engine.retryInitialMillis();
          log.error("target {}: {}; retrying in {} ms", target.name(), e.toString(), delay);
          cursor.rewind();
          coalescer.clear();
          pause(delay);
        }
      }
      asked = true;
    } finally {
      journal.removeAppendListener(journalGrew);
      if (asked) {
        cursor.close();
        state(WorkerState.STOPPED, "stopped");
      } else {
        // Died (an Error escaped): what was read is not committed; the supervisor runs this
        // again, from the committed position, after its backoff.
        cursor.rewind();
        coalescer.clear();
        state(WorkerState.RESTARTING, "thread died");
      }
    }
  }

  /** One turn: requests first, then one batch collected and delivered. */
  private void step() throws IOException, InterruptedException {
    if (pause.hold(() -> state(WorkerState.PAUSED, "paused"), mailbox, scheduler,
        IDLE_WAIT_MILLIS)) {
      return;
    }
    if (failed != null) {
      boolean asked = mailbox.take(Mail.REPLAY); // taken whether or not a replay is due anyway
      if (asked || failed.replayDue()) {
        state(WorkerState.SYNCING, "replaying the failed list");
        failed.replay();
      }
    }
    if (mailbox.take(Mail.PERIODIC_FULL_SYNC)) {
      periodicFullSync();
    }
    if (!fill()) {
      return;
    }
    if (deliver(coalescer.batch())) {
      commit();
      coalescer.clear();
    }
  }

  /**
   * Collects a batch; false when there is none (idle: it waited for mail) or on stop. Idle:
   * what the first read finds is synced at once. While records keep arriving it reads on,
   * waiting up to the quiet window for more, until the batch holds {@code maxBatchPaths} paths
   * or is {@code maxDelayMillis} old, both on the monotonic ticker; a flush sends it at once.
   */
  private boolean fill() throws IOException {
    if (fullSyncs.replacesTheJournal()) {
      return true;
    }
    mailbox.take(Mail.JOURNAL_GREW);
    int records = drain();
    if (coalescer.isEmpty()) {
      if (records > 0) {
        commit(); // only events of other roots or excluded paths
      } else {
        state(WorkerState.IDLE, "caught up");
        long until = scheduler.deadlineAfterMillis(IDLE_WAIT_MILLIS);
        mailbox.await(IDLE, failed == null ? until : Math.min(until, failed.nextReplayAt()));
      }
      return false;
    }
    long end = scheduler.deadlineAfterMillis(engine.maxDelayMillis());
    int rounds = 1;
    while (coalescer.size() < engine.maxBatchPaths() && end - scheduler.nanos() > 0) {
      mailbox.take(Mail.JOURNAL_GREW);
      if (drain() > 0) {
        rounds++;
        continue;
      }
      if (rounds < 2) {
        break; // idle: nothing followed the first read
      }
      long quiet = scheduler.deadlineAfterMillis(engine.quietMillis());
      Set<Mail> got = mailbox.await(WINDOW, end - quiet < 0 ? end : quiet);
      if (got.contains(Mail.STOP)) {
        return false; // not committed: the next start reads it again
      }
      if (got.contains(Mail.FLUSH) || got.isEmpty()) {
        mailbox.take(Mail.FLUSH);
        break; // someone waits, or the burst paused for a whole quiet window
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

  /**
   * Brings {@code whole} to the target, doing what {@link Verdict} says after each run; a batch
   * split as poison is worked through piece by piece. True when the cursor may move (everything
   * delivered or listed); false when asked to stop first.
   */
  // batch != whole: identity is the point (the batch given, or one of its split parts).
  @SuppressWarnings("ReferenceEquality")
  private boolean deliver(Batch whole) throws IOException, InterruptedException {
    Deque<Batch> todo = new ArrayDeque<>();
    todo.push(whole);
    PoisonReport poison = new PoisonReport(whole.size());
    while (!todo.isEmpty()) {
      Batch batch = todo.pop();
      int attempt = 0;
      int failures = 0;
      int unreachable = 0;
      while (true) {
        state(WorkerState.SYNCING, batch.fullSync() ? "full sync" : "batch");
        long started = clock.getAsLong();
        ProcessRunner.Result r = batch.fullSync() ? fullSync(batch, false) : runs.run(batch);
        attempt++;
        int code = r.exitCode();
        lastExitCode = code;
        RsyncExit outcome = RsyncExit.classify(code);
        if (outcome == RsyncExit.BATCH_FAILED || outcome == RsyncExit.FATAL) {
          failures++;
        }
        boolean answers = !Verdict.asksTarget(code) || runs.targetAnswers();
        Step step = Verdict.decide(code, failures, engine.batchAttempts(),
            batch.size() > 1 && !batch.fullSync(), failed != null, answers);
        String err = SystemProcessRunner.oneLine(r.stderrTail());
        boolean split = batch != whole || step == Step.SPLIT;
        boolean listed = step == Step.LIST_FAILED && failed != null // Verdict lists only then
            && failed.list(batch, code, attempt, err, clock.getAsLong(), !split);
        listener.batchEnded(new WorkerListener.BatchReport(target, batch, code, outcome,
            attempt, listed, started, clock.getAsLong(), r.stderrTail(),
            RsyncStats.bytesSent(r.stdout())));
        if (step == Step.COMMIT || listed) {
          if (step == Step.COMMIT) {
            if (batch.fullSync()) {
              fullSyncsDone.incrementAndGet();
            }
            delivered(batch, r, attempt);
          } else if (split) {
            poison.isolated(batch, code, err);
          }
          if (batch.fullSync()) {
            fullSyncs.paid();
          }
          break;
        }
        if (step == Step.SPLIT) {
          List<Batch> halves = BatchSplit.halves(batch);
          for (int i = halves.size() - 1; i >= 0; i--) {
            todo.push(halves.get(i));
          }
          break;
        }
        if (step == Step.BACK_OFF) {
          unreachable++;
          state(WorkerState.BACKING_OFF, "rsync exit " + code + " (" + RsyncExit.describe(code)
              + ")");
          long delay = policy.delayMillis(unreachable, random.nextDouble());
          long backlog = cursor.backlog();
          log.warn("target {} unreachable: rsync exit {} ({}): {}; holding the cursor ({} journal "
              + "records behind), retrying in {} ms", target.name(), code,
              RsyncExit.describe(code), err, backlog, delay);
          if (!batch.fullSync() && fullSyncs.outgrown(batch, backlog)) {
            todo.clear();
            batch = fullSyncs.replaceBacklog(backlog);
          }
          if (!backOff(delay)) {
            return false;
          }
          continue;
        }
        long delay;
        if (step == Step.PARK) {
          delay = engine.retryMaxMillis();
          state(WorkerState.PARKED, "rsync exit " + code + " (" + RsyncExit.describe(code) + ")");
          log.error("target {} parked: rsync exit {} ({}): {}; fix this target's settings "
              + "(check-config, check-targets); trying again in {} s, other targets go on",
              target.name(), code, RsyncExit.describe(code), err, delay / 1000);
        } else { // RETRY, or a failed list that could not be written
          delay = policy.delayMillis(failures, random.nextDouble());
          log.warn("target {}: rsync exit {} ({}), {} paths, attempt {} of {}: {}; retrying in {}"
              + " ms", target.name(), code, RsyncExit.describe(code), batch.size(), failures,
              engine.batchAttempts(), err, delay);
        }
        if (!pause(delay)) {
          return false;
        }
      }
    }
    if (failed != null) { // paths are isolated only to be listed
      poison.log(target, failed);
    }
    return true;
  }

  private void commit() {
    cursor.commit();
    listener.committed(target, cursor.committedIndex());
  }

  /**
   * Waits out an unreachable target's backoff, but retries at once when the probe sees it come
   * back. Only a target the probe finds down now is watched this way: one that accepts
   * connections yet fails (wrong password, unknown module) waits its full backoff.
   */
  private boolean backOff(long delay) {
    long end = scheduler.deadlineAfterMillis(delay);
    if (probe.reachable()) {
      return mailbox.await(PAUSE, end).isEmpty();
    }
    long every = Math.max(10, Math.min(engine.retryInitialMillis(), 5000));
    while (end - scheduler.nanos() > 0) {
      long next = scheduler.deadlineAfterMillis(every);
      if (!mailbox.await(PAUSE, end - next < 0 ? end : next).isEmpty()) {
        return false;
      }
      if (probe.reachable()) {
        log.info("target {} accepts connections again ({}); retrying now", target.name(), probe);
        return true;
      }
    }
    return true;
  }

  /** Waits {@code millis} on the ticker unless asked to stop; false when stopping. */
  private boolean pause(long millis) {
    return mailbox.await(PAUSE, scheduler.deadlineAfterMillis(millis)).isEmpty();
  }

  private void periodicFullSync() throws IOException, InterruptedException {
    state(WorkerState.SYNCING, "periodic full sync");
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    long started = clock.getAsLong();
    ProcessRunner.Result r = fullSync(full, true);
    RsyncExit outcome = RsyncExit.classify(r.exitCode());
    listener.batchEnded(new WorkerListener.BatchReport(target, full, r.exitCode(), outcome, 1,
        false, started, clock.getAsLong(), r.stderrTail()));
    if (outcome == RsyncExit.DONE) {
      fullSyncsDone.incrementAndGet();
      log.info("target {}: periodic full sync done in {} ms", target.name(), r.millis());
    } else {
      log.warn("target {}: periodic full sync failed: rsync exit {} ({}): {}; next period tries "
          + "again", target.name(), r.exitCode(), RsyncExit.describe(r.exitCode()),
          SystemProcessRunner.oneLine(r.stderrTail()));
    }
  }

  /**
   * A full sync's run, on the progress board while it runs (counted from rsync's
   * {@code --info=progress2} lines, transfer.BatchRuns) and off it after, whatever the outcome.
   */
  private ProcessRunner.Result fullSync(Batch batch, boolean periodic)
      throws IOException, InterruptedException {
    progress.begin(Work.FULL_SYNC, target.name(), -1);
    try {
      return runs.run(batch, periodic, progress.fromRsync(Work.FULL_SYNC, target.name()));
    } finally {
      progress.end(Work.FULL_SYNC, target.name());
    }
  }

  private void delivered(Batch batch, ProcessRunner.Result r, int attempt) {
    lastSuccessMillis = clock.getAsLong();
    if (attempt > 1) {
      log.info("target {}: delivered after {} attempts", target.name(), attempt);
    }
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

  /** Paths on this target's failed-transfer list (kept up to date by the failed list). */
  public long failedCount() {
    return failed == null ? 0 : failed.count();
  }

  /** Full syncs (requested, owed or periodic) that reached the target since start. */
  public long fullSyncsDone() {
    return fullSyncsDone.get();
  }

  public int lastExitCode() {
    return lastExitCode;
  }

  /** For tests and status: what is waiting in the mailbox. */
  @Override
  public String toString() {
    return "worker " + target.name() + " " + state + " " + mailbox;
  }
}
