package org.syncspool.cli;

import org.slf4j.LoggerFactory;

/**
 * Start-up work that does not wait for the command line: logback's configuration (its XML
 * parsed, about 70 ms) and the config reader's Jackson mapper (about 85 ms), on a thread of
 * their own while picocli builds the command's model on the main thread (about 100 ms). Every
 * command needs the first, nearly every one the second; on two cores {@code syncspool verify}
 * reached its first rsync about 100 ms sooner (docs/performance.md, verify).
 *
 * <p>slf4j hands a second thread a stand-in logger while the first is configuring logback
 * (and the stand-in forwards once it is done), so only code that reaches into logback itself
 * ({@link Logging}) waits for {@link #await} first.
 */
final class EarlyStart {
  private static volatile Thread thread;

  private EarlyStart() {
  }

  /** From {@code main} only: tests that run commands in-process configure as they go. */
  static void begin() {
    Thread t = new Thread(() -> {
      LoggerFactory.getILoggerFactory();
      try {
        Class.forName("org.syncspool.config.xml.XmlConfigReader", true,
            EarlyStart.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // the main thread loads it again and reports what is wrong
      }
    }, "syncspool-early-start");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Returns once logback is configured (at once when {@link #begin} was never called). */
  static void await() {
    Thread t = thread;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
