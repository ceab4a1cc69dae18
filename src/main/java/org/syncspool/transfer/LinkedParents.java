package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Paths of a batch whose parent chain crosses a symbolic link (issue 10 item 7,
 * docs/security.md). rsync opens a listed {@code lnk/secret} through {@code lnk}: a failed-list
 * entry below a link to a directory outside the tree copied the outside 0600 file to every
 * target, and a user who swaps a directory for a link between the event and the run could do the
 * same for any journaled name. The path itself may be a link (rsync copies it as a link); an
 * ancestor may not. Pure: whether a root-relative directory is a link is the caller's lookup,
 * asked at most once per directory of a batch.
 */
final class LinkedParents {
  private final Predicate<PathKey> isLink;
  private final Map<PathKey, Boolean> seen = new HashMap<>();

  /** @param isLink whether a root-relative path is itself a symbolic link (lstat) */
  LinkedParents(Predicate<PathKey> isLink) {
    this.isLink = isLink;
  }

  /** True when a proper ancestor of {@code path} (below the root) is a symbolic link. */
  boolean crosses(PathKey path) {
    byte[] b = path.bytes();
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '/' && i > 0) {
        PathKey parent = PathKey.copyOf(b, 0, i);
        Boolean link = seen.get(parent);
        if (link == null) {
          link = isLink.test(parent);
          seen.put(parent, link);
        }
        if (link) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code batch} without the paths that cross a link, which are added to {@code refused}; the
   * batch itself when there are none. A rename hint whose new name crosses one goes too.
   */
  Batch without(Batch batch, List<PathKey> refused) {
    if (batch.fullSync()) {
      return batch; // one recursive run of the root: rsync copies links as links
    }
    List<PathKey> flat = keep(batch.flat(), refused);
    List<PathKey> subtrees = keep(batch.subtrees(), refused);
    List<PathKey> listings = keep(batch.listings(), refused);
    if (refused.isEmpty()) {
      return batch;
    }
    List<Rename> renames = new ArrayList<>();
    for (Rename r : batch.renames()) {
      if (!crosses(r.to()) && !crosses(r.from())) {
        renames.add(r);
      }
    }
    return new Batch(flat, subtrees, batch.flatDirs(), false, batch.oldestEventMillis(), listings,
        renames);
  }

  private List<PathKey> keep(List<PathKey> paths, List<PathKey> refused) {
    List<PathKey> out = new ArrayList<>(paths.size());
    for (PathKey p : paths) {
      (crosses(p) ? refused : out).add(p);
    }
    return out;
  }
}
