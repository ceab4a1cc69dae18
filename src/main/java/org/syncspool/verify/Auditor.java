package org.syncspool.verify;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.syncspool.check.TargetCheck;
import org.syncspool.config.Target;
import org.syncspool.service.FlushCookie;
import org.syncspool.rsync.FilterRules;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.PathFilter;

/**
 * Audits one target: the dry run over the whole root ({@link RsyncCommand#verify}), a look at
 * the target for paths the dry run shows as new ({@link DriftSet#typeCandidates}), and one
 * re-check of the paths the journal saw change meanwhile ({@link ChangeFeed}).
 */
public final class Auditor {
  /** Reserved names in the root's top directory, never drift (excluded from the dry run too). */
  static final List<String> RESERVED = List.of(FlushCookie.PREFIX, TargetCheck.PROBE_PREFIX);

  /** Reports progress: the target, seconds so far, differences so far. */
  public interface Progress {
    Progress NONE = (t, s, n) -> { };

    void update(String target, long seconds, int differences);
  }

  private final LineRunner runner;
  private final PathFilter filter;
  private final TreeLister tree;
  private final Path tmpDir;
  private final ChangeFeed feed;
  private final LongSupplier clock;
  private UnaryOperator<List<String>> argvWrap = UnaryOperator.identity();
  private Progress progress = Progress.NONE;
  private int parts = 1;
  private Partition.Dirs dirs = rel -> List.of();

  /**
   * @param tree   the root's tree split by the filter (the daemon's {@code FilteredTreeLister})
   * @param tmpDir a private directory for the type probe's empty destination
   */
  public Auditor(LineRunner runner, PathFilter filter, TreeLister tree, Path tmpDir,
                 ChangeFeed feed, LongSupplier clock) {
    this.runner = runner;
    this.filter = filter;
    this.tree = tree;
    this.tmpDir = tmpDir;
    this.feed = feed;
    this.clock = clock;
  }

  /** Wraps every argv (the scheduled audit runs rsync under nice/ionice: {@link LowPriority}). */
  public Auditor argvWrap(UnaryOperator<List<String>> wrap) {
    this.argvWrap = wrap;
    return this;
  }

  /**
   * Shares the dry run out over up to {@code parts} rsync processes at once ({@link Partition}),
   * the source's directories listed by {@code dirs}. {@code syncspool verify} does; the
   * scheduled audit keeps one run at low priority.
   */
  public Auditor parallel(int parts, Partition.Dirs dirs) {
    this.parts = parts;
    this.dirs = dirs;
    return this;
  }

  public Auditor progress(Progress p) {
    this.progress = p;
    return this;
  }

  /** True for a path that is never drift. */
  boolean ignored(PathKey p) {
    byte[] b = p.bytes();
    if (FlushCookie.is(b) || (b.length > 0 && reservedTop(b))) {
      return true;
    }
    return filter.excluded(b, 0, b.length);
  }

  private static boolean reservedTop(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    return s.indexOf('/') < 0 && s.startsWith(TargetCheck.PROBE_PREFIX);
  }

  public TargetAudit audit(Target target, RsyncCommand command, boolean checksum)
      throws IOException, InterruptedException {
    long start = clock.getAsLong();
    if (target.mode() == Target.Mode.LOCAL && !Files.isDirectory(target.localPath())) {
      return done(target, TargetAudit.Outcome.UNREACHABLE, Map.of(),
          target.localPath() + " is not a directory (not mounted?)", -1, start);
    }
    long mark = feed.mark();
    List<List<String>> shares = Partition.rules(Partition.choose(dirs, parts), parts);
    Dry dry = dryRuns(target, command, checksum, shares, start);
    if (dry.failed != null) {
      return dry.failed;
    }
    DriftSet drift = dry.drift;
    long bytes = dry.bytes;
    List<PathKey> candidates = drift.typeCandidates();
    if (!candidates.isEmpty()) {
      Set<PathKey> there = existing(command, candidates);
      if (there == null) {
        return done(target, TargetAudit.Outcome.UNREACHABLE, Map.of(),
            "lost the target while looking at " + candidates.size() + " paths", bytes, start);
      }
      drift.resolveTypes(there);
    }
    Set<PathKey> changed = feed.since(mark, target.rootId());
    List<PathKey> raced = new ArrayList<>();
    for (PathKey p : drift.folded().keySet()) {
      if (!p.isRoot() && ChangeFeed.covers(changed, p)) {
        raced.add(p);
      }
    }
    if (!raced.isEmpty()) {
      DriftSet again = recheck(command, checksum, raced);
      if (again == null) {
        return done(target, TargetAudit.Outcome.UNREACHABLE, Map.of(),
            "lost the target while re-checking " + raced.size() + " paths", bytes, start);
      }
      drift.removeAll(raced);
      drift.addAll(again);
    }
    Map<DriftKind, List<PathKey>> kinds = drift.byKind();
    return done(target, kinds.isEmpty() ? TargetAudit.Outcome.OK : TargetAudit.Outcome.DRIFT,
        kinds, "", bytes, start);
  }

  /** What the dry runs found together: their drift and bytes, or the first failure. */
  private record Dry(DriftSet drift, long bytes, TargetAudit failed) {}

  /** One share's dry run and what it found. */
  private final class Share implements Runnable {
    final DriftSet drift = new DriftSet(Auditor.this::ignored);
    final StringBuilder stats = new StringBuilder();
    final List<String> argv;
    final ProcessRunner.StdinWriter input;
    final Runnable onDrift;
    ProcessRunner.Result result;
    Exception thrown;

    Share(List<String> argv, ProcessRunner.StdinWriter input, Runnable onDrift) {
      this.argv = argv;
      this.input = input;
      this.onDrift = onDrift;
    }

    @Override
    public void run() {
      try {
        result = runner.run(argv, input, line -> {
          ItemizedLine it = ItemizedLine.parse(line);
          if (it != null) {
            synchronized (drift) {
              drift.add(it);
            }
            onDrift.run();
          } else if (stats.length() < 8192) {
            stats.append(new String(line, StandardCharsets.UTF_8)).append('\n');
          }
        });
      } catch (IOException | InterruptedException | RuntimeException e) {
        thrown = e;
      }
    }
  }

  /**
   * One dry run per share ({@link Partition#rules}), the first on this thread, the others
   * beside it; their drift folded into one set.
   */
  private Dry dryRuns(Target target, RsyncCommand command, boolean checksum,
                      List<List<String>> shares, long start)
      throws IOException, InterruptedException {
    ProcessRunner.StdinWriter rules = this::excludeRules;
    if (shares.size() > 1 && tree.filtered()) {
      // the filter's excluded paths come from a walk of the source: once, not once per run
      java.io.ByteArrayOutputStream once = new java.io.ByteArrayOutputStream();
      excludeRules(once);
      byte[] bytes = once.toByteArray();
      rules = out -> out.write(bytes);
    }
    List<Share> all = new ArrayList<>();
    long[] lastReport = {start};
    Runnable onDrift = () -> {
      long now = clock.getAsLong();
      synchronized (lastReport) {
        if (now - lastReport[0] < 5_000) {
          return;
        }
        lastReport[0] = now;
      }
      int sum = 0;
      for (Share sh : all) {
        synchronized (sh.drift) {
          sum += sh.drift.folded().size();
        }
      }
      progress.update(target.name(), (now - start) / 1000, sum);
    };
    for (List<String> extra : shares) {
      List<String> argv = new ArrayList<>(command.verify(checksum, ItemizedLine.OUT_FORMAT));
      argv.addAll(1, extra);
      all.add(new Share(argvWrap.apply(argv), rules, onDrift));
    }
    List<Thread> beside = new ArrayList<>();
    for (Share sh : all.subList(1, all.size())) {
      Thread t = new Thread(sh, "syncspool-audit-" + (beside.size() + 1));
      t.setDaemon(true);
      t.start();
      beside.add(t);
    }
    all.get(0).run();
    for (Thread t : beside) {
      t.join();
    }
    long bytes = 0;
    for (Share sh : all) {
      if (sh.thrown instanceof IOException e) {
        throw e;
      } else if (sh.thrown instanceof InterruptedException e) {
        throw e;
      } else if (sh.thrown instanceof RuntimeException e) {
        throw e;
      }
      TargetAudit failed = failure(target, sh.result, start);
      if (failed != null) {
        return new Dry(null, -1, failed);
      }
      long b = bytes(sh.stats.toString());
      bytes = b < 0 || bytes < 0 ? -1 : bytes + b;
      if (sh != all.get(0)) {
        all.get(0).drift.absorb(sh.drift);
      }
    }
    return new Dry(all.get(0).drift, bytes, null);
  }

  private TargetAudit done(Target t, TargetAudit.Outcome o, Map<DriftKind, List<PathKey>> d,
                           String detail, long bytes, long start) {
    long now = clock.getAsLong();
    return new TargetAudit(t.name(), o, d, detail, bytes, now - start, now);
  }

  private TargetAudit failure(Target target, ProcessRunner.Result r, long start) {
    RsyncExit e = RsyncExit.classify(r.exitCode());
    if (e == RsyncExit.DONE) {
      return null;
    }
    String why = "rsync exit " + r.exitCode() + " (" + RsyncExit.describe(r.exitCode()) + "): "
        + org.syncspool.rsync.SystemProcessRunner.oneLine(r.stderrTail());
    return done(target, e == RsyncExit.UNREACHABLE ? TargetAudit.Outcome.UNREACHABLE
        : TargetAudit.Outcome.FAILED, Map.of(), why, -1, start);
  }

  /** Anchored rules for the filter's excluded paths on the source, and the reserved names. */
  private void excludeRules(OutputStream raw) throws IOException {
    BufferedOutputStream out = new BufferedOutputStream(raw, 64 * 1024);
    for (String prefix : RESERVED) {
      out.write(("- /" + prefix + "*").getBytes(StandardCharsets.US_ASCII));
      out.write(0);
    }
    if (tree.filtered()) {
      tree.walk(PathKey.of(""), included -> { }, path -> {
        try {
          out.write(FilterRules.exclude(path));
          out.write(0);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    out.flush();
  }

  /** Which of {@code paths} the target has; null when it could not be asked. */
  private Set<PathKey> existing(RsyncCommand command, List<PathKey> paths)
      throws IOException, InterruptedException {
    Files.createDirectories(tmpDir);
    Path empty = Files.createTempDirectory(tmpDir, "verify-empty-");
    try {
      Set<PathKey> found = new HashSet<>();
      ProcessRunner.Result r = runner.run(argvWrap.apply(command.existingOnTarget(empty,
          ItemizedLine.OUT_FORMAT)), out -> writePaths(out, paths), line -> {
            ItemizedLine it = ItemizedLine.parse(line);
            if (it != null) {
              found.add(PathKey.copyOf(it.path(), 0, it.path().length));
            }
          });
      return RsyncExit.classify(r.exitCode()) == RsyncExit.DONE ? found : null;
    } finally {
      Files.deleteIfExists(empty);
    }
  }

  /** The raced paths once more, one dry run over just them; null when rsync failed. */
  private DriftSet recheck(RsyncCommand command, boolean checksum, List<PathKey> paths)
      throws IOException, InterruptedException {
    DriftSet again = new DriftSet(this::ignored);
    ProcessRunner.Result r = runner.run(argvWrap.apply(command.recheck(checksum,
        ItemizedLine.OUT_FORMAT)), out -> writePaths(out, paths), line -> {
          ItemizedLine it = ItemizedLine.parse(line);
          if (it != null) {
            again.add(it);
          }
        });
    if (RsyncExit.classify(r.exitCode()) != RsyncExit.DONE) {
      return null;
    }
    List<PathKey> candidates = again.typeCandidates();
    if (!candidates.isEmpty()) {
      Set<PathKey> there = existing(command, candidates);
      if (there == null) {
        return null;
      }
      again.resolveTypes(there);
    }
    return again;
  }

  private static void writePaths(OutputStream raw, List<PathKey> paths) throws IOException {
    BufferedOutputStream out = new BufferedOutputStream(raw, 64 * 1024);
    for (PathKey p : paths) {
      out.write(p.isRoot() ? new byte[] {'.'} : p.bytes());
      out.write(0);
    }
    out.flush();
  }

  /** Bytes sent plus received, from --stats; -1 when either is missing. */
  static long bytes(String stats) {
    long sent = stat(stats, "Total bytes sent:");
    long received = stat(stats, "Total bytes received:");
    return sent < 0 || received < 0 ? -1 : sent + received;
  }

  /** One --stats number (digits grouped by locale), or -1. */
  static long stat(String stats, String label) {
    int at = stats.indexOf(label);
    if (at < 0) {
      return -1;
    }
    int end = stats.indexOf('\n', at);
    String v = stats.substring(at + label.length(), end < 0 ? stats.length() : end).strip()
        .replace(",", "").replace(".", "");
    return !v.isEmpty() && v.length() < 19 && v.chars().allMatch(Character::isDigit)
        ? Long.parseLong(v) : -1;
  }
}
