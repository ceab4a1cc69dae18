package org.syncspool.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.syncspool.config.Hook.Kind;
import org.syncspool.worker.WorkerListener.BatchReport;
import org.syncspool.worker.WorkerState;

/**
 * When hooks fire, from what a worker reports. Pure; one instance per daemon, called on each
 * worker's thread for its own target only.
 *
 * <ul>
 *   <li>a batch that reached the target: {@code batch}; and {@code recovered} first if the
 *       target was unreachable or parked (or a batch of it had failed) since its last success;</li>
 *   <li>a batch whose paths went to the failed list: {@code failure};</li>
 *   <li>entering BACKING_OFF (unreachable): {@code failure}, once per outage, not per retry;</li>
 *   <li>entering PARKED: {@code parked}, once per outage.</li>
 * </ul>
 */
public final class HookTriggers {
  private enum Health { UP, FAILED, UNREACHABLE, PARKED }

  private final Map<String, Health> health = new ConcurrentHashMap<>();

  /** What a batch attempt's end fires. */
  public List<Kind> batchEnded(BatchReport r) {
    String id = r.target().id();
    Health h = health.getOrDefault(id, Health.UP);
    List<Kind> out = new ArrayList<>(2);
    if (r.succeeded()) {
      if (h != Health.UP) {
        out.add(Kind.RECOVERED);
        health.put(id, Health.UP);
      }
      out.add(Kind.BATCH);
    } else if (r.gaveUp()) {
      out.add(Kind.FAILURE);
      if (h == Health.UP) {
        health.put(id, Health.FAILED);
      }
    }
    return out;
  }

  /** What a state change fires. */
  public List<Kind> stateChanged(String targetId, WorkerState state) {
    Health h = health.getOrDefault(targetId, Health.UP);
    if (state == WorkerState.BACKING_OFF && (h == Health.UP || h == Health.FAILED)) {
      health.put(targetId, Health.UNREACHABLE);
      return List.of(Kind.FAILURE);
    }
    if (state == WorkerState.PARKED && h != Health.PARKED) {
      health.put(targetId, Health.PARKED);
      return List.of(Kind.PARKED);
    }
    return List.of();
  }
}
