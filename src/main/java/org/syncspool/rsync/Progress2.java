package org.syncspool.rsync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one line of rsync's {@code --info=progress2} output (whole-transfer progress, one line
 * rewritten with '\r'), as a full sync prints it ({@link RsyncCommand#withProgress}). Pure. Seen
 * with rsync 3.5.0 and Debian 12's 3.2.7 (by hand, {@code rsync -a --info=progress2 src/ dst/}):
 *
 * <pre>
 *         32,768   0%    0.00kB/s    0:00:00
 *      1,140,000   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/321)
 *              0   0%    0.00kB/s    0:00:00 (xfr#0, ir-chk=1000/2345)
 * </pre>
 *
 * The first number is bytes transferred so far (digits grouped by locale: {@code 1,234,567} or
 * {@code 1.234.567}; {@code -h} in commonParams prints {@code 1.23M}, which is not read), then
 * percent of the total file size (files already up to date count in the total but not in the
 * bytes, so it is no measure of the work left), rsync's rate, a time (left while running,
 * elapsed at the end), and, once a file list exists, files transferred and the checks left of
 * the total: {@code to-chk} when the file list is complete, {@code ir-chk} while incremental
 * recursion is still growing it.
 */
public final class Progress2 {
  private static final Pattern LINE = Pattern.compile(
      "\\s*([0-9][0-9,.]*)\\s+([0-9]{1,3})%\\s+(\\S+/s)\\s+([0-9]+:[0-9]{2}:[0-9]{2})"
          + "(?:\\s+\\(xfr#([0-9]+),\\s*(ir|to)-chk=([0-9]+)/([0-9]+)\\))?\\s*");

  private Progress2() {}

  /**
   * One parsed line.
   *
   * @param bytes       bytes transferred so far
   * @param percent     rsync's percent of the total file size
   * @param rate        rsync's rate cell as printed ({@code 117.33MB/s})
   * @param time        rsync's time cell ({@code 0:00:03})
   * @param transferred files transferred so far, -1 before the file list
   * @param toCheck     paths of the file list not looked at yet, -1 before the file list
   * @param listed      paths in the file list so far, -1 before it
   * @param complete    the file list is complete ({@code to-chk}); false while it grows
   *                    ({@code ir-chk}) or before it
   */
  public record Line(long bytes, int percent, String rate, String time, long transferred,
                     long toCheck, long listed, boolean complete) {
    /** Paths looked at so far (transferred or found up to date); 0 before the file list. */
    public long checked() {
      return listed < 0 ? 0 : Math.max(0, listed - toCheck);
    }
  }

  /** The line read, or null for anything else (other output, a human-readable size, garbage). */
  public static @Nullable Line parse(@Nullable String text) {
    if (text == null || text.length() > 200) {
      return null;
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long bytes = number(m.group(1));
    if (bytes < 0) {
      return null;
    }
    int percent = Integer.parseInt(m.group(2));
    if (m.group(5) == null) {
      return new Line(bytes, percent, m.group(3), m.group(4), -1, -1, -1, false);
    }
    long xfr = number(m.group(5));
    long left = number(m.group(7));
    long listed = number(m.group(8));
    if (xfr < 0 || left < 0 || listed < 0 || left > listed) {
      return null;
    }
    return new Line(bytes, percent, m.group(3), m.group(4), xfr, left, listed,
        "to".equals(m.group(6)));
  }

  /** Digits with grouping separators removed; -1 when unreadable or too long for a long. */
  private static long number(String s) {
    String digits = s.replace(",", "").replace(".", "");
    if (digits.isEmpty() || digits.length() > 18) {
      return -1;
    }
    return Long.parseLong(digits);
  }
}
