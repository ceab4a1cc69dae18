package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.FilterRules;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.RsyncExit;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.syncspool.dirfd.NoFollow;
import org.syncspool.config.Target;
import org.jspecify.annotations.Nullable;

/**
 * Turns one {@link Batch} into the rsync runs that bring it to one target (docs/architecture.md,
 * Rsync techniques): usually ONE run; two when new subtrees meet an existing directory's attribute
 * change (which must not be recursed) or when a filter is set (rsync cannot evaluate our regexes).
 */
public final class BatchRuns {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatchRuns.class);
  private final Target target;
  private final RsyncCommand command;
  private final ProcessRunner runner;
  private final TreeLister tree;
  private final Path tmpDir;
  private final RenameRuns renames;
  private final int parallel;
  private final SourcePresence presence;
  /** Runs groups 2..N of a split batch; created on the first split. */
  private @Nullable ExecutorService pool;

  /**
   * @param tmpDir where private exclude-rule files are written (created on demand)
   */
  public BatchRuns(Target target, RsyncCommand command, ProcessRunner runner, TreeLister tree,
                   Path tmpDir) {
    this(target, command, runner, tree, tmpDir, 1);
  }

  /**
   * @param parallel rsync processes this target may run at once ({@code -n}): a large batch is
   *                 split into up to this many groups ({@link BatchSplit})
   */
  public BatchRuns(Target target, RsyncCommand command, ProcessRunner runner, TreeLister tree,
                   Path tmpDir, int parallel) {
    this(target, command, runner, tree, tmpDir, parallel,
        SourcePresence.of(Path.of(command.sourceDir())));
  }

  /** @param presence tells which of a batch's paths are gone on the source (the deletion run's) */
  public BatchRuns(Target target, RsyncCommand command, ProcessRunner runner, TreeLister tree,
                   Path tmpDir, int parallel, SourcePresence presence) {
    this.presence = presence;
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1");
    }
    this.parallel = parallel;
    this.target = target;
    this.command = command;
    this.runner = runner;
    this.tree = tree;
    this.tmpDir = tmpDir;
    this.renames = new RenameRuns(command, runner);
  }

  /** Runs what {@code batch} needs; the result is the last run's, or the first failed one's. */
  public ProcessRunner.Result run(Batch batch) throws IOException, InterruptedException {
    return run(batch, false);
  }

  /**
   * As {@link #run(Batch)}; {@code periodic}: a full sync asked for by sersync's crontab, which
   * leaves out the {@code crontabfilter} globs.
   */
  public ProcessRunner.Result run(Batch batch, boolean periodic)
      throws IOException, InterruptedException {
    return run(batch, periodic, ProcessRunner.LineSink.NONE);
  }

  /**
   * As {@link #run(Batch, boolean)}; an unfiltered full sync runs with rsync's
   * {@code --info=progress2} ({@link RsyncCommand#withProgress}) and its stdout lines go to
   * {@code progress} while it runs (progress.ProgressBoard#fromRsync). A filtered full sync
   * lists paths itself and reports none.
   */
  public ProcessRunner.Result run(Batch batch, boolean periodic, ProcessRunner.LineSink progress)
      throws IOException, InterruptedException {
    if (periodic && batch.fullSync() && !tree.filtered()) {
      return fullSync(command.fullSync(true), progress);
    }
    List<PathKey> refused = new ArrayList<>();
    batch = new LinkedParents(presence::symlink).without(batch, refused);
    if (!refused.isEmpty()) {
      log.warn("target {}: refused {} path(s) below a symbolic link, never followed: {}{}",
          target.name(), refused.size(), refused.get(0), refused.size() > 1
              ? " (+" + (refused.size() - 1) + " more)" : "");
      if (batch.isEmpty()) {
        return new ProcessRunner.Result(0, "", "", 0);
      }
    }
    Batch rest = renames.run(batch, tree.filtered());
    if (rest.isEmpty()) {
      return renames.withRenameRuns(new ProcessRunner.Result(0, "", "", 0));
    }
    // A start-up listing batch stays whole: its runs are planned together (withListings).
    List<Batch> groups = parallel > 1 && rest.listings().isEmpty()
        ? BatchSplit.split(rest, parallel) : List.of(rest);
    if (groups.size() == 1) {
      return renames.withRenameRuns(runBatch(rest, progress));
    }
    return renames.withRenameRuns(runGroups(groups));
  }

  /**
   * Whether the target answers a listing of its top directory made with every option a batch
   * run uses ({@link RsyncCommand#probe()}): tells a refused batch (one poison path) from
   * settings the target refuses whatever the paths (see {@code worker.Verdict}).
   */
  public boolean targetAnswers() throws IOException, InterruptedException {
    return runner.run(command.probe(), ProcessRunner.StdinWriter.NONE).exitCode() == 0;
  }

  /**
   * Group 1 on this thread, the others on the pool; waits for all of them (an rsync in flight
   * is never abandoned), then one combined result for the worker's commit and retry logic.
   */
  private ProcessRunner.Result runGroups(List<Batch> groups)
      throws IOException, InterruptedException {
    if (pool == null) {
      pool = Executors.newFixedThreadPool(parallel - 1, r -> {
        Thread t = new Thread(r, "syncspool-rsync-" + target.name());
        t.setDaemon(true);
        return t;
      });
    }
    List<Future<ProcessRunner.Result>> others = new ArrayList<>();
    for (Batch g : groups.subList(1, groups.size())) {
      others.add(pool.submit(() -> runBatch(g)));
    }
    List<ProcessRunner.Result> results = new ArrayList<>();
    Throwable failure = null;
    try {
      results.add(runBatch(groups.get(0)));
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<ProcessRunner.Result> f : others) {
      while (true) {
        try {
          results.add(f.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the group's rsync is running
        } catch (ExecutionException e) {
          failure = failure != null ? failure : e.getCause();
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof InterruptedException ie) {
      throw ie;
    }
    if (failure != null) {
      throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
    }
    return BatchSplit.combine(results);
  }

  private ProcessRunner.Result fullSync(List<String> argv, ProcessRunner.LineSink progress)
      throws IOException, InterruptedException {
    if (progress == ProcessRunner.LineSink.NONE) {
      return runner.run(argv, ProcessRunner.StdinWriter.NONE);
    }
    return runner.run(RsyncCommand.withProgress(argv), ProcessRunner.StdinWriter.NONE, progress);
  }

  private ProcessRunner.Result runBatch(Batch batch) throws IOException, InterruptedException {
    return runBatch(batch, ProcessRunner.LineSink.NONE);
  }

  private ProcessRunner.Result runBatch(Batch batch, ProcessRunner.LineSink progress)
      throws IOException, InterruptedException {
    if (!batch.listings().isEmpty() && !batch.fullSync()) {
      return withListings(batch);
    }
    if (batch.fullSync()) {
      if (tree.filtered()) {
        // As for new subtrees: rules computed before a recursive run race with new files.
        return filteredSubtrees(List.of(), List.of(PathKey.of("")));
      }
      return fullSync(command.fullSync(false), progress); // no rules on stdin
    }
    List<PathKey> gone = new ArrayList<>();
    Batch present = withoutGone(batch, gone);
    ProcessRunner.Result copied = present.isEmpty() ? null : copy(present);
    if (!target.delete() || gone.isEmpty()) {
      return copied != null ? copied : new ProcessRunner.Result(0, "", "", 0);
    }
    if (copied != null && RsyncExit.classify(copied.exitCode()) != RsyncExit.DONE) {
      return copied;
    }
    ProcessRunner.Result deleted = deleteGone(gone);
    return copied == null ? deleted : then(copied, deleted);
  }

  /** {@code batch} without the paths gone on the source, which are added to {@code gone}. */
  private Batch withoutGone(Batch batch, List<PathKey> gone) {
    List<PathKey> flat = new ArrayList<>();
    List<PathKey> subtrees = new ArrayList<>();
    for (PathKey p : batch.flat()) {
      (presence.missing(p) ? gone : flat).add(p);
    }
    for (PathKey p : batch.subtrees()) {
      (presence.missing(p) ? gone : subtrees).add(p);
    }
    if (gone.isEmpty()) {
      return batch;
    }
    return new Batch(flat, subtrees, batch.flatDirs(), false, batch.oldestEventMillis(),
        batch.listings(), batch.renames());
  }

  /** The deletion run ({@link RsyncCommand#deletions}) for paths gone on the source. */
  private ProcessRunner.Result deleteGone(List<PathKey> gone)
      throws IOException, InterruptedException {
    DeletionRules d = DeletionRules.of(gone, tree.filtered());
    if (d.isEmpty()) {
      return new ProcessRunner.Result(0, "", "", 0);
    }
    Path tmp = Files.createDirectories(tmpDir);
    Path file = Files.createTempFile(tmp, "delete-", ".rules"); // mode 600, O_EXCL
    try {
      Files.write(file, d.rules());
      return runner.run(command.deletions(file), out -> {
        out.write(d.parents());
        out.flush();
      });
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The copy runs of a batch whose paths are all on the source (as far as we could tell). */
  private ProcessRunner.Result copy(Batch batch) throws IOException, InterruptedException {
    if (batch.subtrees().isEmpty()) {
      return runner.run(command.batch(false), out -> writePaths(out, batch.flat()));
    }
    if (tree.filtered()) {
      return filteredSubtrees(batch.flat(), batch.subtrees());
    }
    if (!batch.flatDirs()) {
      List<PathKey> all = new ArrayList<>(batch.flat());
      all.addAll(batch.subtrees());
      return runner.run(command.batch(true), out -> writeDirs(out, all));
    }
    // An existing directory's attributes changed: it must not be recursed, new subtrees must.
    ProcessRunner.Result first = runner.run(command.batch(true),
        out -> writeDirs(out, batch.subtrees()));
    if (RsyncExit.classify(first.exitCode()) != RsyncExit.DONE) {
      return first;
    }
    return then(first, runner.run(command.batch(false), out -> writePaths(out, batch.flat())));
  }

  /**
   * New subtrees under a filter. rsync cannot evaluate our regexes, and exclude rules computed
   * before a recursive run race with files created meanwhile, so the subtrees are walked and
   * every included path is listed explicitly (a file created after the walk has its own event).
   * Stale content inside them on the target (a directory deleted and re-created) is removed by a
   * second, deletion-only run whose exclude rules protect the excluded paths.
   */
  private ProcessRunner.Result filteredSubtrees(List<PathKey> flat, List<PathKey> subtrees)
      throws IOException, InterruptedException {
    ProcessRunner.Result send = runner.run(command.batch(false), out -> {
      PathWriter w = new PathWriter(out);
      for (PathKey p : flat) {
        w.write(p.bytes());
      }
      for (PathKey dir : subtrees) {
        w.write(dir.bytes());
        tree.walk(dir, w::writeUnchecked, excluded -> { });
      }
      w.flush();
    });
    if (!target.delete() || RsyncExit.classify(send.exitCode()) != RsyncExit.DONE) {
      return send;
    }
    byte[] rules = excludeRules(subtrees);
    @Nullable Path file = null;
    try {
      if (rules.length > 0) {
        Path tmp = NoFollow.directory(tmpDir);
        file = Files.createTempFile(tmp, "exclude-", ".rules"); // mode 600
        Files.write(file, rules);
      }
      return then(send, runner.run(command.deleteOnly(file), out -> writeDirs(out, subtrees)));
    } finally {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Listings first (they create what is new in the listed directories), then the rest of the
   * batch. Under a filter rsync would list excluded entries too, so there a listed directory is
   * sent as a subtree instead (the filtered subtree path honours the filter), and a listed root
   * becomes a full sync.
   */
  private ProcessRunner.Result withListings(Batch batch) throws IOException, InterruptedException {
    Batch rest = new Batch(batch.flat(), batch.subtrees(), batch.flatDirs(), false,
        batch.oldestEventMillis());
    if (tree.filtered()) {
      boolean root = batch.listings().stream().anyMatch(PathKey::isRoot);
      List<PathKey> subtrees = new ArrayList<>(batch.subtrees());
      subtrees.addAll(batch.listings());
      return run(new Batch(batch.flat(), subtrees, true, root, batch.oldestEventMillis()));
    }
    ProcessRunner.Result listed = runner.run(command.listing(), out -> {
      PathWriter w = new PathWriter(out);
      for (PathKey p : batch.listings()) {
        w.write(p.isRoot() ? new byte[] {'.'} : concat(p.bytes(), new byte[] {'/', '.'}));
      }
      w.flush();
    });
    if (rest.isEmpty() || RsyncExit.classify(listed.exitCode()) != RsyncExit.DONE) {
      return listed;
    }
    return then(listed, run(rest));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static ProcessRunner.Result then(ProcessRunner.Result first, ProcessRunner.Result second) {
    return new ProcessRunner.Result(second.exitCode(), first.stdout() + second.stdout(),
        second.stderrTail(), first.millis() + second.millis());
  }

  private byte[] excludeRules(List<PathKey> under) throws IOException {
    ByteArrayOutputStream rules = new ByteArrayOutputStream();
    for (PathKey dir : under) {
      tree.walk(dir, included -> { }, path -> {
        rules.writeBytes(FilterRules.exclude(path));
        rules.write(0);
      });
    }
    return rules.toByteArray();
  }

  /** Streams NUL-separated paths to rsync's stdin from inside a walk's callbacks. */
  private static final class PathWriter {
    private final BufferedOutputStream out;

    PathWriter(OutputStream out) {
      this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    /**
     * Writes one path; the empty path (the root) is skipped, see {@link #writePaths}. Each path
     * gets a leading slash, which rsync drops from --files-from entries ("relative to the source
     * dir"), so that no entry starts with # or ;: rsync reads those as comments even with
     * --from0, and a top-level "#notes" was never copied nor deleted. Not "./": that sends the
     * root directory itself as an entry.
     */
    void write(byte[] path) throws IOException {
      if (path.length > 0) {
        out.write('/');
        out.write(path);
        out.write(0);
      }
    }

    void writeUnchecked(byte[] path) {
      try {
        write(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void flush() throws IOException {
      out.flush();
    }
  }

  /**
   * NUL-separated, as {@code --from0 --files-from=-} reads them. The root itself is left out:
   * rsync reads a listed "." as "the directory's contents" even without {@code -r}, which would
   * send every top-level name, excluded ones included (verified by hand). The root's own
   * attributes are brought over by full syncs.
   */
  static void writePaths(OutputStream out, List<PathKey> paths) throws IOException {
    PathWriter w = new PathWriter(out);
    for (PathKey p : paths) {
      w.write(p.bytes());
    }
    w.flush();
  }

  /** For recursive runs, where a listed root is meant as "everything": "." stands for it. */
  static void writeDirs(OutputStream out, List<PathKey> dirs) throws IOException {
    PathWriter w = new PathWriter(out);
    for (PathKey p : dirs) {
      w.write(p.isRoot() ? new byte[] {'.'} : p.bytes()); // "/." is the root as well
    }
    w.flush();
  }
}
