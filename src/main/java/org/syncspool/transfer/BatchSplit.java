package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits one batch into up to N groups for concurrent rsync runs ({@code -n N}), and combines
 * their results into one. Pure.
 *
 * <p>Groups are contiguous ranges of the batch's sorted paths, so a directory and the names
 * below it mostly land in one group, and every group has about the same number of entries (a
 * subtree entry counts as one, whatever its size: the split balances process count, not bytes).
 * A batch smaller than {@link #MIN_GROUP} paths per group is not split as far: each rsync run
 * costs a process start and a connection (~8 ms locally, more to a daemon: bench/RESULTS.md),
 * which a handful of paths does not repay.
 */
public final class BatchSplit {
  /** Paths a group must have before another group is worth a process. */
  public static final int MIN_GROUP = 32;

  private BatchSplit() {}

  /** The groups for at most {@code n} processes; the batch itself when it is not split. */
  public static List<Batch> split(Batch batch, int n) {
    int groups = Math.min(n, batch.size() / MIN_GROUP);
    if (groups < 2 || batch.fullSync() || !batch.listings().isEmpty()) {
      return List.of(batch);
    }
    List<PathKey> all = new ArrayList<>(batch.size());
    all.addAll(batch.flat());
    all.addAll(batch.subtrees());
    all.sort(null);
    Set<PathKey> subtrees = new HashSet<>(batch.subtrees());
    List<Batch> out = new ArrayList<>(groups);
    int from = 0;
    for (int g = 0; g < groups; g++) {
      int to = (int) ((long) all.size() * (g + 1) / groups);
      List<PathKey> flat = new ArrayList<>();
      List<PathKey> sub = new ArrayList<>();
      for (PathKey p : all.subList(from, to)) {
        (subtrees.contains(p) ? sub : flat).add(p);
      }
      // Which flat entries are directories is not recorded; a group that may hold one keeps
      // the flag, which costs at most a second run, never a wrong recursion.
      out.add(new Batch(flat, sub, batch.flatDirs() && !flat.isEmpty(), false,
          batch.oldestEventMillis()));
      from = to;
    }
    return out;
  }

  /**
   * Two halves of a batch of two or more paths, for isolating the path rsync refuses (see
   * {@code worker.Verdict}): the sorted entries cut in the middle, each keeping its kind (flat,
   * subtree, listing). Rename hints are dropped: both names are entries of their own, so each
   * half is still complete, only without the link-dest shortcut.
   */
  public static List<Batch> halves(Batch batch) {
    if (batch.fullSync() || batch.size() < 2) {
      throw new IllegalArgumentException("only a batch of two or more paths can be halved");
    }
    List<PathKey> all = new ArrayList<>(batch.size());
    all.addAll(batch.flat());
    all.addAll(batch.subtrees());
    all.addAll(batch.listings());
    all.sort(null);
    Set<PathKey> subtrees = new HashSet<>(batch.subtrees());
    Set<PathKey> listings = new HashSet<>(batch.listings());
    List<Batch> out = new ArrayList<>(2);
    int mid = all.size() / 2;
    for (List<PathKey> part : List.of(all.subList(0, mid), all.subList(mid, all.size()))) {
      List<PathKey> flat = new ArrayList<>();
      List<PathKey> sub = new ArrayList<>();
      List<PathKey> listed = new ArrayList<>();
      for (PathKey p : part) {
        (subtrees.contains(p) ? sub : listings.contains(p) ? listed : flat).add(p);
      }
      out.add(new Batch(flat, sub, batch.flatDirs() && !flat.isEmpty(), false,
          batch.oldestEventMillis(), listed));
    }
    return out;
  }

  /**
   * One result for the whole batch: the worst exit code decides, so the worker's commit and
   * retry logic sees the batch as one. Worst first: FATAL (park the target), UNREACHABLE (hold
   * the cursor, nothing is listed as failed), BATCH_FAILED, then DONE with a non-zero code (24)
   * over 0. Outputs are concatenated; the time is the longest group's (they ran side by side).
   */
  public static ProcessRunner.Result combine(List<ProcessRunner.Result> results) {
    ProcessRunner.Result worst = results.get(0);
    StringBuilder stdout = new StringBuilder();
    long millis = 0;
    for (ProcessRunner.Result r : results) {
      if (rank(r.exitCode()) > rank(worst.exitCode())) {
        worst = r;
      }
      stdout.append(r.stdout());
      millis = Math.max(millis, r.millis());
    }
    return new ProcessRunner.Result(worst.exitCode(), stdout.toString(), worst.stderrTail(), millis);
  }

  private static int rank(int exitCode) {
    return switch (RsyncExit.classify(exitCode)) {
      case FATAL -> 4;
      case UNREACHABLE -> 3;
      case BATCH_FAILED -> 2;
      case DONE -> exitCode == 0 ? 0 : 1;
    };
  }
}
