package org.syncspool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Hook;
import org.syncspool.config.Target;
import org.syncspool.hook.HookEvent;
import org.syncspool.hook.HookRunner;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool hooks test}: runs the configured hooks once with a sample event. */
@Command(name = "hooks", mixinStandardHelpOptions = true,
    description = "The <hook> programs of the config.",
    subcommands = {HooksCommand.Test.class})
final class HooksCommand {

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Run each configured hook once, now, with a sample event (the first "
          + "target, a made-up path sample/file.txt) on its stdin, as the daemon would run it; "
          + "print how it ended. No daemon needed, nothing is synced.",
          "Exit 0 when every hook exited 0, 1 when one failed or timed out, 64 when none is "
              + "configured for --on."})
  static final class Test implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--on", paramLabel = "KIND",
        description = "Only the hooks of this kind: batch, failure, parked, drift, recovered.")
    String on;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "State directory (hook output goes to its tmp/ meanwhile); overrides "
            + "<syncspool stateDir>.")
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
      List<Hook> hooks = c.hooks().stream()
          .filter(h -> on == null || h.on().attribute().equals(on)).toList();
      if (hooks.isEmpty()) {
        throw new FatalException(ExitCode.USAGE, "no <hook" + (on == null ? "" : " on=\"" + on
            + "\"") + "> in " + config.file);
      }
      Target t = c.targets().get(0);
      String root = Hooks.roots(c).get(t);
      HookRunner runner = Hooks.runner(c);
      PrintWriter out = spec.commandLine().getOut();
      boolean allOk = true;
      for (Hook h : hooks) {
        HookEvent e = sample(h.on(), t, root, System.currentTimeMillis());
        HookRunner.Result r = runner.run(h, e);
        out.println("hook on=" + h.on().attribute() + " " + h.command() + ": "
            + r.describe(h));
        out.flush();
        allOk &= r.ok();
      }
      return allOk ? 0 : ExitCode.FAILURE.code();
    }
  }

  /** What a real event of {@code kind} looks like, for target {@code t}. */
  static HookEvent sample(Hook.Kind kind, Target t, String root, long now) {
    boolean ok = kind == Hook.Kind.BATCH || kind == Hook.Kind.RECOVERED;
    boolean batch = ok || kind == Hook.Kind.FAILURE;
    String outcome = ok ? "DONE" : kind == Hook.Kind.PARKED ? "FATAL"
        : kind == Hook.Kind.FAILURE ? "BATCH_FAILED" : null;
    int exit = ok ? 0 : kind == Hook.Kind.PARKED ? 1 : kind == Hook.Kind.FAILURE ? 23 : -1;
    String reason = switch (kind) {
      case FAILURE -> "sample: rsync: [receiver] mkstemp \"sample/.file.txt\" failed: "
          + "Permission denied (13)";
      case PARKED -> "sample: rsync: unknown option";
      case DRIFT -> "sample: 1 path differs";
      default -> null;
    };
    return new HookEvent(kind.attribute(), java.time.Instant.ofEpochMilli(now).toString(),
        t.name(), t.id(), root, outcome, exit, batch ? 1 : 0, false,
        batch || kind == Hook.Kind.DRIFT ? List.of("sample/file.txt") : List.of(),
        batch || kind == Hook.Kind.DRIFT ? 1 : 0, ok ? 1234 : -1, ok ? 250 : 0, reason);
  }
}
