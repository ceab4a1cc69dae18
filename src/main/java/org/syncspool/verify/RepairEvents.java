package org.syncspool.verify;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.syncspool.batch.PathKey;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * {@code verify --repair}: the drifted paths as journal events, so that the daemon's own workers
 * (or {@code verify} itself, with the same coalescer and batch runs) bring them over: the
 * journal stays the only road to rsync. Pure. One row per case (the kinds are the path's, over
 * every target of the root):
 * <pre>
 *   path       kinds                    event
 *   the root   any                      RESCAN ""  (a full sync: batches leave the root's own
 *                                                   attributes to full syncs, BatchRuns)
 *   directory  only MODE and/or OWNER   ATTRIB, dir (its attributes, not its subtree)
 *   any other  any                      RESCAN     (its subtree, or the file, is sent as it is
 *                                                   now; gone from the source: deleted)
 * </pre>
 * "directory" means a directory on the source now ({@code sourceDir}); a path gone from the
 * source is journaled as a non-directory RESCAN, which the batch deletes on the target.
 */
public final class RepairEvents {
  private RepairEvents() {}

  /**
   * The journal records that make the daemon repair what the audit found.
   *
   * @param stampMillis the record's time stamp: the journal's last record's, so the daemon's
   *                    start-up scan (which looks for changes after the last record) still
   *                    covers the time before the repair
   */
  public static EventBatch of(int root, Map<PathKey, Set<DriftKind>> drift,
                              Predicate<PathKey> sourceDir, long stampMillis) {
    EventBatch b = new EventBatch(1024);
    b.reset(stampMillis);
    for (Map.Entry<PathKey, Set<DriftKind>> e : drift.entrySet()) {
      PathKey p = e.getKey();
      byte[] bytes = p.bytes();
      if (p.isRoot()) {
        b.add(EventKind.RESCAN, true, root, 0, bytes, 0, 0);
        continue;
      }
      boolean dir = sourceDir.test(p);
      boolean attrsOnly = Set.of(DriftKind.MODE, DriftKind.OWNER).containsAll(e.getValue());
      b.add(dir && attrsOnly ? EventKind.ATTRIB : EventKind.RESCAN, dir, root, 0, bytes, 0,
          bytes.length);
    }
    return b;
  }
}
