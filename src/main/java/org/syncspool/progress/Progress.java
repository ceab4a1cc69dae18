package org.syncspool.progress;

/**
 * Long work in flight, as counted so far. Pure and immutable; time is the caller's monotonic
 * nanoseconds ({@code time.Ticker}), given to {@link #elapsedMillis} and the rest, never read
 * here.
 *
 * @param work         what runs
 * @param target       the target's name
 * @param paths        paths done so far (looked at, for a full sync; entries, for a replay)
 * @param bytes        bytes transferred so far, -1 when unknown
 * @param totalPaths   paths in all, -1 while unknown (rsync's file list still growing)
 * @param startedNanos when it began, on the caller's ticker
 */
public record Progress(Work work, String target, long paths, long bytes, long totalPaths,
                       long startedNanos) {

  /** Just begun: nothing counted. */
  public static Progress begun(Work work, String target, long totalPaths, long nowNanos) {
    return new Progress(work, target, 0, -1, totalPaths, nowNanos);
  }

  /** The same work with new counts. */
  public Progress counted(long paths, long bytes, long totalPaths) {
    return new Progress(work, target, paths, bytes, totalPaths, startedNanos);
  }

  public long elapsedMillis(long nowNanos) {
    return Math.max(0, (nowNanos - startedNanos) / 1_000_000);
  }

  /** Bytes per second since the start; -1 when bytes are unknown or under 1 s has passed. */
  public long bytesPerSecond(long nowNanos) {
    long ms = elapsedMillis(nowNanos);
    return bytes < 0 || ms < 1000 ? -1 : (long) (bytes * 1000.0 / ms);
  }

  /** Paths per second since the start; -1 when under 1 s has passed. */
  public long pathsPerSecond(long nowNanos) {
    long ms = elapsedMillis(nowNanos);
    return ms < 1000 ? -1 : (long) (paths * 1000.0 / ms);
  }

  /** Percent of the paths done, 0..100; -1 when the total is unknown. */
  public int percent() {
    if (totalPaths <= 0) {
      return totalPaths == 0 ? 100 : -1;
    }
    return (int) Math.min(100, paths * 100 / totalPaths);
  }

  /**
   * Seconds left at the pace so far (paths, since bytes have no known total); -1 when the total
   * is unknown, nothing is done yet, or under 1 s has passed.
   */
  public long secondsLeft(long nowNanos) {
    long ms = elapsedMillis(nowNanos);
    if (totalPaths < 0 || paths <= 0 || ms < 1000) {
      return -1;
    }
    long left = Math.max(0, totalPaths - paths);
    return (long) Math.ceil(ms / 1000.0 * left / paths);
  }
}
