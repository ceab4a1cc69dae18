package org.syncspool.check;

/**
 * Are the kernel's inotify limits enough for the trees to watch? Pure: the numbers come from
 * {@link InotifyUsage}. One watch per directory (docs/architecture.md, Event rules); the watch
 * limit is per user, shared with every other program of that user (desktop indexers, IDEs, systemd
 * units).
 */
public final class InotifyLimits {
  private InotifyLimits() {}

  /**
   * The kernel default, and the queue the watcher was measured with: 0 overflows in bursts of
   * 100,000 new files (bench/RESULTS.md, WatchBurst). Below it, bursts overflow the queue and
   * every overflow costs a full sync.
   */
  public static final long MIN_QUEUED_EVENTS = 16_384;
  /** Recommended watch limits are rounded up to this, so the numbers stay readable. */
  private static final long ROUND = 65_536;
  /** The sysctl.d file the advice names. */
  public static final String SYSCTL_FILE = "/etc/sysctl.d/90-syncspool.conf";

  /**
   * What was read, and what follows from it.
   *
   * @param directories     directories under the roots, excluded ones not counted
   * @param maxUserWatches  fs.inotify.max_user_watches
   * @param heldWatches     watches this user holds already, or -1 when unknown
   * @param maxQueuedEvents fs.inotify.max_queued_events
   */
  public record Assessment(long directories, long maxUserWatches, long heldWatches,
                           long maxQueuedEvents) {

    /**
     * Too few watches: what is held plus every directory plus a tenth more (the tree grows while
     * syncspool runs, and a directory without a watch is only caught by a full sync).
     */
    public boolean watchesLow() {
      long held = Math.max(0, heldWatches);
      return held + directories + directories / 10 > maxUserWatches;
    }

    public boolean queueLow() {
      return maxQueuedEvents < MIN_QUEUED_EVENTS;
    }

    public boolean low() {
      return watchesLow() || queueLow();
    }

    /**
     * Twice what is needed now, rounded up: room for the tree to double. Each watch pins about
     * 1 KiB of kernel memory (inotify(7)), so a million costs about 1 GiB only when all are used.
     */
    public long recommendedWatches() {
      long need = 2 * (Math.max(0, heldWatches) + directories);
      return Math.max(maxUserWatches, (need + ROUND - 1) / ROUND * ROUND);
    }

    /** One line: the numbers, and when low the exact commands to fix them now and at boot. */
    public String message() {
      String held = heldWatches < 0 ? "other programs' watches unknown"
          : "this user already holds " + heldWatches;
      String numbers = directories + " directories to watch; fs.inotify.max_user_watches="
          + maxUserWatches + " (" + held + "), fs.inotify.max_queued_events=" + maxQueuedEvents;
      if (!low()) {
        return "inotify limits OK: " + numbers;
      }
      StringBuilder set = new StringBuilder();
      StringBuilder file = new StringBuilder();
      if (watchesLow()) {
        set.append(" fs.inotify.max_user_watches=").append(recommendedWatches());
        file.append("'fs.inotify.max_user_watches = ").append(recommendedWatches()).append("'");
      }
      if (queueLow()) {
        set.append(" fs.inotify.max_queued_events=").append(MIN_QUEUED_EVENTS);
        file.append(file.length() > 0 ? " and " : "")
            .append("'fs.inotify.max_queued_events = ").append(MIN_QUEUED_EVENTS).append("'");
      }
      // What the watcher does then (Watches: RESCAN and retry every 60 s, no restart needed).
      String why = watchesLow() ? "directories beyond the limit are not watched (they are "
          + "synced every 60 s until it is raised)" : "";
      if (queueLow()) {
        why += (why.isEmpty() ? "" : "; ") + "a burst overflows a queue under " + MIN_QUEUED_EVENTS
            + " events and costs a full sync";
      }
      return "inotify limits too low: " + numbers + "; " + why + ". Raise them now with: sysctl -w"
          + set + " ; and for every boot put " + file + " in " + SYSCTL_FILE;
    }
  }
}
