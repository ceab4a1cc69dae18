package org.syncspool.service;

import java.util.HashMap;
import java.util.Map;
import org.syncspool.worker.WorkerState;

/**
 * Which targets' pipelines are stuck (issue 10 item 5): a worker that says it is caught up (or
 * has not begun) while its backlog is above 0, and whose committed position has not moved for
 * the threshold. A damaged record header made a worker wait like that forever, IDLE, while the
 * backlog grew, and {@code /healthz} said ok. Syncing, backing off, parked and paused workers
 * are not stuck here: they are busy or waiting for a reason status shows. Pure: each call is one
 * sample at {@code nowNanos} (the monotonic ticker), so a stall is seen by two samples at least
 * the threshold apart (Prometheus and Docker poll {@code /healthz} far more often).
 */
final class Stalls {
  private final long afterNanos;
  private final Map<String, Seen> seen = new HashMap<>();

  private record Seen(long committed, long sinceNanos) {}

  Stalls(long afterMillis) {
    this.afterNanos = afterMillis * 1_000_000;
  }

  /** One sample of {@code target} without a big-file lane at work. */
  boolean stuck(String target, WorkerState state, long backlog, long committed, long nowNanos) {
    return stuck(target, state, backlog, committed, false, nowNanos);
  }

  /**
   * One sample of {@code target}; true when it has been stuck for the threshold.
   *
   * @param laneHolds its big-file lane holds paths (docs/architecture.md, Two lanes): the
   *                  cursor waits for a transfer that may rightly last hours, while the worker is
   *                  caught up with the rest; busy, not stuck
   */
  synchronized boolean stuck(String target, WorkerState state, long backlog, long committed,
                             boolean laneHolds, long nowNanos) {
    boolean waiting = backlog > 0 && !laneHolds
        && (state == WorkerState.IDLE || state == WorkerState.STARTING);
    Seen s = seen.get(target);
    if (!waiting || s == null || s.committed() != committed) {
      seen.put(target, new Seen(committed, nowNanos));
      return false;
    }
    return nowNanos - s.sinceNanos() >= afterNanos;
  }
}
