package org.syncspool.failures;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import org.jspecify.annotations.Nullable;

/**
 * Re-syncs a target's failed list: the paths as the source has them now (one that is gone is
 * deleted on the target when deletes are on), in batches of at most {@code chunk} paths, never
 * one rsync per path. What succeeded leaves the list; what failed stays with its attempt count
 * raised. Used by the daemon's schedule ({@code failLog@timeToExecute}) and by
 * {@code syncspool replay}, whether or not the daemon runs (the list's locks keep them apart).
 */
public final class Replayer {
  private final BatchRuns runs;
  private final int chunk;
  private final LongSupplier clock;
  private final Consumer<String> say;
  private final @Nullable ProgressBoard progress;
  private final String target;

  /**
   * @param runs  how a batch reaches the target
   * @param chunk most paths per rsync run (the engine's maxBatchPaths)
   * @param say   where progress lines go (stdout for the command, the log for the daemon)
   */
  public Replayer(BatchRuns runs, int chunk, LongSupplier clock, Consumer<String> say) {
    this(runs, chunk, clock, say, null, "");
  }

  private Replayer(BatchRuns runs, int chunk, LongSupplier clock, Consumer<String> say,
                   @Nullable ProgressBoard progress, String target) {
    this.runs = runs;
    this.chunk = chunk;
    this.clock = clock;
    this.say = say;
    this.progress = progress;
    this.target = target;
  }

  /**
   * This replayer, counting each replay of {@code target}'s list on {@code board} (entries done
   * of those listed, after each batch) while it runs.
   */
  public Replayer withProgress(ProgressBoard board, String target) {
    return new Replayer(runs, chunk, clock, say, board, target);
  }

  /**
   * What one replay did.
   *
   * @param listed    entries read (malformed lines excluded)
   * @param succeeded entries taken off the list
   * @param left      entries still on it after this replay (those read; later appends aside)
   * @param malformed lines moved to the rejected file
   * @param busy      another replay held the list: nothing was done
   */
  public record Outcome(int listed, int succeeded, int left, int malformed, boolean busy) {
    static final Outcome BUSY = new Outcome(0, 0, 0, 0, true);
  }

  public Outcome replay(FailedList list, boolean dryRun) throws IOException, InterruptedException {
    try (FailedList.Locked held = list.tryReplayLock()) {
      if (held == null) {
        return Outcome.BUSY; // the caller says so (the command waits for it, the daemon skips)
      }
      FailedList.Snapshot snap = list.read();
      for (FailedList.Malformed m : snap.malformed()) {
        say.accept(list.file() + ":" + m.line() + ": malformed entry skipped (" + m.reason()
            + ")" + (dryRun ? "" : "; moved to " + list.file() + ".rejected"));
      }
      // One run per distinct path: a path that failed in several batches is listed once.
      Map<Key, FailedEntry> distinct = new LinkedHashMap<>();
      for (FailedEntry e : snap.entries()) {
        distinct.merge(new Key(PathKey.copyOf(e.path(), 0, e.path().length), e.tree()), e,
            (a, b) -> a.attempts() >= b.attempts() ? a : b);
      }
      List<FailedEntry> all = new ArrayList<>(distinct.values());
      if (all.isEmpty()) {
        if (!dryRun && !snap.malformed().isEmpty()) {
          list.rewrite(snap, List.of());
        }
        return new Outcome(0, 0, 0, snap.malformed().size(), false);
      }
      if (progress != null && !dryRun) {
        progress.begin(Work.REPLAY, target, all.size());
      }
      try {
        return replay(list, snap, all, dryRun);
      } finally {
        if (progress != null && !dryRun) {
          progress.end(Work.REPLAY, target);
        }
      }
    }
  }

  private Outcome replay(FailedList list, FailedList.Snapshot snap, List<FailedEntry> all,
                         boolean dryRun) throws IOException, InterruptedException {
    List<FailedEntry> keep = new ArrayList<>();
    int done = 0;
    for (int from = 0; from < all.size(); from += chunk) {
      List<FailedEntry> part = all.subList(from, Math.min(all.size(), from + chunk));
      Batch batch = batchOf(part);
      if (dryRun) {
        say.accept("would sync " + describe(batch));
        continue;
      }
      ProcessRunner.Result r = runs.run(batch);
      RsyncExit outcome = RsyncExit.classify(r.exitCode());
      if (outcome == RsyncExit.DONE) {
        done += part.size();
        say.accept("synced " + describe(batch) + " in " + r.millis() + " ms");
      } else {
        Instant now = Instant.ofEpochMilli(clock.getAsLong());
        String err = org.syncspool.rsync.SystemProcessRunner.oneLine(r.stderrTail());
        for (FailedEntry e : part) {
          keep.add(e.retried(now, r.exitCode(), err));
        }
        say.accept("still failing: " + describe(batch) + ": rsync exit " + r.exitCode() + " ("
            + RsyncExit.describe(r.exitCode()) + ") " + err);
      }
      if (progress != null) {
        progress.count(Work.REPLAY, target, from + part.size(), -1, all.size());
      }
    }
    if (dryRun) {
      return new Outcome(all.size(), 0, all.size(), snap.malformed().size(), false);
    }
    list.rewrite(snap, keep);
    return new Outcome(all.size(), done, keep.size(), snap.malformed().size(), false);
  }

  /** Entries to one batch: new directories with their subtree, the rest flat, the root = full. */
  static Batch batchOf(List<FailedEntry> part) {
    List<PathKey> flat = new ArrayList<>();
    List<PathKey> subtrees = new ArrayList<>();
    boolean full = false;
    for (FailedEntry e : part) {
      PathKey p = PathKey.copyOf(e.path(), 0, e.path().length);
      if (e.tree() && p.isRoot()) {
        full = true;
      } else {
        (e.tree() ? subtrees : flat).add(p);
      }
    }
    if (full) {
      return new Batch(List.of(), List.of(), false, true, 0);
    }
    flat.sort(null);
    subtrees.sort(null);
    // Flat paths may be directories (their attributes failed): never recurse them with -r.
    return new Batch(flat, subtrees, !flat.isEmpty() && !subtrees.isEmpty(), false, 0);
  }

  private static String describe(Batch b) {
    return b.fullSync() ? "the whole root" : b.size() + " path(s): " + b.describe(3);
  }

  private record Key(PathKey path, boolean tree) {}
}
