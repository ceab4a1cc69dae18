package org.syncspool.verify;

/** How a target differs from its source at one path. */
public enum DriftKind {
  /** On the source, not on the target. */
  MISSING("missing"),
  /** On the target, not on the source (reported only when deletes are on). */
  EXTRA("extra"),
  /** Other bytes (a checksum differs: {@code --checksum}), or a device's numbers. */
  CONTENT("content"),
  /** Size or modification time differs: the quick check would send the file. */
  SIZE_TIME("size-time"),
  /** Permissions (and ACLs or xattrs when commonParams keeps them). */
  MODE("mode"),
  /** Owner or group. */
  OWNER("owner"),
  /** A symlink points elsewhere. */
  SYMLINK("symlink"),
  /** A file on one side is a directory (or symlink, ...) on the other. */
  TYPE("type");

  private final String label;

  DriftKind(String label) {
    this.label = label;
  }

  /** The name in output, JSON and the {@code kind} metric label. */
  public String label() {
    return label;
  }
}
