package org.syncspool.watch;

/**
 * What happened to a path, as journaled. Rsync copies the source as it is now, so the worker
 * needs little more than "this path is dirty"; the kinds say whether a directory is new (send
 * its subtree) and let later issues do smarter things with renames.
 */
public enum EventKind {
  CREATE,
  CLOSE_WRITE,
  MODIFY,
  ATTRIB,
  DELETE,
  /** Renamed away; {@link EventBatch} pairs it with the MOVED_TO when the cookie matched. */
  MOVED_FROM,
  MOVED_TO,
  /** Events were lost (IN_Q_OVERFLOW) or a subtree is unknown: bring the path (empty = root) back in sync. */
  RESCAN,
  /**
   * A directory's direct entries changed while nobody watched (found by the start-up scan):
   * reconcile them, sending what is new and deleting what is gone, without its subtree. Always
   * last: kinds are journaled by ordinal.
   */
  LISTING;

  private static final EventKind[] VALUES = values();

  public static EventKind ofCode(int code) {
    return VALUES[code];
  }
}
