package org.syncspool.sync;

import java.io.IOException;
import java.util.List;

/**
 * A target's failed-transfer list as the worker sees it (implemented in
 * {@code org.syncspool.failures}, which depends on this package, not the other way round).
 */
public interface Failures {

  /** A path given up on; {@code tree}: with its subtree (empty path + tree = the whole root). */
  // Bytes (names need not be UTF-8), handed straight to the list: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record FailedPath(byte[] path, boolean tree) {}

  /** Appends durably (fsync) before returning. */
  void add(List<FailedPath> paths, int exitCode, int attempts, String error, long nowMillis)
      throws IOException;

  /** Entries on the list now. */
  long size();

  /** Re-syncs the list (skipped if another replay holds it). */
  void replay() throws IOException, InterruptedException;

  /** For log lines: where the list is. */
  String where();
}
