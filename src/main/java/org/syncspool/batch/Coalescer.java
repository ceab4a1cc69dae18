package org.syncspool.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.syncspool.watch.EventKind;

/**
 * Folds the journaled events of one root into a {@link Batch}: de-duplication plus a few flags
 * (docs/architecture.md, The flow). Pure: no disk, no clock (event times come in with the events).
 *
 * <p>The merge table, one row per event kind (D = the event's directory flag):
 * <pre>
 *   kind          D=false          D=true
 *   CREATE        flat             subtree    (a new directory: its content may predate the watch)
 *   CLOSE_WRITE   flat             flat
 *   MODIFY        flat             flat-dir
 *   ATTRIB        flat             flat-dir   (chmod of a big directory must not resend its subtree)
 *   DELETE        flat             flat       (gone on the source: rsync deletes it on the target)
 *   MOVED_FROM    flat             flat       (the old name is gone)
 *   MOVED_TO      flat             subtree    (moved in or renamed: content came along)
 *   RESCAN        subtree          subtree;   an empty path (the root) = full sync
 *   LISTING       listing          listing    (the start-up scan: entries changed while stopped)
 * </pre>
 * Ranks: flat &lt; flat-dir &lt; listing &lt; subtree; the higher rank wins for one path.
 * A path inside a subtree already in the batch is dropped (the subtree run covers it); a new
 * subtree swallows the entries below it; subtree wins over flat for the same path.
 *
 * <p>Collapse upward (after Syncthing's watch aggregator, so memory stays bounded): when a
 * directory other than the root holds {@code collapseChildren} dirty entries of its own, the
 * directory becomes one subtree entry and its entries go. rsync then walks the directory instead of
 * reading a long list, and a burst into a few directories costs a few entries instead of one per
 * file. The root never collapses: a recursive run of the root would walk the whole tree (use a full
 * sync for that). Memory is bounded by the worker's {@code maxBatchPaths} cap on {@link #size()}
 * plus one journal record.
 *
 * <p>MOVED_FROM/MOVED_TO pairs with one cookie are also kept as {@link Rename} hints.
 */
public final class Coalescer {
  private static final byte FLAT = 1;
  private static final byte FLAT_DIR = 2;
  private static final byte LISTING = 3;
  private static final byte SUBTREE = 4;

  /**
   * Dirty entries of one directory before it collapses. Syncthing's watch aggregator collapses
   * at 100 per directory (lib/watchaggregator maxFilesPerDir); we collapse later because our
   * collapse costs an rsync walk of the directory's whole subtree, not a scan.
   */
  public static final int DEFAULT_COLLAPSE_CHILDREN = 1000;

  private final int root;
  private final Predicate<byte[]> excluded;
  private final int collapseChildren;
  private final Map<PathKey, Byte> entries = new HashMap<>();
  /** Dirty entries per parent directory, for the collapse. */
  private final Map<PathKey, int[]> children = new HashMap<>();
  private final RenamePairs renames = new RenamePairs();
  private int subtreeCount;
  private int flatDirCount;
  private boolean fullSync;
  private long oldestEventMillis;

  /**
   * @param root     the root id whose events this coalescer keeps; others are ignored
   * @param excluded true for a relative path the filter excludes (it and its subtree never sync)
   */
  public Coalescer(int root, Predicate<byte[]> excluded) {
    this(root, excluded, DEFAULT_COLLAPSE_CHILDREN);
  }

  /** @param collapseChildren dirty entries in one directory that turn it into a subtree */
  public Coalescer(int root, Predicate<byte[]> excluded, int collapseChildren) {
    if (collapseChildren < 2) {
      throw new IllegalArgumentException("collapseChildren must be at least 2");
    }
    this.root = root;
    this.excluded = excluded;
    this.collapseChildren = collapseChildren;
  }

  /** Adds one journaled event without a move cookie. */
  public void add(EventKind kind, boolean dir, int eventRoot, byte[] path, int off, int len,
                  long timeMillis) {
    add(kind, dir, eventRoot, 0, path, off, len, timeMillis);
  }

  /**
   * Adds one journaled event; {@code timeMillis} is when it was read from the kernel, {@code
   * cookie} pairs a MOVED_FROM with its MOVED_TO (0: none).
   */
  public void add(EventKind kind, boolean dir, int eventRoot, int cookie, byte[] path, int off,
                  int len, long timeMillis) {
    if (eventRoot != root) {
      return;
    }
    if (oldestEventMillis == 0 || timeMillis < oldestEventMillis) {
      oldestEventMillis = timeMillis;
    }
    if (fullSync) {
      return;
    }
    if (kind == EventKind.RESCAN && len == 0) {
      markFullSync();
      return;
    }
    if (len == 0 && kind == EventKind.LISTING) {
      put(PathKey.copyOf(path, off, 0), LISTING);
      return;
    }
    if (len == 0) {
      // The root itself (e.g. chmod of the watched directory): a flat entry for ".".
      put(PathKey.copyOf(path, off, 0), dir ? FLAT_DIR : FLAT);
      return;
    }
    PathKey key = PathKey.copyOf(path, off, len);
    if (excluded.test(key.bytes())) {
      return;
    }
    if (kind == EventKind.MOVED_FROM) {
      renames.movedFrom(cookie, key);
    } else if (kind == EventKind.MOVED_TO) {
      renames.movedTo(cookie, key, dir);
    }
    put(key, classify(kind, dir));
  }

  private static byte classify(EventKind kind, boolean dir) {
    return switch (kind) {
      case CREATE, MOVED_TO -> dir ? SUBTREE : FLAT;
      case RESCAN -> SUBTREE;
      case MODIFY, ATTRIB -> dir ? FLAT_DIR : FLAT;
      case CLOSE_WRITE, DELETE, MOVED_FROM -> FLAT;
      case LISTING -> LISTING;
    };
  }

  private void put(PathKey key, byte kind) {
    if (subtreeCount > 0 && underSubtree(key)) {
      return;
    }
    Byte old = entries.get(key);
    if (old != null && old >= kind) {
      return;
    }
    if (kind == SUBTREE) {
      swallowBelow(key); // the old entry for key itself too, with its flat-dir count
      subtreeCount++;
    } else if (old != null && old == FLAT_DIR) {
      flatDirCount--;
    }
    if (kind == FLAT_DIR) {
      flatDirCount++;
    }
    entries.put(key, kind);
    if (old == null) {
      countChild(key);
    }
  }

  /** One more dirty entry in {@code key}'s parent; collapses the parent at the threshold. */
  private void countChild(PathKey key) {
    PathKey parent = key.parent();
    if (parent == null || parent.isRoot()) {
      return;
    }
    int[] n = children.computeIfAbsent(parent, p -> new int[1]);
    if (++n[0] >= collapseChildren) {
      children.remove(parent);
      // The directory may be gone on the source by now: then the recursive run deletes it on
      // the target (--delete-missing-args), which is what its children's events asked for.
      put(parent, SUBTREE);
    }
  }

  /** True when a strict ancestor of {@code key} (or key itself) is a subtree in this batch. */
  private boolean underSubtree(PathKey key) {
    for (PathKey p = key; p != null; p = p.parent()) {
      Byte k = entries.get(p);
      if (k != null && k == SUBTREE) {
        return true;
      }
    }
    return false;
  }

  private void swallowBelow(PathKey dir) {
    Iterator<Map.Entry<PathKey, Byte>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<PathKey, Byte> e = it.next();
      if (e.getKey().isWithin(dir)) {
        byte k = e.getValue();
        if (k == SUBTREE) {
          subtreeCount--;
        } else if (k == FLAT_DIR) {
          flatDirCount--;
        }
        it.remove();
      }
    }
    if (!children.isEmpty()) {
      children.keySet().removeIf(k -> k.isWithin(dir));
    }
  }

  /** Forces a full sync of the root (overflow, or an operator's request). */
  public void markFullSync() {
    fullSync = true;
    entries.clear();
    children.clear();
    renames.clear();
    subtreeCount = 0;
    flatDirCount = 0;
  }

  /** Distinct paths held (1 for a full sync): what the batch cap counts. */
  public int size() {
    return fullSync ? 1 : entries.size();
  }

  public boolean isEmpty() {
    return !fullSync && entries.isEmpty();
  }

  /** The batch so far, sorted; the coalescer keeps its state until {@link #clear()}. */
  public Batch batch() {
    List<PathKey> flat = new ArrayList<>();
    List<PathKey> subtrees = new ArrayList<>();
    List<PathKey> listings = new ArrayList<>();
    for (Map.Entry<PathKey, Byte> e : entries.entrySet()) {
      byte k = e.getValue();
      (k == SUBTREE ? subtrees : k == LISTING ? listings : flat).add(e.getKey());
    }
    flat.sort(null);
    subtrees.sort(null);
    listings.sort(null);
    return new Batch(flat, subtrees, flatDirCount > 0, fullSync, oldestEventMillis, listings,
        fullSync ? List.of() : renames.renames());
  }

  public void clear() {
    entries.clear();
    children.clear();
    renames.clear();
    subtreeCount = 0;
    flatDirCount = 0;
    fullSync = false;
    oldestEventMillis = 0;
  }
}
