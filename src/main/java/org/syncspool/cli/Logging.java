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

  static void fromSystemProperty() {
    if (Boolean.getBoolean("syncspool.debug")) {
      debug();
    }
  }
}
