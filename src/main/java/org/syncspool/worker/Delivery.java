package org.syncspool.worker;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.syncspool.batch.Batch;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.Cursor;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.rsync.RsyncStats;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.time.Scheduler;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.BatchSplit;
import org.syncspool.worker.Mailbox.Mail;
import org.syncspool.worker.Verdict.Step;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one batch to the target, doing what {@link Verdict} says after each run: retry, back
 * off (probing the target), split a poison batch, list on the failed list, park. Each lane of a
 * worker has one (docs/architecture.md, Two lanes): the worker's own for its batches and full
 * syncs, the big-file lane's ({@link BigLane}) for big files, on the lane's thread. It waits only
 * on its lane's {@link Mailbox}, for stop.
 */
final class Delivery {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  private static final int LOGGED_PATHS = 5;
  /** What a retry delay or a backoff is cut short by: stop only; the rest waits its turn. */
  private static final Set<Mail> PAUSE = EnumSet.of(Mail.STOP);

  /** Where a lane's state goes. */
  interface StateSink {
    void state(WorkerState s, String reason);
  }

  private final Target target;
  private final String who;
  private final BatchRuns runs;
  private final Engine engine;
  private final Scheduler scheduler;
  private final LongSupplier clock;
  private final @Nullable TargetFailures failed;
  private final TargetProbe probe;
  private final @Nullable FullSyncDebt fullSyncs;
  private final WorkerListener listener;
  private final Mailbox mailbox;
  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final ProgressBoard progress;
  private final Cursor cursor;
  private final StateSink sink;
  private final java.util.function.BooleanSupplier beforeFullSync;
  private volatile long lastSuccessMillis;
  private volatile int lastExitCode;
  /** Full syncs that reached the target since start (cli's {@code full-sync --wait} waits on it). */
  private final AtomicLong fullSyncsDone = new AtomicLong();

  /**
   * @param who       the target's name as log lines say it ("www" or "www (big-file lane)")
   * @param fullSyncs the worker's full-sync debt; null for a lane that never runs full syncs
   * @param mailbox   the lane's own: its waits end on stop
   * @param cursor    the target's, for the backlog a backoff line reports
   * @param beforeFullSync called before each full sync run (the requested one, one that
   *                  replaces a backlog, a periodic one): waits until the big-file lane sends
   *                  nothing; false when asked to stop meanwhile
   */
  Delivery(Target target, String who, BatchRuns runs, Engine engine, Scheduler scheduler,
           LongSupplier clock, @Nullable TargetFailures failed, TargetProbe probe,
           @Nullable FullSyncDebt fullSyncs, WorkerListener listener, Mailbox mailbox,
           RandomGenerator random, ProgressBoard progress, Cursor cursor, StateSink sink,
           java.util.function.BooleanSupplier beforeFullSync) {
    this.target = target;
    this.who = who;
    this.runs = runs;
    this.engine = engine;
    this.scheduler = scheduler;
    this.clock = clock;
    this.failed = failed;
    this.probe = probe;
    this.fullSyncs = fullSyncs;
    this.listener = listener;
    this.mailbox = mailbox;
    this.policy = new RetryPolicy(engine.retryInitialMillis(), engine.retryMaxMillis());
    this.random = random;
    this.progress = progress;
    this.cursor = cursor;
    this.sink = sink;
    this.beforeFullSync = beforeFullSync;
  }

  private void state(WorkerState s, String reason) {
    sink.state(s, reason);
  }

  long lastSuccessMillis() {
    return lastSuccessMillis;
  }

  int lastExitCode() {
    return lastExitCode;
  }

  long fullSyncsDone() {
    return fullSyncsDone.get();
  }

  /**
   * Brings {@code whole} to the target, doing what {@link Verdict} says after each run; a batch
   * split as poison is worked through piece by piece. True when the cursor may move (everything
   * delivered or listed); false when asked to stop first.
   */
  // batch != whole: identity is the point (the batch given, or one of its split parts).
  @SuppressWarnings("ReferenceEquality")
  boolean deliver(Batch whole) throws IOException, InterruptedException {
    Deque<Batch> todo = new ArrayDeque<>();
    todo.push(whole);
    PoisonReport poison = new PoisonReport(whole.size());
    while (!todo.isEmpty()) {
      Batch batch = todo.pop();
      int attempt = 0;
      int failures = 0;
      int unreachable = 0;
      while (true) {
        if (batch.fullSync() && !beforeFullSync.getAsBoolean()) {
          return false; // asked to stop while the big-file lane sent
        }
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
        if (Lanes.releases(step, listed)) {
          if (step == Step.COMMIT) {
            if (batch.fullSync()) {
              fullSyncsDone.incrementAndGet();
            }
            delivered(batch, r, attempt);
          } else if (split) {
            poison.isolated(batch, code, err);
          }
          if (batch.fullSync() && fullSyncs != null) {
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
              + "records behind), retrying in {} ms", who, code,
              RsyncExit.describe(code), err, backlog, delay);
          FullSyncDebt debt = fullSyncs;
          if (debt != null && !batch.fullSync() && debt.outgrown(batch, backlog)) {
            todo.clear();
            batch = debt.replaceBacklog(backlog);
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
              who, code, RsyncExit.describe(code), err, delay / 1000);
        } else { // RETRY, or a failed list that could not be written
          delay = policy.delayMillis(failures, random.nextDouble());
          log.warn("target {}: rsync exit {} ({}), {} paths, attempt {} of {}: {}; retrying in {}"
              + " ms", who, code, RsyncExit.describe(code), batch.size(), failures,
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
        log.info("target {} accepts connections again ({}); retrying now", who, probe);
        return true;
      }
    }
    return true;
  }

  /** Waits {@code millis} on the ticker unless asked to stop; false when stopping. */
  boolean pause(long millis) {
    return mailbox.await(PAUSE, scheduler.deadlineAfterMillis(millis)).isEmpty();
  }

  void periodicFullSync() throws IOException, InterruptedException {
    if (!beforeFullSync.getAsBoolean()) {
      return; // stopping
    }
    state(WorkerState.SYNCING, "periodic full sync");
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    long started = clock.getAsLong();
    ProcessRunner.Result r = fullSync(full, true);
    RsyncExit outcome = RsyncExit.classify(r.exitCode());
    listener.batchEnded(new WorkerListener.BatchReport(target, full, r.exitCode(), outcome, 1,
        false, started, clock.getAsLong(), r.stderrTail()));
    if (outcome == RsyncExit.DONE) {
      fullSyncsDone.incrementAndGet();
      log.info("target {}: periodic full sync done in {} ms", who, r.millis());
    } else {
      log.warn("target {}: periodic full sync failed: rsync exit {} ({}): {}; next period tries "
          + "again", who, r.exitCode(), RsyncExit.describe(r.exitCode()),
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
      log.info("target {}: delivered after {} attempts", who, attempt);
    }
    if (batch.fullSync()) {
      log.info("target {}: full sync done in {} ms (rsync exit {})", who, r.millis(),
          r.exitCode());
      return;
    }
    long lag = batch.oldestEventMillis() == 0 ? 0 : clock.getAsLong() - batch.oldestEventMillis();
    long bytes = RsyncStats.bytesSent(r.stdout());
    log.info("target {}: synced {} paths{} in {} ms (lag {} ms): {}", who, batch.size(),
        bytes < 0 ? "" : ", " + bytes + " bytes sent", r.millis(), lag,
        batch.describe(LOGGED_PATHS));
  }
}
