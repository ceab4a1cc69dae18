package org.syncspool.config.xml;

import java.nio.file.Path;
import org.syncspool.config.ChangeLog;
import org.syncspool.config.ConfigException;

/** {@code <syncspool><changeLog start path timeFormat/>} to {@link ChangeLog}, or null when off. */
final class ChangeLogReader {
  private ChangeLogReader() {}

  /** The strftime tokens the change list understands; anything else after a % is refused. */
  static final String TOKENS = "YmdHMS%";

  static ChangeLog read(Values v, Dto.ChangeLog el) throws ConfigException {
    if (el == null || !v.bool(el, "start", el.start, true)) {
      return null;
    }
    Path path = v.absolute(el, "path", el.path);
    if (v.checks.isDirectory(path)) {
      throw v.error(el, Values.show(el, "path", el.path) + ": is a directory; name a file");
    }
    String format = el.timeFormat == null ? ChangeLog.DEFAULT_TIME_FORMAT : el.timeFormat;
    for (int i = format.indexOf('%'); i >= 0; i = format.indexOf('%', i + 2)) {
      // i + 2: the token after the % is checked here, never read as a % itself ("%%Y")
      char t = i + 1 < format.length() ? format.charAt(i + 1) : 0;
      if (TOKENS.indexOf(t) < 0 || t == 0) {
        throw v.error(el, Values.show(el, "timeFormat", format) + ": "
            + (t == 0 ? "a lone % at the end" : "unknown token %" + t)
            + "; use %Y %m %d %H %M %S, or %% for a percent sign");
      }
    }
    if (format.contains("\n") || format.contains("\t")) {
      throw v.error(el, Values.show(el, "timeFormat", format)
          + ": must not contain a newline or tab (one line per path)");
    }
    return new ChangeLog(path, format);
  }
}
