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
import org.syncspool.progress.ProgressBoard;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.TargetParts;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.time.SystemScheduler;
import org.syncspool.time.Ticker;
import org.syncspool.time.Waiter;
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
        "Shows its progress (entries done of those listed) as a bar on a terminal, as a line "
            + "every 5 s otherwise.",
        "Exit 0 when every list is empty afterwards, 75 when entries are left."})
final class ReplayCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Only this target (its name as in the config, e.g. 10.0.0.2::www, or its id).")
  String targetName;

  @Option(names = "--dry-run", description = "Show what would be synced; change nothing.")
  boolean dryRun;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120",
      description = "While another replay holds a list (the daemon replays on its own schedule), "
          + "wait up to this long for it to finish, then replay what it left (default: "
          + "${DEFAULT-VALUE}; 0: do not wait).")
  long waitSeconds;

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
      // Entries done of those listed, after each batch: a bar on a terminal, else a line every
      // 5 s (ProgressDisplay); the per-batch lines print above the bar.
      ProgressDisplay display = ProgressDisplay.forConsole(out);
      ProgressBoard board = new ProgressBoard(Ticker.SYSTEM,
          p -> display.show(List.of(p), Ticker.SYSTEM.nanos()));
      Replayer replayer = new Replayer(runs, c.engine().maxBatchPaths(),
          System::currentTimeMillis, line -> display.say(prefix + line))
          .withProgress(board, t.name());
      Replayer.Outcome o = replayWaiting(replayer, list, prefix, out);
      display.clear();
      out.println(prefix + summary(list, o));
      out.flush();
      left |= o.busy() || o.left() > 0;
    }
    return left && !dryRun ? ExitCode.TEMPFAIL.code() : 0;
  }

  /**
   * The other holder of a list's lock is usually the daemon's own scheduled replay, a matter of
   * seconds: poll for the lock (every 200 ms) rather than fail the operator's command.
   */
  private Replayer.Outcome replayWaiting(Replayer replayer, FailedList list, String prefix,
      PrintWriter out) throws Exception {
    Ticker ticker = SystemScheduler.INSTANCE;
    long until = ticker.deadlineAfterMillis(Math.max(0, waitSeconds) * 1000);
    Waiter waiter = SystemScheduler.INSTANCE.waiter();
    boolean said = false;
    while (true) {
      Replayer.Outcome o = replayer.replay(list, dryRun);
      if (!o.busy() || ticker.nanos() - until >= 0) {
        return o;
      }
      if (!said) {
        out.println(prefix + "waiting up to " + waitSeconds + " s for the other replay of "
            + list.file() + " to finish");
        out.flush();
        said = true;
      }
      waiter.await(Math.min(until, ticker.deadlineAfterMillis(200)));
    }
  }

  private String summary(FailedList list, Replayer.Outcome o) {
    if (o.busy()) {
      return list.file() + " is still being replayed by another process after " + waitSeconds
          + " s; nothing done (try again later, or --wait longer)";
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
