package org.syncspool.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one class logged while a piece of code ran: {@code LEVEL message}, in order. */
public final class LogCapture {
  /** The code under test; may throw. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private LogCapture() {}

  /** Runs {@code body} and returns what {@code source}'s logger said meanwhile. */
  public static List<String> of(Class<?> source, Body body) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(source);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try {
      body.run();
    } finally {
      logger.detachAppender(seen);
    }
    return seen.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }
}
