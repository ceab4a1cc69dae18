package org.syncspool.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Span;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool pause} and {@code syncspool resume}: stop and go, per target or all. */
final class PauseCommand {
  private PauseCommand() {}

  /** What both take. */
  static final class Options {
    @Mixin
    ConfigOption config;

    @Option(names = "--target", paramLabel = "NAME",
        description = "Only this target, as named in the log and in status (default: all).")
    String target;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "State directory, where the daemon's control token is; overrides "
            + "<syncspool stateDir> (as given to run).")
    Path stateDir;

    int post(String path, CommandSpec spec) throws Exception {
      Logging.clientCommand();
      Config c = ConfigLoader.load(config.file);
      if (stateDir != null) {
        c = c.withStateDir(stateDir.toAbsolutePath());
      }
      String sep = path.contains("?") ? "&" : "?";
      String q = target == null ? "" : sep + "target=" + ControlClient.param(target);
      ControlClient.Reply r = new ControlClient(c.http(), c.engine().stateDir())
          .post(path + q, Duration.ofSeconds(30));
      if (r.code() == 200) {
        spec.commandLine().getOut().print(r.body());
        spec.commandLine().getOut().flush();
        return 0;
      }
      if (r.code() == 404 || r.code() == 400) {
        throw new FatalException(ExitCode.USAGE, r.body().strip());
      }
      throw new FatalException(ExitCode.FAILURE, path + " answered " + r.code() + ": " + r.body());
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = {"Pause replication to every target (or one) of the running daemon: no "
          + "rsync runs, the target's cursor stays, the journal keeps every change for it "
          + "(retention never deletes what a target has not read). Survives restarts.",
          "Takes effect after the batch in hand; flush waits for paused targets (and times "
              + "out). resume catches up from the cursor."})
  static final class Pause implements Callable<Integer> {
    @Mixin
    Options options;

    @Option(names = "--for", paramLabel = "SPAN",
        description = "Resume by itself after SPAN (10m, 2h, 1d); default: until resume.")
    String span;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (span != null && Span.millis(span) <= 0) {
        throw new FatalException(ExitCode.USAGE, "--for " + span + ": expected " + Span.FORMS);
      }
      return options.post(span == null ? "/pause" : "/pause?for=" + span, spec);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume paused targets (every one, or --target): each catches up from its "
          + "cursor.")
  static final class Resume implements Callable<Integer> {
    @Mixin
    Options options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return options.post("/resume", spec);
    }
  }
}
