package org.syncspool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.syncspool.changelog.ChangeLogWriter;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Overlaps;
import org.syncspool.config.WatcherKind;
import org.syncspool.hook.HookDispatcher;
import org.syncspool.service.Daemon;
import org.syncspool.service.ExitCode;
import org.syncspool.service.VersionPrune;
import org.syncspool.service.FatalException;
import org.syncspool.service.http.Endpoint;
import org.syncspool.service.systemd.SdNotify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the daemon in the foreground until SIGTERM or SIGINT (systemd supervises it). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Watch the configured directories and replicate every change, in the foreground.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "-r", description = "Full sync of every root to every target first "
      + "(after the watches are in place, so nothing changed meanwhile is missed).")
  boolean initialSync;

  @Option(names = "-n", paramLabel = "N",
      description = "rsync processes per target (sersync's -n): a large batch is split into up "
          + "to N groups of neighbouring paths, sent at once; overrides <syncspool parallel>.")
  Integer parallel;

  @Option(names = "-d", description = "Accepted for sersync compatibility; syncspool stays in the "
      + "foreground and lets systemd supervise it.")
  boolean daemonize;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory (journal); overrides <syncspool stateDir>.")
  Path stateDir;

  @Option(names = "--watcher", paramLabel = "KIND",
      description = "inotify, fanotify or auto; overrides <syncspool watcher>.")
  String watcher;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (daemonize) {
      spec.commandLine().getErr().println("syncspool: -d ignored: running in the foreground "
          + "(systemd supervises foreground processes; see README.md, Operate)");
    }
    if (parallel != null && parallel < 1) {
      throw new FatalException(ExitCode.USAGE, "-n must be at least 1, got " + parallel);
    }
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
      Overlaps.check(c, Overlaps.SYSTEM); // the state directory against the roots, again
    }
    if (parallel != null) {
      c = c.withEngine(c.engine().withParallel(parallel));
    }
    if (watcher != null) {
      WatcherKind w = WatcherKind.parse(watcher);
      if (w == null) {
        throw new FatalException(ExitCode.USAGE, "--watcher must be auto, inotify or fanotify, "
            + "got " + watcher);
      }
      c = c.withEngine(c.engine().withWatcher(w));
    }
    return Foreground.run(c, initialSync, 0);
  }

  /** The shared foreground loop of {@code run} and {@code demo}. */
  static final class Foreground {
    private Foreground() {}

    /** Runs until a signal, or for {@code seconds} when positive. */
    static int run(Config c, boolean initialSync, long seconds) throws Exception {
      if (c.debug()) {
        Logging.debug();
      }
      Rsync.requireInstalled();
      Stopper stopper = Stopper.onSignals();
      ChangeLogWriter changes = changeLog(c);
      HookDispatcher hooks = Hooks.dispatcher(c);
      try (Daemon daemon = new Daemon(c, initialSync, Rsync.runner(), "rsync");
           Endpoint endpoint = Endpoint.around(daemon)) {
        VersionPrune prune = new VersionPrune(c, Rsync.runner(), "rsync",
            System::currentTimeMillis);
        if (prune.needed()) {
          daemon.addListener(prune);
        }
        if (hooks != null) {
          daemon.addListener(hooks);
          Hooks.count(hooks, endpoint.metrics());
          hooks.start();
        }
        if (changes != null) {
          daemon.addListener(changes);
          stopper.onHangup(changes::reopen);
        }
        daemon.start();
        endpoint.serve();
        // Type=notify: ready means every watch is in place, so a change made after
        // "systemctl start" returns is seen (a flush right after start works).
        SdNotify.notify("READY=1\nSTATUS=watching " + daemon.watching());
        if (seconds > 0) {
          stopper.await(seconds);
        } else {
          stopper.await();
        }
        SdNotify.notify("STOPPING=1");
      } finally {
        if (changes != null) {
          changes.close();
        }
        if (hooks != null) {
          hooks.close();
        }
      }
      return 0;
    }

    /** The change list's writer, or null when {@code <changeLog>} is off. */
    private static ChangeLogWriter changeLog(Config c) throws FatalException {
      if (c.changeLog() == null) {
        return null;
      }
      try {
        return new ChangeLogWriter(c, ZoneId.systemDefault());
      } catch (IOException e) {
        throw new FatalException(ExitCode.CANTCREAT, "cannot open the change list "
            + c.changeLog().path() + ": " + e.getMessage());
      }
    }
  }
}
