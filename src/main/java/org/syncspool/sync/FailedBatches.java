package org.syncspool.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Target;
import org.syncspool.time.Ticker;
import org.syncspool.time.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of its failed-transfer list: what a batch given up on writes there, and when
 * the daemon replays the list ({@code failLog@timeToExecute}; fresh failures sooner).
 * Used on the worker's thread; {@link #count()} from any.
 */
final class FailedBatches {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);

  private final Target target;
  private final Failures failures;
  private final long replayEveryMillis;
  private final long freshFailureDelayMillis;
  private final Ticker ticker;
  /** On {@link #ticker}; {@link Waiter#NEVER} when no replay is scheduled. */
  private long nextReplayAt;
  private volatile long count;

  /**
   * @param replayEveryMillis       the replay period (0: never)
   * @param freshFailureDelayMillis how soon new failures are first replayed (the backoff cap)
   */
  FailedBatches(Target target, Failures failures, long replayEveryMillis,
                long freshFailureDelayMillis, Ticker ticker) {
    this.target = target;
    this.failures = failures;
    this.replayEveryMillis = replayEveryMillis;
    this.freshFailureDelayMillis = freshFailureDelayMillis;
    this.ticker = ticker;
    this.count = failures.size();
    this.nextReplayAt = replayEveryMillis > 0 ? ticker.deadlineAfterMillis(replayEveryMillis)
        : Waiter.NEVER;
  }

  /** When the next scheduled replay is due, on the ticker ({@link Waiter#NEVER}: none). */
  long nextReplayAt() {
    return nextReplayAt;
  }

  String where() {
    return failures.where();
  }

  long count() {
    return count;
  }

  /**
   * Writes the batch's paths to the list; false (keep retrying the batch) if that fails.
   *
   * @param now    wall-clock millis, the entries' stamp
   * @param logged whether to log the usual line (a split batch logs one line for all pieces)
   */
  boolean list(Batch batch, int exitCode, int attempts, String err, long now, boolean logged) {
    List<Failures.FailedPath> paths = new ArrayList<>();
    if (batch.fullSync()) {
      paths.add(new Failures.FailedPath(new byte[0], true));
    }
    for (PathKey p : batch.subtrees()) {
      paths.add(new Failures.FailedPath(p.bytes(), true));
    }
    for (PathKey p : batch.flat()) {
      paths.add(new Failures.FailedPath(p.bytes(), false));
    }
    try {
      failures.add(paths, exitCode, attempts, err, now);
    } catch (IOException e) {
      // Never drop the batch: it stays the head of the queue and is retried.
      log.error("target {}: cannot write the failed list ({}); the batch is held and retried",
          target.name(), e.toString());
      return false;
    }
    count = failures.size();
    if (replayEveryMillis > 0) {
      // Fresh failures are often transient (a file truncated while rsync read it): the first
      // replay comes after one backoff cap, not after a whole failLog period.
      long soon = ticker.deadlineAfterMillis(freshFailureDelayMillis);
      nextReplayAt = Math.min(nextReplayAt, soon);
    }
    if (!logged) {
      return true;
    }
    log.warn("target {}: {} paths could not be synced after {} attempts (rsync exit {} ({}): {});"
        + " listed in {} for replay", target.name(), batch.size(), attempts, exitCode,
        RsyncExit.describe(exitCode), err, failures.where());
    return true;
  }

  /** True when a scheduled replay is due and the list has entries; moves the schedule. */
  boolean replayDue() {
    if (nextReplayAt == Waiter.NEVER || nextReplayAt - ticker.nanos() > 0) {
      return false;
    }
    nextReplayAt = ticker.deadlineAfterMillis(replayEveryMillis);
    count = failures.size();
    return count > 0;
  }

  void replay() throws InterruptedException {
    try {
      failures.replay();
    } catch (IOException e) {
      log.warn("target {}: scheduled replay failed: {}", target.name(), e.toString());
    }
    count = failures.size();
  }
}
