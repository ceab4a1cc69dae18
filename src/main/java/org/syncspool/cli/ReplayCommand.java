package org.syncspool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedList;
import org.syncspool.failures.Replayer;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.TargetParts;
import org.syncspool.sync.BatchRuns;
import org.syncspool.watch.PathFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays the failed-transfer lists by hand, whether or not the daemon runs (the lists' locks
 * keep a running daemon's appends and scheduled replays out of the way).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Re-sync the paths on the failed-transfer lists (the source as it is now; a "
        + "path gone from the source is deleted on the target when deletes are on), in batches. "
        + "What succeeds leaves the list; what fails stays with its attempt count raised.",
        "Exit 0 when every list is empty afterwards, 75 when entries are left."})
final class ReplayCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Only this target (its name as in the config, e.g. 10.0.0.2::www, or its id).")
  String targetName;

  @Option(names = "--dry-run", description = "Show what would be synced; change nothing.")
  boolean dryRun;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory; overrides <syncspool stateDir> (as given to run).")
  Path stateDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Root> roots = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    for (Root r : c.roots()) {
      for (Target t : r.targets()) {
        if (targetName == null || targetName.equals(t.name()) || targetName.equals(t.id())) {
          roots.add(r);
          targets.add(t);
        }
      }
    }
    if (targets.isEmpty()) {
      throw new FatalException(ExitCode.USAGE, "no target called " + targetName + " in "
          + config.file + " (targets: " + String.join(", ", c.targets().stream()
          .map(Target::name).toList()) + ")");
    }
    if (!dryRun) {
      Rsync.requireInstalled();
    }
    PathFilter filter = new PathFilter(c.excludes());
    boolean left = false;
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      FailedList list = TargetParts.failedList(c, t);
      BatchRuns runs = TargetParts.runs(c, roots.get(i), t, filter, Rsync.runner(),
          "rsync");
      String prefix = "target " + t.name() + ": ";
      Replayer replayer = new Replayer(runs, c.engine().maxBatchPaths(),
          System::currentTimeMillis, line -> out.println(prefix + line));
      Replayer.Outcome o = replayer.replay(list, dryRun);
      out.println(prefix + summary(list, o));
      out.flush();
      left |= o.busy() || o.left() > 0;
    }
    return left && !dryRun ? ExitCode.TEMPFAIL.code() : 0;
  }

  private String summary(FailedList list, Replayer.Outcome o) {
    if (o.busy()) {
      return list.file() + " is being replayed by another process; try again later";
    }
    if (o.listed() == 0 && o.malformed() == 0) {
      return "failed list empty (" + list.file() + ")";
    }
    if (dryRun) {
      return o.listed() + " entries would be replayed from " + list.file();
    }
    return o.succeeded() + " synced, " + o.left() + " still failing"
        + (o.malformed() > 0 ? ", " + o.malformed() + " malformed lines moved to "
        + list.file() + ".rejected" : "") + " (" + list.file() + ")";
  }
}
