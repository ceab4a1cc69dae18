package org.syncspool.service;

import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.syncspool.fs.FileSystem;
import org.syncspool.watch.inotify.NativeFs;
import org.syncspool.worker.WorkerParts;
import org.syncspool.config.Config;
import org.syncspool.config.FailLog;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedList;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.worker.CursorNames;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.PathFilter;

/**
 * How a target's parts are made from the config: shared by the daemon, {@code replay} and
 * {@code verify}.
 */
public final class TargetParts {
  /** Without {@code <failLog timeToExecute>}: replay the failed list hourly (sersync's default). */
  static final int DEFAULT_REPLAY_MINUTES = 60;

  private TargetParts() {}

  public static BatchRuns runs(Config config, Root root, Target target, PathFilter filter,
                               ProcessRunner runner, String rsync) {
    return runs(config, root, target, filter, runner, command(config, root, target, rsync));
  }

  /** As above, with the target's commands made already (with ssh options, say). */
  public static BatchRuns runs(Config config, Root root, Target target, PathFilter filter,
                               ProcessRunner runner, RsyncCommand command) {
    return new BatchRuns(target, command, runner, tree(root, filter),
        config.engine().stateDir().resolve("tmp"), config.engine().parallel());
  }

  /**
   * The target's big-file lane (docs/architecture.md, Two lanes): its runs go through
   * {@code runner} itself, never the standby; null when {@code bigFileLane} is off.
   */
  public static WorkerParts.@Nullable BigLaneParts bigLane(Config config, Root root,
      Target target, PathFilter filter, ProcessRunner runner, RsyncCommand command) {
    if (target.bigFileLaneBytes() <= 0) {
      return null;
    }
    byte[] base = FileSystem.bytes(root.watch());
    return new WorkerParts.BigLaneParts(runs(config, root, target, filter, runner, command),
        target.bigFileLaneBytes(), p -> {
          byte[] rel = p.bytes();
          try {
            return NativeFs.lstatRegularSize(FileSystem.join(base, rel, 0, rel.length));
          } catch (IOException e) {
            return -1; // cannot tell: the small lane sends it as before
          }
        });
  }

  /** The target's argv builder: the batches' and the audit's ({@code verify}) are one. */
  public static RsyncCommand command(Config config, Root root, Target target, String rsync) {
    return new RsyncCommand(rsync, target, root.watch().toString(), config.crontab().excludes());
  }

  /** The root's tree split by the filter, for runs that must honour it. */
  public static TreeLister tree(Root root, PathFilter filter) {
    return new FilteredTreeLister(root.watch(), filter);
  }

  /** The target's failed list: see {@link FailedList#fileFor}. */
  public static FailedList failedList(Config config, Target target) {
    FailLog f = config.failLog();
    Path path = f == null ? null : f.path();
    return new FailedList(FailedList.fileFor(path, config.engine().stateDir(),
        CursorNames.of(target.id())));
  }

  static long replayEveryMillis(Config config) {
    FailLog f = config.failLog();
    return (f == null ? DEFAULT_REPLAY_MINUTES : f.timeToExecuteMinutes()) * 60_000L;
  }
}
