package org.syncspool.batch;

import java.util.List;

/**
 * What one worker will bring to the target: a set of dirty paths, no operations (rsync copies
 * the source as it is now: docs/architecture.md, The flow).
 *
 * @param flat      paths synced without recursion: files, attribute changes of existing
 *                  directories, and paths that are gone (deleted on the target)
 * @param subtrees  new or moved-in directories: synced with their whole content
 * @param flatDirs  true when {@code flat} holds an existing directory, which must not be recursed
 *                  (so flat and subtrees cannot share one {@code -r} run)
 * @param fullSync  events were lost: the whole root must be brought in sync; the lists are then
 *                  empty because the full sync covers them
 * @param oldestEventMillis when the oldest event in the batch was read (for latency), or 0
 * @param listings  directories whose direct entries are reconciled (new ones sent, gone ones
 *                  deleted) without recursion: what the start-up scan found changed while the
 *                  daemon was not running (the root among them)
 * @param renames   renames within the batch, a hint that lets {@code RenameRuns} link or delta
 *                  the new name from the old copy on the target instead of resending it; both
 *                  names are in {@code flat}/{@code subtrees} as well
 */
public record Batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs, boolean fullSync,
                    long oldestEventMillis, List<PathKey> listings, List<Rename> renames) {

  public Batch {
    flat = List.copyOf(flat);
    subtrees = List.copyOf(subtrees);
    listings = List.copyOf(listings);
    renames = List.copyOf(renames);
  }

  /** A batch without listings or rename hints. */
  public Batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs, boolean fullSync,
               long oldestEventMillis) {
    this(flat, subtrees, flatDirs, fullSync, oldestEventMillis, List.of(), List.of());
  }

  /** A batch without rename hints. */
  public Batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs, boolean fullSync,
               long oldestEventMillis, List<PathKey> listings) {
    this(flat, subtrees, flatDirs, fullSync, oldestEventMillis, listings, List.of());
  }

  public int size() {
    return fullSync ? 1 : flat.size() + subtrees.size() + listings.size();
  }

  public boolean isEmpty() {
    return !fullSync && flat.isEmpty() && subtrees.isEmpty() && listings.isEmpty();
  }

  /**
   * The first {@code max} paths for a log line, subtrees first and marked {@code /**}:
   * {@code "a/**, b.txt, +3 more"}.
   */
  public String describe(int max) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (List<PathKey> list : List.of(subtrees, flat)) {
      for (PathKey p : list) {
        if (shown++ < max) {
          sb.append(shown > 1 ? ", " : "").append(p.printable())
              .append(list == subtrees ? "/**" : "");
        }
      }
    }
    if (shown > max) {
      sb.append(", +").append(shown - max).append(" more");
    }
    return sb.toString();
  }
}
