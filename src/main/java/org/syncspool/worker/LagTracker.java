package org.syncspool.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.syncspool.config.Target;

/**
 * How far behind each target is, in seconds, for status and metrics: the time since the target
 * was last caught up. A worker leaves IDLE within one batch window ({@code maxDelayMillis}) of
 * the first new event, and a failed batch's oldest event moves the mark further back, so this is
 * the age of the oldest change not yet on the target, to within a batch window, and an upper
 * bound while a backlog drains (a later, younger batch does not move it forward).
 */
public final class LagTracker implements WorkerListener {
  private final LongSupplier clock;
  /** Target id -> wall-clock millis since which it is behind; 0 = caught up. */
  private final Map<String, AtomicLong> behindSince = new ConcurrentHashMap<>();

  public LagTracker(LongSupplier clock) {
    this.clock = clock;
  }

  private AtomicLong mark(Target t) {
    return behindSince.computeIfAbsent(t.id(), k -> new AtomicLong());
  }

  @Override
  public void stateChanged(Target target, WorkerState state, String reason) {
    AtomicLong m = mark(target);
    if (state == WorkerState.IDLE || state == WorkerState.STOPPED) {
      m.set(0);
    } else if (state != WorkerState.STARTING) {
      m.compareAndSet(0, clock.getAsLong());
    }
  }

  @Override
  public void batchEnded(BatchReport r) {
    long oldest = r.batch().oldestEventMillis();
    if (r.succeeded() || oldest <= 0) {
      return;
    }
    // A batch that failed is still pending: its oldest event is how far behind the target is.
    AtomicLong m = mark(r.target());
    m.accumulateAndGet(oldest, (cur, o) -> cur == 0 ? o : Math.min(cur, o));
  }

  /** Milliseconds behind for {@code target} (0 when caught up or unknown). */
  public long lagMillis(Target target) {
    AtomicLong m = behindSince.get(target.id());
    long since = m == null ? 0 : m.get();
    return since == 0 ? 0 : Math.max(0, clock.getAsLong() - since);
  }
}
