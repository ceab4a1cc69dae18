package org.syncspool.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.syncspool.watch.EventKind;

/**
 * Folds the journaled events of one root into a {@link Batch}: de-duplication plus a few flags
 * (design.md section 1). Pure: no disk, no clock (event times come in with the events).
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
 */
public final class Coalescer {
  private static final byte FLAT = 1;
  private static final byte FLAT_DIR = 2;
  private static final byte LISTING = 3;
  private static final byte SUBTREE = 4;

  private final int root;
  private final Predicate<byte[]> excluded;
  private final Map<PathKey, Byte> entries = new HashMap<>();
  private int subtreeCount;
  private int flatDirCount;
  private boolean fullSync;
  private long oldestEventMillis;

  /**
   * @param root     the root id whose events this coalescer keeps; others are ignored
   * @param excluded true for a relative path the filter excludes (it and its subtree never sync)
   */
  public Coalescer(int root, Predicate<byte[]> excluded) {
    this.root = root;
    this.excluded = excluded;
  }

  /** Adds one journaled event; {@code timeMillis} is when it was read from the kernel. */
  public void add(EventKind kind, boolean dir, int eventRoot, byte[] path, int off, int len,
                  long timeMillis) {
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
      swallowBelow(key);
      subtreeCount++;
    }
    if (old != null && old == FLAT_DIR) {
      flatDirCount--;
    }
    if (kind == FLAT_DIR) {
      flatDirCount++;
    }
    entries.put(key, kind);
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
  }

  /** Forces a full sync of the root (overflow, or an operator's request). */
  public void markFullSync() {
    fullSync = true;
    entries.clear();
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
    return new Batch(flat, subtrees, flatDirCount > 0, fullSync, oldestEventMillis, listings);
  }

  public void clear() {
    entries.clear();
    subtreeCount = 0;
    flatDirCount = 0;
    fullSync = false;
    oldestEventMillis = 0;
  }
}
