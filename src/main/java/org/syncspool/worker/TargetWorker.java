package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.batch.Coalescer;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.Cursor;
import org.syncspool.journal.Journal;
import org.syncspool.worker.Mailbox.Mail;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;
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
 * <p>With a big-file lane ({@link WorkerParts#withBigLane}), each batch's big files go to the
 * lane's own rsync ({@link BigLane}) and the cursor commits only as far as {@link Lanes} says both
 * lanes have delivered (docs/architecture.md, Two lanes).
 *
 * <p>The worker waits in exactly one place, its {@link Mailbox}, on its {@link Scheduler}'s
 * monotonic ticker: requests, appends and stop are mail, never an interrupt, so a request that
 * comes during a backoff waits there until the worker can serve it.
 */
public final class TargetWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  /** An idle worker looks at the journal this often even without mail (belt and braces). */
  private static final long IDLE_WAIT_MILLIS = 60_000;
  /** What an idle worker wakes for (LANE: the big-file lane released a hold, commit). */
  private static final Set<Mail> IDLE = EnumSet.of(Mail.JOURNAL_GREW, Mail.FULL_SYNC,
      Mail.PERIODIC_FULL_SYNC, Mail.REPLAY, Mail.STOP, Mail.PAUSE_CHANGED, Mail.LANE);
  /** What a wait for the big-file lane ends on. */
  private static final Set<Mail> LANE = EnumSet.of(Mail.LANE, Mail.STOP);
  /** What a batching window is cut short by (more records, a flush, stop). */
  private static final Set<Mail> WINDOW = EnumSet.of(Mail.JOURNAL_GREW, Mail.FLUSH, Mail.STOP);

  private final Target target;
  private final Journal journal;
  private final Cursor cursor;
  private final Coalescer coalescer;
  private final Engine engine;
  private final Scheduler scheduler;
  private final @Nullable TargetFailures failed;
  private final FullSyncDebt fullSyncs;
  private final WorkerListener listener;
  private final Mailbox mailbox;
  private final EventBatch record = new EventBatch();
  private final Runnable journalGrew;
  private final Delivery delivery;
  /** The big-file lane, null when the target has none (docs/architecture.md, Two lanes). */
  private final @Nullable BigLane lane;
  private final long laneStopWaitMillis;
  /** The mark after the last batch the small lane delivered (Lanes.commitPoint). */
  private long smallDone = Long.MIN_VALUE;

  private volatile Scheduler.@Nullable Handle thread;
  private volatile WorkerState state = WorkerState.STARTING;
  private final Pause pause;

  public TargetWorker(WorkerParts p) {
    this.target = p.target();
    this.journal = p.journal();
    this.cursor = journal.cursor(CursorNames.of(target.id()));
    this.coalescer = p.coalescer();
    this.engine = p.engine();
    this.scheduler = p.scheduler();
    this.failed = p.failures();
    WorkerParts.BigLaneParts big = p.bigLane();
    boolean two = big != null && big.threshold() > 0;
    // Two lanes report from two threads: one at a time, as the listeners expect.
    this.listener = two ? WorkerListener.serialized(p.listener()) : p.listener();
    this.mailbox = new Mailbox(scheduler);
    this.journalGrew = () -> mailbox.post(Mail.JOURNAL_GREW);
    this.fullSyncs = new FullSyncDebt(target, cursor, coalescer, mailbox, engine, p.wallClock(),
        p.pendingFullSync());
    this.delivery = new Delivery(target, target.name(), p.runs(), engine, scheduler,
        p.wallClock(), failed, p.probe(), fullSyncs, listener, mailbox, p.random(), p.progress(),
        cursor, this::state, this::laneIdle);
    this.laneStopWaitMillis = big == null ? 0 : big.stopWaitMillis();
    if (big != null && two) {
      Mailbox own = new Mailbox(scheduler);
      BigLane l = new BigLane(target.name(), big.threshold(), big.sizer(), own, mailbox,
          scheduler, engine, p.pause());
      l.delivery(new Delivery(target, target.name() + " (big-file lane)", big.runs(), engine,
          scheduler, p.wallClock(), failed, p.probe(), null, listener, own, p.random(),
          p.progress(), cursor, (s, reason) -> l.deliveryState(s), () -> true));
      this.lane = l;
      this.pause = p.pause().wakes(() -> {
        mailbox.post(Mail.PAUSE_CHANGED);
        l.wake();
      });
    } else {
      this.lane = null;
      this.pause = p.pause().wakes(() -> mailbox.post(Mail.PAUSE_CHANGED));
    }
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
    if (lane != null) {
      lane.start();
    }
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
    return delivery.lastSuccessMillis();
  }

  /** Whether the big-file lane holds paths (sends or has queued): the cursor waits for them. */
  public boolean laneHolds() {
    Lanes.Status s = bigLane();
    return s != null && s.sending() + s.queued() > 0;
  }

  /** The big-file lane now, null when the target has none. */
  public Lanes.@Nullable Status bigLane() {
    return lane == null ? null : lane.status();
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
          delivery.pause(delay);
        }
      }
      asked = true;
    } finally {
      journal.removeAppendListener(journalGrew);
      if (asked) {
        stopLane();
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
    if (mailbox.take(Mail.LANE)) {
      commit(); // the big-file lane delivered what held the cursor back
    }
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
      try {
        delivery.periodicFullSync();
      } finally {
        fullSyncWaiting(false);
      }
    }
    long from = cursor.mark();
    if (!fill()) {
      return;
    }
    Batch whole = coalescer.batch();
    try {
      Batch small = lane == null ? whole : lane.split(whole, from);
      if (small.isEmpty() || delivery.deliver(small)) {
        smallDone = cursor.mark();
        commit();
        coalescer.clear();
      }
    } finally {
      fullSyncWaiting(false);
    }
  }

  /**
   * Before a full sync (Delivery's hook): waits until the big-file lane sends nothing (a full
   * sync runs alone; what the lane has queued waits for it to end, released when the step ends);
   * false when asked to stop first.
   */
  private boolean laneIdle() {
    BigLane l = lane;
    if (l == null) {
      return true;
    }
    l.fullSyncWaiting(true);
    while (l.sending()) {
      state(WorkerState.SYNCING, "full sync waits for the big-file lane");
      if (mailbox.await(LANE, Waiter.NEVER).contains(Mail.STOP)) {
        return false;
      }
      if (mailbox.take(Mail.LANE)) {
        commit();
      }
    }
    return true;
  }

  private void fullSyncWaiting(boolean waiting) {
    if (lane != null) {
      lane.fullSyncWaiting(waiting);
    }
  }

  /**
   * At stop: the big-file lane starts nothing new and ends when its rsync in flight ends (never
   * killed), waited for up to the lane's stop wait; then the cursor commits what both lanes
   * delivered, never past what the lane still holds. A transfer that outlasts the wait goes on
   * until the process exits, and its file is sent again at the next start: a big file may take
   * hours, and the daemon's stop must not (systemd's TimeoutStopSec).
   */
  private void stopLane() {
    BigLane l = lane;
    if (l == null) {
      return;
    }
    l.stop();
    long end = scheduler.deadlineAfterMillis(laneStopWaitMillis);
    while (!l.ended() && end - scheduler.nanos() > 0) {
      mailbox.await(EnumSet.of(Mail.LANE), end);
      mailbox.take(Mail.LANE);
    }
    if (!l.ended()) {
      log.warn("target {}: stopping without waiting longer for the big-file lane's transfer "
          + "(over {} ms); its file is sent again at the next start", target.name(),
          laneStopWaitMillis);
    }
    commit();
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
        smallDone = cursor.mark();
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
   * Without a big-file lane the cursor moves past everything read; with one, only as far as
   * {@link Lanes#commitPoint} says (the lane may still hold an older batch's big files).
   */
  private void commit() {
    if (lane == null) {
      cursor.commit();
    } else {
      cursor.commitTo(lane.commitPoint(smallDone));
    }
    listener.committed(target, cursor.committedIndex());
  }

  /** Paths on this target's failed-transfer list (kept up to date by the failed list). */
  public long failedCount() {
    return failed == null ? 0 : failed.count();
  }

  /** Full syncs (requested, owed or periodic) that reached the target since start. */
  public long fullSyncsDone() {
    return delivery.fullSyncsDone();
  }

  public int lastExitCode() {
    return delivery.lastExitCode();
  }

  /** For tests and status: what is waiting in the mailbox. */
  @Override
  public String toString() {
    return "worker " + target.name() + " " + state + " " + mailbox;
  }
}
