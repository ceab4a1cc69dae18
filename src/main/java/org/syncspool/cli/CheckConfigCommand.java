package org.syncspool.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.syncspool.check.InotifyUsage;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.watch.fanotify.FanotifyGroup;
import org.syncspool.watch.fanotify.FanotifyWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Validates a configuration and prints the effective settings, secrets masked. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate the configuration, print the effective settings and whether the "
        + "inotify limits suffice, whether fanotify could watch the roots here (exit 78 when "
        + "invalid).")
final class CheckConfigCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config c = ConfigLoader.load(config.file);
    spec.commandLine().getOut().println(ConfigLoader.describe(c));
    // The same limits check as at start: a valid file can still be too big for the kernel.
    try {
      spec.commandLine().getOut().println(InotifyUsage.assess(c).message());
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getOut().println("inotify limits: cannot be read: " + e.getMessage());
    }
    // Which watcher auto would take here, and the fanotify limits.
    try {
      spec.commandLine().getOut().println(FanotifyGroup.assess(
          FanotifyWatcher.realPaths(c.roots()), FanotifyWatcher.mask(c.events())));
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getOut().println("fanotify: not usable: " + e.getMessage());
    }
    // Pauses live in the state directory (syncspool pause), not in the file: say which hold.
    for (org.syncspool.config.Target t : c.targets()) {
      try {
        String p = org.syncspool.service.Pauses.describeFromDisk(c.engine().stateDir(), t,
            System.currentTimeMillis());
        if (p != null) {
          spec.commandLine().getOut().println("target " + t.name() + ": " + p
              + " (syncspool resume to go on)");
        }
      } catch (IOException e) {
        spec.commandLine().getOut().println("target " + t.name() + ": pause state cannot be "
            + "read: " + e.getMessage());
      }
    }
    spec.commandLine().getOut().println("configuration OK: " + config.file);
    return 0;
  }
}
