package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.RsyncExit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the renames of a batch cheaply, before the batch's own run (docs/architecture.md, Rsync
 * techniques: plan renames before deletes, since the batch's run deletes the old names): a renamed
 * directory with {@code --link-dest} to its old copy on the target, renamed files in one {@code
 * --fuzzy} run.
 *
 * <p>These runs are an optimisation only. The batch still lists every name, so a run that fails
 * (the new name already gone on the source, the target's parent directory missing) changes
 * nothing but the cost: the batch's run sends what is left. Renamed directories and files stay
 * in the batch, where the quick check (size and mtime) finds them already in place.
 */
final class RenameRuns {
  private static final Logger log = LoggerFactory.getLogger(RenameRuns.class);

  private final RsyncCommand command;
  private final ProcessRunner runner;
  /** stdout and time of the last {@link #run}'s rename runs, so the batch's totals include them. */
  private final StringBuilder stdout = new StringBuilder();
  private long millis;

  RenameRuns(RsyncCommand command, ProcessRunner runner) {
    this.command = command;
    this.runner = runner;
  }

  /**
   * Runs the rename runs {@code batch} allows and returns what is left for its own run.
   *
   * @param filtered true when a filter is set: a recursive link run would send excluded names
   *                 inside the directory, so directories are left to the batch's own run
   */
  Batch run(Batch batch, boolean filtered) throws IOException, InterruptedException {
    stdout.setLength(0);
    millis = 0;
    if (batch.fullSync() || batch.renames().isEmpty()) {
      return batch;
    }
    Set<PathKey> subtrees = new HashSet<>(batch.subtrees());
    List<PathKey> files = new ArrayList<>();
    for (Rename r : batch.renames()) {
      if (!r.dir()) {
        if (sameDirectory(r)) {
          files.add(r.to());
        }
        continue;
      }
      // Only a directory that is itself a subtree entry (not inside a new directory, whose
      // parent the target does not have yet) and whose names can go on the command line.
      if (filtered || !subtrees.contains(r.to()) || !RsyncCommand.argvSafe(r.from())
          || !RsyncCommand.argvSafe(r.to())) {
        continue;
      }
      ProcessRunner.Result res = counted(runner.run(command.linkDest(r.from(), r.to()),
          ProcessRunner.StdinWriter.NONE));
      if (RsyncExit.classify(res.exitCode()) != RsyncExit.DONE) {
        log.debug("link run {} -> {}: rsync exit {}; the batch sends it", r.from().printable(),
            r.to().printable(), res.exitCode());
      }
    }
    if (!files.isEmpty()) {
      files.sort(null);
      ProcessRunner.Result res = counted(runner.run(command.fuzzy(),
          out -> BatchRuns.writePaths(out, files)));
      log.debug("fuzzy run of {} renamed files: rsync exit {}", files.size(), res.exitCode());
    }
    // The renamed directories stay in the batch: its own recursive run, from the root, finds the
    // linked files in place (quick check) and fixes what a run rooted at DEST/TO/ cannot do
    // right. A daemon without chroot sanitizes symlinks against the transfer's root, so
    // "../x" one level down arrived as "x" (ChurnIT, seed 20261205).
    return batch;
  }

  private ProcessRunner.Result counted(ProcessRunner.Result r) {
    stdout.append(r.stdout());
    millis += r.millis();
    return r;
  }

  /** {@code result} with the last run's rename runs added: stdout (their --stats) and time. */
  ProcessRunner.Result withRenameRuns(ProcessRunner.Result result) {
    if (millis == 0 && stdout.length() == 0) {
      return result;
    }
    return new ProcessRunner.Result(result.exitCode(), stdout + result.stdout(),
        result.stderrTail(), result.millis() + millis);
  }

  /** --fuzzy looks for a basis in the new name's directory only. */
  private static boolean sameDirectory(Rename r) {
    PathKey a = r.from().parent();
    PathKey b = r.to().parent();
    return a != null && a.equals(b);
  }
}
