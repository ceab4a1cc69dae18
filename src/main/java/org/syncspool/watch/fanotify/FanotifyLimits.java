package org.syncspool.watch.fanotify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fanotify sysctls that matter to the watcher: the queue (events beyond it are lost and
 * cost a full sync, as with inotify's), the marks and groups per user (it needs one group and one
 * mark per file system). -1 for a value that cannot be read.
 */
public record FanotifyLimits(long maxQueuedEvents, long maxUserMarks, long maxUserGroups) {
  private static final Path SYSCTL = Path.of("/proc/sys/fs/fanotify");
  /** The kernel default, the same floor the inotify queue check uses (check/InotifyLimits). */
  public static final long MIN_QUEUED_EVENTS = 16_384;

  public static FanotifyLimits read() {
    return new FanotifyLimits(sysctl("max_queued_events"), sysctl("max_user_marks"),
        sysctl("max_user_groups"));
  }

  public boolean queueLow() {
    return maxQueuedEvents >= 0 && maxQueuedEvents < MIN_QUEUED_EVENTS;
  }

  /** {@code fs.fanotify.max_queued_events=16384, max_user_marks=..., max_user_groups=...}. */
  public String describe() {
    return "fs.fanotify.max_queued_events=" + maxQueuedEvents + ", max_user_marks="
        + maxUserMarks + ", max_user_groups=" + maxUserGroups
        + (queueLow() ? " (queue under " + MIN_QUEUED_EVENTS + ": a burst overflows it and "
            + "costs a full sync; sysctl -w fs.fanotify.max_queued_events=" + MIN_QUEUED_EVENTS
            + ")" : "");
  }

  private static long sysctl(String name) {
    // One read(2): procfs files report size 0 (see check/InotifyUsage).
    try (InputStream in = Files.newInputStream(SYSCTL.resolve(name))) {
      byte[] b = new byte[64];
      int n = in.read(b);
      return Long.parseLong(new String(b, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
