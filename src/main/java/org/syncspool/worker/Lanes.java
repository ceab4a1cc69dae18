package org.syncspool.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.syncspool.batch.PathKey;
import org.syncspool.worker.Verdict.Step;
import org.jspecify.annotations.Nullable;

/**
 * The two lanes' decisions (docs/architecture.md, Two lanes), pure: no I/O, no threads, no
 * clock (a time, where one matters, is a parameter). A target with a big-file lane sends a
 * regular file above its threshold through a second rsync process of its own, so small files keep
 * arriving while it transfers; the cursor moves only past records whose paths both lanes have
 * delivered. Tested cell by cell in LanesTest.
 *
 * <p>{@link Book} is the big lane's bookkeeping (which paths it holds, and from which journal
 * position); the worker and the lane's thread use one under a lock ({@link BigLane}).
 */
public final class Lanes {
  /** No hold: commits are not held back. Above every mark. */
  public static final long NO_HOLD = Long.MAX_VALUE;

  private Lanes() {}

  /** Which rsync process a path goes through. */
  public enum Lane { SMALL, BIG }

  /** What a batch's path is, as the split sees it (lstat, symlinks not followed). */
  public enum Entry {
    /** A regular file; its size decides. */
    FILE,
    /** A directory's attributes, a symlink, a device or fifo: small whatever lstat says. */
    OTHER,
    /** Gone from the source: a deletion. */
    GONE,
    /** A new or moved-in directory, sent with its subtree (an -r run). */
    SUBTREE,
    /** A directory whose entries are reconciled (the start-up scan). */
    LISTING,
    /** One name of a rename in the batch: delta-copied or linked from the old name. */
    RENAMED
  }

  /**
   * Which lane a path goes to.
   *
   * @param size      lstat size of a {@link Entry#FILE}, in bytes (ignored for the others)
   * @param threshold the target's {@code bigFileLane} in bytes; 0: no big lane
   * @param held      the big lane holds this path now (sending it, or queued): whatever the
   *                  path is now, it must be sent again after, by the same lane, so that two
   *                  rsyncs never write one name at once and the older copy never lands last
   */
  public static Lane laneOf(Entry entry, long size, long threshold, boolean held) {
    if (threshold <= 0) {
      return Lane.SMALL;
    }
    if (entry == Entry.SUBTREE || entry == Entry.LISTING) {
      return Lane.SMALL; // a run of its own kind (-r, listings); big files in it go with it
    }
    if (held) {
      return Lane.BIG;
    }
    return entry == Entry.FILE && size > threshold ? Lane.BIG : Lane.SMALL;
  }

  /**
   * Where the cursor may commit: the small lane's delivered mark, held back by the position
   * before the oldest batch the big lane still holds paths of. {@link #NO_HOLD} for a hold that
   * is not there. Marks are journal positions (Cursor.mark), which only grow.
   */
  public static long commitPoint(long smallDone, long inFlightFrom, long queuedFrom) {
    return Math.min(smallDone, Math.min(inFlightFrom, queuedFrom));
  }

  /**
   * Whether the big lane releases its hold on the batch it sent, after {@link Verdict}'s step
   * for the run: delivered, or on the failed list (listed); every other step keeps the hold while
   * the lane retries, backs off or waits parked, as the small lane does with the cursor.
   */
  public static boolean releases(Step step, boolean listed) {
    return step == Step.COMMIT || (step == Step.LIST_FAILED && listed);
  }

  /**
   * Whether the big lane may start sending what is queued now.
   *
   * @param sending          it is sending a batch already (one at a time)
   * @param queued           paths are queued
   * @param paused           the target is paused ({@code syncspool pause}): nothing new starts
   * @param stopping         the daemon stops: nothing new starts, what is queued stays in the
   *                         journal (the cursor is held before it) for the next start
   * @param fullSyncWaiting  the worker waits to run a full sync: it runs alone
   */
  public static boolean mayStart(boolean sending, boolean queued, boolean paused,
                                 boolean stopping, boolean fullSyncWaiting) {
    return !sending && queued && !paused && !stopping && !fullSyncWaiting;
  }

  /** What the lane is doing, for status and metrics. */
  public enum State {
    /** Nothing held. */
    IDLE,
    /** An rsync of its own is sending big files. */
    SENDING,
    /** The last run failed: waiting to retry, backing off or parked. */
    WAITING,
    /** Paths are queued but may not start (paused, a full sync waits, stopping). */
    HELD
  }

  /** The lane's state from its book and whether its last run failed. */
  public static State state(boolean sending, boolean queued, boolean retrying) {
    if (sending) {
      return retrying ? State.WAITING : State.SENDING;
    }
    return queued ? State.HELD : State.IDLE;
  }

  /**
   * The big lane's paths: the batch being sent (from one journal position) and what was queued
   * since (from the position before the oldest batch that queued something). Not thread-safe.
   */
  public static final class Book {
    private final Set<PathKey> sending = new LinkedHashSet<>();
    private long sendingFrom = NO_HOLD;
    private long sendingOldest;
    private final Set<PathKey> queued = new LinkedHashSet<>();
    private long queuedFrom = NO_HOLD;
    private long queuedOldest;

    /** The lane sends or queues {@code p}. */
    public boolean holds(PathKey p) {
      return sending.contains(p) || queued.contains(p);
    }

    /**
     * Queues {@code paths}, split off a batch read from journal position {@code from} on; the
     * oldest of their events was read at {@code oldestEventMillis} (0: unknown).
     */
    public void offer(Collection<PathKey> paths, long from, long oldestEventMillis) {
      if (paths.isEmpty()) {
        return;
      }
      queued.addAll(paths);
      queuedFrom = Math.min(queuedFrom, from);
      if (oldestEventMillis > 0 && (queuedOldest == 0 || oldestEventMillis < queuedOldest)) {
        queuedOldest = oldestEventMillis;
      }
    }

    /** Moves what is queued to sending; the paths to send, or null when nothing may start. */
    public @Nullable Taken take(boolean paused, boolean stopping, boolean fullSyncWaiting) {
      if (!mayStart(!sending.isEmpty(), !queued.isEmpty(), paused, stopping, fullSyncWaiting)) {
        return null;
      }
      sending.addAll(queued);
      sendingFrom = queuedFrom;
      sendingOldest = queuedOldest;
      queued.clear();
      queuedFrom = NO_HOLD;
      queuedOldest = 0;
      return new Taken(List.copyOf(sending), sendingOldest);
    }

    /** The batch being sent is delivered or listed: its hold goes. */
    public void finished() {
      sending.clear();
      sendingFrom = NO_HOLD;
      sendingOldest = 0;
    }

    /** {@link Lanes#commitPoint} with this book's holds. */
    public long commitPoint(long smallDone) {
      return Lanes.commitPoint(smallDone, sendingFrom, queuedFrom);
    }

    public boolean sending() {
      return !sending.isEmpty();
    }

    public int sendingCount() {
      return sending.size();
    }

    public int queuedCount() {
      return queued.size();
    }

    /** The paths held (sending first), for status. */
    public List<PathKey> held() {
      List<PathKey> all = new ArrayList<>(sending);
      for (PathKey p : queued) {
        if (!sending.contains(p)) {
          all.add(p);
        }
      }
      return all;
    }
  }

  /**
   * A big-file lane now, for status and metrics.
   *
   * @param sending   paths its rsync sends now
   * @param queued    paths waiting for that rsync to end
   * @param first     the first path it holds (the one being sent), null when none
   * @param threshold its threshold in bytes
   */
  public record Status(State state, int sending, int queued, @Nullable PathKey first,
                       long threshold) {}

  /** Paths the lane starts sending, and when the oldest of their events was read (0: unknown). */
  public record Taken(List<PathKey> paths, long oldestEventMillis) {
    public Taken {
      paths = List.copyOf(paths);
    }
  }
}
