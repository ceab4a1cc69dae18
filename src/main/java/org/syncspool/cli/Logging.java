package org.syncspool.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** sersync's {@code <debug start="true">} (or {@code -Dsyncspool.debug=true}): our loggers at DEBUG. */
final class Logging {
  private Logging() {}

  static void debug() {
    EarlyStart.await();
    // Only our own packages: Chronicle at DEBUG floods the log with nothing an operator can use.
    ((Logger) LoggerFactory.getLogger("org.syncspool")).setLevel(Level.DEBUG);
  }

  /**
   * For the commands that talk to a running daemon (status, flush, full-sync): their stdout is
   * for scripts ({@code status --json}), and the log goes to stdout too, so loading the config
   * must not log there. Their failures are one line on stderr (FailureHandler), never logged.
   */
  static void clientCommand() {
    EarlyStart.await();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
    ((Logger) LoggerFactory.getLogger("org.syncspool")).setLevel(Level.OFF);
  }

  /**
   * The console appender of logback.xml writes to stdout ({@code true}) or to stderr, with
   * journald priority prefixes when that stream is the journal (JournalEncoder).
   */
  static void consoleTo(boolean stdout) {
    EarlyStart.await();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("STDOUT") instanceof ConsoleAppender<?> console) {
      String target = stdout ? "System.out" : "System.err";
      if (!console.getTarget().equals(target)) {
        console.stop();
        console.setTarget(target);
        console.start();
      }
      // The journal's priority prefixes only where this stream is the journal.
      if (console.getEncoder() instanceof JournalEncoder journal) {
        journal.writingTo(stdout ? 1 : 2);
      }
    }
  }

  static void fromSystemProperty() {
    if (Boolean.getBoolean("syncspool.debug")) {
      debug();
    }
  }
}
