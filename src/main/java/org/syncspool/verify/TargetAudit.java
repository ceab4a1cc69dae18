package org.syncspool.verify;

import java.util.List;
import java.util.Map;
import org.syncspool.batch.PathKey;

/**
 * One target's audit.
 *
 * @param target    the target's name (as in status and the log)
 * @param outcome   what came of it
 * @param drift     the folded paths per kind (empty unless DRIFT)
 * @param detail    for UNREACHABLE/FAILED/SKIPPED: why, one line; else empty
 * @param bytes     bytes sent plus received by the audit's rsync runs (--stats), -1 if unknown
 * @param millis    wall time of the audit
 * @param finishedMillis when it ended (epoch ms)
 */
public record TargetAudit(String target, Outcome outcome, Map<DriftKind, List<PathKey>> drift,
                          String detail, long bytes, long millis, long finishedMillis) {

  public enum Outcome {
    /** Equal to the source. */
    OK,
    /** Differs: see {@link #drift}. */
    DRIFT,
    /** Could not be reached (connection, auth, directory absent); nothing is known. */
    UNREACHABLE,
    /** Not audited because the target is down (scheduled audits only). */
    SKIPPED,
    /** rsync failed otherwise (a rejected option, an unreadable source path). */
    FAILED
  }

  public TargetAudit {
    drift = Map.copyOf(drift);
  }

  /** Paths with drift of any kind, each counted once per kind. */
  public int driftCount() {
    return drift.values().stream().mapToInt(List::size).sum();
  }

  public int count(DriftKind k) {
    List<PathKey> l = drift.get(k);
    return l == null ? 0 : l.size();
  }
}
