package org.syncspool.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs IN_MOVED_FROM with IN_MOVED_TO by cookie into {@link Rename}s, for one batch. Pure and
 * bounded: renames are an optimisation (the batch is correct without them), so past the caps
 * further pairs are simply not recorded and those renames are sent as new content.
 *
 * <p>A chain inside one batch ({@code a -> b}, then {@code b -> c}) becomes {@code a -> c}: the
 * target still holds {@code a}, and {@code b} never reached it.
 */
final class RenamePairs {
  /** Unpaired MOVED_FROMs held; a burst of moves out of the tree must not grow this forever. */
  static final int MAX_PENDING = 1024;
  /**
   * Renames per batch: each directory rename costs one extra rsync run (a process start, ~10 ms
   * locally and to a loopback daemon: bench/RESULTS.md), so a batch of thousands of renames is
   * cheaper sent as plain content than run one by one.
   */
  static final int MAX_RENAMES = 64;

  private final Map<Integer, PathKey> pendingFrom = new HashMap<>();
  /** By the new path, so a chain can find its previous link. */
  private final Map<PathKey, Rename> byTo = new LinkedHashMap<>();

  void movedFrom(int cookie, PathKey from) {
    if (cookie == 0) {
      return;
    }
    if (pendingFrom.size() >= MAX_PENDING) {
      pendingFrom.clear();
    }
    pendingFrom.put(cookie, from);
  }

  void movedTo(int cookie, PathKey to, boolean dir) {
    PathKey from = cookie == 0 ? null : pendingFrom.remove(cookie);
    if (from == null) {
      byTo.remove(to); // whatever was renamed to this name was replaced by content from outside
      return;
    }
    Rename earlier = byTo.remove(from);
    PathKey origin = earlier != null ? earlier.from() : from;
    byTo.remove(to);
    if (origin.equals(to)) {
      return; // renamed back: nothing moved
    }
    if (byTo.size() < MAX_RENAMES) {
      byTo.put(to, new Rename(origin, to, dir));
    }
  }

  List<Rename> renames() {
    return new ArrayList<>(byTo.values());
  }

  void clear() {
    pendingFrom.clear();
    byTo.clear();
  }
}
