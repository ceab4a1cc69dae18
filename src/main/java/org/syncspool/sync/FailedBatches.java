package org.syncspool.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Target;
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
  private long nextReplayAt;
  private volatile long count;

  /**
   * @param replayEveryMillis       the replay period (0: never)
   * @param freshFailureDelayMillis how soon new failures are first replayed (the backoff cap)
   */
  FailedBatches(Target target, Failures failures, long replayEveryMillis,
                long freshFailureDelayMillis) {
    this.target = target;
    this.failures = failures;
    this.replayEveryMillis = replayEveryMillis;
    this.freshFailureDelayMillis = freshFailureDelayMillis;
    this.count = failures.size();
  }

  long count() {
    return count;
  }

  /** Writes the batch's paths to the list; false (keep retrying the batch) if that fails. */
  boolean list(Batch batch, int exitCode, int attempts, String err, long now) {
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
      long soon = now + freshFailureDelayMillis;
      nextReplayAt = nextReplayAt == 0 ? soon : Math.min(nextReplayAt, soon);
    }
    log.warn("target {}: {} paths could not be synced after {} attempts (rsync exit {} ({}): {});"
        + " listed in {} for replay", target.name(), batch.size(), attempts, exitCode,
        RsyncExit.describe(exitCode), err, failures.where());
    return true;
  }

  /** True when a scheduled replay is due now and the list has entries; moves the schedule. */
  boolean replayDue(long now) {
    if (replayEveryMillis <= 0) {
      return false;
    }
    if (nextReplayAt == 0) {
      nextReplayAt = now + replayEveryMillis;
      count = failures.size();
      return false;
    }
    if (now < nextReplayAt) {
      return false;
    }
    nextReplayAt = now + replayEveryMillis;
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
