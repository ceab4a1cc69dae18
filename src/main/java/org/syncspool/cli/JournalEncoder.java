package org.syncspool.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * logback's pattern encoder that, when its output is systemd's journal, starts every line with
 * the sd-daemon priority prefix of the event's level ({@code <3>} ERROR, {@code <4>} WARN,
 * {@code <6>} INFO, {@code <7>} DEBUG and TRACE).
 *
 * <p>journald reads that prefix from a service's stdout and stderr ({@code SyslogLevelPrefix=},
 * on by default), so {@code journalctl -u syncspool -p warning} shows the WARN and ERROR lines;
 * without it every line is priority 6. Each line of a multi-line event (a stack trace) gets the
 * prefix, since journald reads every line as its own entry. The output is the journal when
 * {@code $JOURNAL_STREAM} names the same socket as the file descriptor written to
 * ({@code /proc/self/fd/N}), as systemd.exec(5) asks: a child that inherited the variable but
 * writes to a pipe or a terminal gets plain lines. Used by packaging/logback/logback.xml and
 * the jar's own logback.xml.
 */
public class JournalEncoder extends PatternLayoutEncoder {
  private volatile boolean journal;

  /** As logback makes it from logback.xml: the daemon's stream, stdout. */
  public JournalEncoder() {
    this(connected(System.getenv("JOURNAL_STREAM"), fdLink(1)));
  }

  /** Whether the output is the journal decided by the caller (tests). */
  JournalEncoder(boolean journal) {
    this.journal = journal;
  }

  /**
   * Re-decides whether the output is the journal, for the stream the console appender now writes
   * to (1 stdout, 2 stderr): cli/Logging.java switches it per command.
   */
  void writingTo(int fd) {
    journal = connected(System.getenv("JOURNAL_STREAM"), fdLink(fd));
  }

  /**
   * As the pattern encoder, with {@code %msg} (and {@code %m}, {@code %message}) kept on one
   * line by {@link OneLineMessage}: a name with a newline cannot forge a log line.
   */
  @Override
  public void start() {
    super.start();
    PatternLayout one = new PatternLayout();
    for (String word : new String[] {"msg", "m", "message"}) {
      one.getInstanceConverterMap().put(word, OneLineMessage.class.getName());
    }
    one.setContext(getContext());
    one.setPattern(getPattern());
    one.setOutputPatternAsHeader(isOutputPatternAsHeader());
    one.start();
    this.layout = one;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String text = layout.doLayout(event);
    if (journal) {
      text = prefixed(event.getLevel(), text);
    }
    Charset cs = getCharset();
    return cs == null ? text.getBytes(Charset.defaultCharset()) : text.getBytes(cs);
  }

  /** The sd-daemon(3) prefix of a level: syslog's err, warning, info and debug. */
  static String prefix(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "<3>";
      case Level.WARN_INT -> "<4>";
      case Level.INFO_INT -> "<6>";
      default -> "<7>";
    };
  }

  /** {@code text} with the level's prefix before each of its lines. */
  static String prefixed(Level level, String text) {
    String p = prefix(level);
    StringBuilder out = new StringBuilder(text.length() + 8);
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.append(p).append(text, start, end);
      start = end;
    }
    return out.toString();
  }

  /**
   * Whether a file descriptor whose {@code /proc/self/fd} link reads {@code fdLink} is the
   * journal stream {@code $JOURNAL_STREAM} ("DEVICE:INODE") names: a socket with that inode.
   * The device is not compared: every socket is on the one sockfs device.
   */
  static boolean connected(@Nullable String journalStream, @Nullable String fdLink) {
    if (journalStream == null || fdLink == null) {
      return false;
    }
    int colon = journalStream.indexOf(':');
    if (colon <= 0 || colon == journalStream.length() - 1) {
      return false;
    }
    String inode = journalStream.substring(colon + 1);
    return inode.chars().allMatch(Character::isDigit) && fdLink.equals("socket:[" + inode + "]");
  }

  /** What {@code /proc/self/fd/FD} links to ({@code socket:[INODE]} for a socket), or null. */
  static @Nullable String fdLink(int fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
