package org.syncspool.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** sersync's {@code <debug start="true">} (or {@code -Dsyncspool.debug=true}): our loggers at DEBUG. */
final class Logging {
  private Logging() {}

  static void debug() {
    // Only our own packages: Chronicle at DEBUG floods the log with nothing an operator can use.
    ((Logger) LoggerFactory.getLogger("org.syncspool")).setLevel(Level.DEBUG);
  }

  /**
   * For the commands that talk to a running daemon (status, flush, full-sync): their stdout is
   * for scripts ({@code status --json}), and the log goes to stdout too, so loading the config
   * must not log there. Their failures are one line on stderr (FailureHandler), never logged.
   */
  static void clientCommand() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
    ((Logger) LoggerFactory.getLogger("org.syncspool")).setLevel(Level.OFF);
  }

  static void fromSystemProperty() {
    if (Boolean.getBoolean("syncspool.debug")) {
      debug();
    }
  }
}
