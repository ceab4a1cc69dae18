package org.syncspool.failures;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.time.Ticker;
import org.syncspool.time.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's failed-transfer list as its worker uses it, the one step between the worker and
 * the {@link FailedList} file: a batch given up on goes on the list as entries, and the list is
 * replayed by its {@link Replayer} on a schedule ({@code failLog@timeToExecute}; fresh failures
 * sooner) or on request. Used on the worker's thread; {@link #count()} from any.
 */
public final class TargetFailures {
  private static final Logger log = LoggerFactory.getLogger(TargetFailures.class);

  private final Target target;
  private final FailedList list;
  private final Replayer replayer;
  private final long replayEveryMillis;
  private final long freshFailureDelayMillis;
  private final Ticker ticker;
  /** On {@link #ticker}; {@link Waiter#NEVER} when no replay is scheduled. */
  private long nextReplayAt;
  private volatile long count;

  /**
   * @param replayer                how the list is re-synced ({@link #loggingReplayer})
   * @param replayEveryMillis       the replay period (0: never scheduled, only on request)
   * @param freshFailureDelayMillis how soon new failures are first replayed (the backoff cap)
   * @param ticker                  the worker's monotonic time, for the replay schedule
   */
  public TargetFailures(Target target, FailedList list, Replayer replayer, long replayEveryMillis,
                        long freshFailureDelayMillis, Ticker ticker) {
    this.target = target;
    this.list = list;
    this.replayer = replayer;
    this.replayEveryMillis = replayEveryMillis;
    this.freshFailureDelayMillis = freshFailureDelayMillis;
    this.ticker = ticker;
    this.count = list.size();
    this.nextReplayAt = replayEveryMillis > 0 ? ticker.deadlineAfterMillis(replayEveryMillis)
        : Waiter.NEVER;
  }

  /** A replayer whose progress lines go to the log (the daemon's scheduled replays). */
  public static Replayer loggingReplayer(BatchRuns runs, int chunk, LongSupplier clock,
                                         String targetName) {
    return new Replayer(runs, chunk, clock, line -> log.info("target {}: replay: {}", targetName,
        line));
  }

  /** When the next scheduled replay is due, on the ticker ({@link Waiter#NEVER}: none). */
  public long nextReplayAt() {
    return nextReplayAt;
  }

  /** For log lines: where the list is. */
  public String where() {
    return list.file().toString();
  }

  /** Entries on the list (as of the last write or replay). */
  public long count() {
    return count;
  }

  /**
   * Writes the batch's paths to the list durably (fsync); false (keep retrying the batch) if
   * that fails. A full sync is listed as the root with its subtree.
   *
   * @param now    wall-clock millis, the entries' stamp
   * @param logged whether to log the usual line (a split batch logs one line for all pieces)
   */
  public boolean list(Batch batch, int exitCode, int attempts, String err, long now,
                      boolean logged) {
    Instant at = Instant.ofEpochMilli(now);
    List<FailedEntry> entries = new ArrayList<>(batch.size() + 1);
    if (batch.fullSync()) {
      entries.add(new FailedEntry(at, target.id(), new byte[0], true, exitCode, attempts, err));
    }
    for (PathKey p : batch.subtrees()) {
      entries.add(new FailedEntry(at, target.id(), p.bytes(), true, exitCode, attempts, err));
    }
    for (PathKey p : batch.flat()) {
      entries.add(new FailedEntry(at, target.id(), p.bytes(), false, exitCode, attempts, err));
    }
    try {
      list.append(entries);
    } catch (IOException e) {
      // Never drop the batch: it stays the head of the queue and is retried.
      log.error("target {}: cannot write the failed list ({}); the batch is held and retried",
          target.name(), e.toString());
      return false;
    }
    count = list.size();
    if (replayEveryMillis > 0) {
      // Fresh failures are often transient (a file truncated while rsync read it): the first
      // replay comes after one backoff cap, not after a whole failLog period.
      long soon = ticker.deadlineAfterMillis(freshFailureDelayMillis);
      nextReplayAt = Math.min(nextReplayAt, soon);
    }
    if (logged) {
      log.warn("target {}: {} paths could not be synced after {} attempts (rsync exit {} ({}): "
          + "{}); listed in {} for replay", target.name(), batch.size(), attempts, exitCode,
          RsyncExit.describe(exitCode), err, where());
    }
    return true;
  }

  /** True when a scheduled replay is due and the list has entries; moves the schedule. */
  public boolean replayDue() {
    if (nextReplayAt == Waiter.NEVER || nextReplayAt - ticker.nanos() > 0) {
      return false;
    }
    nextReplayAt = ticker.deadlineAfterMillis(replayEveryMillis);
    count = list.size();
    return count > 0;
  }

  /** Re-syncs the list now; skipped when a replay by hand holds it. */
  public void replay() throws InterruptedException {
    try {
      Replayer.Outcome o = replayer.replay(list, false);
      if (o.busy()) {
        log.debug("target {}: scheduled replay skipped: {} is being replayed by hand",
            target.name(), list.file());
      } else if (o.listed() > 0 || o.malformed() > 0) {
        log.info("target {}: scheduled replay of {}: {} synced, {} still failing{}",
            target.name(), list.file(), o.succeeded(), o.left(),
            o.malformed() > 0 ? ", " + o.malformed() + " malformed lines rejected" : "");
      }
    } catch (IOException e) {
      log.warn("target {}: scheduled replay failed: {}", target.name(), e.toString());
    }
    count = list.size();
  }
}
