package org.syncspool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o FILE}: sersync's option name for the config file. */
final class ConfigOption {
  static final String DEFAULT = "/etc/syncspool/syncspool.xml";

  @Option(names = {"-o", "--config"}, paramLabel = "FILE", defaultValue = DEFAULT,
      description = "Configuration file, sersync confxml.xml format (default: ${DEFAULT-VALUE}).")
  Path file;
}
