package org.syncspool.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * commit the cursor only once the batch is on the target (design.md section 1). A failed batch is
 * retried after a fixed pause, so nothing is lost while a target is down; other targets have their
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
  private volatile long failedCount;
  private volatile WorkerState state = WorkerState.STARTING;
  private WorkerListener listener = WorkerListener.NONE;

  public TargetWorker(Target target, Journal journal, Coalescer coalescer, BatchRuns runs,
                      Engine engine, LongSupplier clock) {
    this.target = target;
    this.journal = journal;
    this.cursor = journal.cursor(cursorName(target.id()));
    this.coalescer = coalescer;
    this.runs = runs;
    this.engine = engine;
    this.clock = clock;
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
   * The journal cursor's name for a target id: Chronicle takes printable ASCII without spaces,
   * so other bytes (a local path with a space or umlaut) are %-escaped; stable for a given id, and
   * distinct ids get distinct names (ids over ~190 escaped characters keep a prefix plus 64 bits
   * of their SHA-256).
   */
  public static String cursorName(String targetId) {
    StringBuilder sb = new StringBuilder("t-");
    for (byte b : targetId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    String name = sb.length() > 190
        ? sb.substring(0, 150) + "~" + sha256Prefix(targetId) : sb.toString();
    // Chronicle reserves names ending in .lock/.version (its own files). Escape that dot rather
    // than append a character: "x.lock" + "_" would be the name of the id "x.lock_".
    if (name.endsWith(".lock") || name.endsWith(".version")) {
      int dot = name.lastIndexOf('.');
      return name.substring(0, dot) + "%2E" + name.substring(dot + 1);
    }
    return name;
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Asks for a full sync of the root before the next batch (the {@code -r} option). A request
   * made while a full sync runs is not absorbed by it: it counts as a new one.
   */
  public void requestFullSync() {
    fullSyncRequests.incrementAndGet();
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
          // A long-running loop catches at the top, logs, and goes on (design.md section 7).
          log.error("target {}: {}; retrying in {} ms", target.name(), e.toString(),
              engine.retryPauseMillis());
          cursor.rewind();
          coalescer.clear();
          if (!pause(engine.retryPauseMillis())) {
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
  private boolean fill() throws InterruptedException {
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
          coalescer.add(kind, dir, root, path, off, len, t));
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

  /** Syncs until it succeeds; false when asked to stop before that. */
  private boolean deliver(Batch batch) throws IOException, InterruptedException {
    int attempt = 0;
    while (true) {
      state(WorkerState.SYNCING, batch.fullSync() ? "full sync" : "batch");
      long started = clock.getAsLong();
      ProcessRunner.Result r = runs.run(batch);
      lastExitCode = r.exitCode();
      RsyncExit outcome = RsyncExit.classify(r.exitCode());
      listener.batchEnded(new WorkerListener.BatchReport(target, batch, r.exitCode(), outcome,
          ++attempt, false, started, clock.getAsLong(), r.stderrTail()));
      if (outcome == RsyncExit.DONE) {
        lastSuccessMillis = clock.getAsLong();
        if (batch.fullSync()) {
          fullSyncsDone = Math.max(fullSyncsDone, fullSyncServing);
        }
        logDone(batch, r);
        return true;
      }
      log.warn("target {}: rsync exit {} ({}), {} paths: {}; retrying in {} ms", target.name(),
          r.exitCode(), RsyncExit.describe(r.exitCode()), batch.size(),
          SystemProcessRunner.oneLine(r.stderrTail()), engine.retryPauseMillis());
      if (!pause(engine.retryPauseMillis())) {
        return false;
      }
    }
  }

  private void logDone(Batch batch, ProcessRunner.Result r) {
    if (batch.fullSync()) {
      log.info("target {}: full sync done in {} ms (rsync exit {})", target.name(), r.millis(),
          r.exitCode());
      return;
    }
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (List<PathKey> list : List.of(batch.subtrees(), batch.flat())) {
      for (PathKey p : list) {
        if (shown++ < LOGGED_PATHS) {
          sb.append(shown > 1 ? ", " : "").append(p.printable())
              .append(list == batch.subtrees() ? "/**" : "");
        }
      }
    }
    if (shown > LOGGED_PATHS) {
      sb.append(", +").append(shown - LOGGED_PATHS).append(" more");
    }
    long lag = batch.oldestEventMillis() == 0 ? 0 : clock.getAsLong() - batch.oldestEventMillis();
    log.info("target {}: synced {} paths in {} ms (lag {} ms): {}", target.name(), batch.size(),
        r.millis(), lag, sb);
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
    return failedCount;
  }

  public int lastExitCode() {
    return lastExitCode;
  }
}
