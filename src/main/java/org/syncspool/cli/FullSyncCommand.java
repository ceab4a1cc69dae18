package org.syncspool.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool full-sync}: ask the running daemon for a full sync, now. */
@Command(name = "full-sync", mixinStandardHelpOptions = true,
    description = {"Queue a full sync of every root to every target (or to one target) in the "
        + "running daemon; it runs before that target's next batch.",
        "Returns at once; the log says 'full sync done' per target."})
final class FullSyncCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Only this target, as named in the log and in status (e.g. 10.0.0.2::www).")
  String target;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory, where the daemon's control token is; overrides "
          + "<syncspool stateDir> (as given to run).")
  Path stateDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    ControlClient client = new ControlClient(c.http(), c.engine().stateDir());
    String q = target == null ? "" : "?target=" + ControlClient.param(target);
    ControlClient.Reply r = client.post("/full-sync" + q, Duration.ofSeconds(30));
    if (r.code() == 202) {
      spec.commandLine().getOut().print(r.body());
      return 0;
    }
    if (r.code() == 404) {
      throw new FatalException(ExitCode.USAGE, "no such target: " + r.body().strip());
    }
    throw new FatalException(ExitCode.FAILURE, "/full-sync answered " + r.code() + ": " + r.body());
  }
}
