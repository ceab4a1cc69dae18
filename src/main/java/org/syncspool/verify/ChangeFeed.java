package org.syncspool.verify;

import java.util.Set;
import org.syncspool.batch.PathKey;

/**
 * What the journal recorded under one root while an audit ran (section 4 of the audit: a path
 * that changes on the source meanwhile is not drift when a journaled event covers it).
 */
public interface ChangeFeed {
  /** No journal to look at: nothing is ever covered. */
  ChangeFeed NONE = new ChangeFeed() {
    @Override
    public long mark() {
      return -1;
    }

    @Override
    public Set<PathKey> since(long mark, int rootId) {
      return Set.of();
    }
  };

  /** A position to come back to: the journal's last index now. */
  long mark();

  /** Paths of root {@code rootId} journaled after {@code mark}. */
  Set<PathKey> since(long mark, int rootId);

  /** True when {@code p} or one of its ancestors is in {@code changed}. */
  static boolean covers(Set<PathKey> changed, PathKey p) {
    for (PathKey a = p; a != null; a = a.parent()) {
      if (changed.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
