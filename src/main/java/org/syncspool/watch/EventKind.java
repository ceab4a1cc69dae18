package org.syncspool.watch;

/**
 * What happened to a path, as journaled. Rsync copies the source as it is now, so the worker
 * needs little more than "this path is dirty"; the kinds say whether a directory is new (send
 * its subtree) and let later issues do smarter things with renames.
 */
public enum EventKind {
  CREATE(0),
  CLOSE_WRITE(1),
  MODIFY(2),
  ATTRIB(3),
  DELETE(4),
  /** Renamed away; {@link EventBatch} pairs it with the MOVED_TO when the cookie matched. */
  MOVED_FROM(5),
  MOVED_TO(6),
  /** Events were lost (IN_Q_OVERFLOW) or a subtree is unknown: bring the path (empty = root) back in sync. */
  RESCAN(7),
  /**
   * A directory's direct entries changed while nobody watched (found by the start-up scan):
   * reconcile them, sending what is new and deleting what is gone, without its subtree.
   */
  LISTING(8);

  /** Codes are 0..n-1, each used once (checked when the class loads). */
  private static final EventKind[] BY_CODE = new EventKind[values().length];

  static {
    for (EventKind k : values()) {
      if (k.code >= BY_CODE.length || BY_CODE[k.code] != null) {
        throw new ExceptionInInitializerError("EventKind codes must be 0..n-1: " + k);
      }
      BY_CODE[k.code] = k;
    }
  }

  private final int code;

  EventKind(int code) {
    this.code = code;
  }

  /**
   * The kind's byte in journal records. Fixed per kind, not the declaration order, so that
   * adding or moving a constant cannot change what an existing journal means.
   */
  public int code() {
    return code;
  }

  public static EventKind ofCode(int code) {
    return BY_CODE[code];
  }
}
