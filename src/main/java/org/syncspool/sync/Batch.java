package org.syncspool.sync;

import java.util.List;

/**
 * What one worker will bring to the target: a set of dirty paths, no operations (rsync copies
 * the source as it is now, design.md section 1).
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
 */
public record Batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs, boolean fullSync,
                    long oldestEventMillis, List<PathKey> listings) {

  public Batch {
    flat = List.copyOf(flat);
    subtrees = List.copyOf(subtrees);
    listings = List.copyOf(listings);
  }

  public Batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs, boolean fullSync,
               long oldestEventMillis) {
    this(flat, subtrees, flatDirs, fullSync, oldestEventMillis, List.of());
  }

  public int size() {
    return fullSync ? 1 : flat.size() + subtrees.size() + listings.size();
  }

  public boolean isEmpty() {
    return !fullSync && flat.isEmpty() && subtrees.isEmpty() && listings.isEmpty();
  }
}
