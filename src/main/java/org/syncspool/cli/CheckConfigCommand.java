package org.syncspool.cli;

import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Validates a configuration and prints the effective settings, secrets masked. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate the configuration and print the effective settings (exit 78 when invalid).")
final class CheckConfigCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config c = ConfigLoader.load(config.file);
    spec.commandLine().getOut().println(ConfigLoader.describe(c));
    spec.commandLine().getOut().println("configuration OK: " + config.file);
    return 0;
  }
}
