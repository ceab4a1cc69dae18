package org.syncspool.rsync;

/**
 * Reads rsync's {@code --stats} totals from its stdout, for the one log line per batch. Pure.
 * rsync 3.2+ groups digits by locale ({@code 1,234,567} or {@code 1.234.567}); a human-readable
 * size ({@code -hh} in commonParams: {@code 1.23M}) is not parsed and counts as unknown.
 */
public final class RsyncStats {
  private static final String SENT = "Total bytes sent:";

  private RsyncStats() {}

  /**
   * The sum of every {@code Total bytes sent:} line (a batch may be two runs), or -1 when there
   * is none or one is unreadable (e.g. stdout was cut short by a verbose commonParams).
   */
  public static long bytesSent(String stdout) {
    if (stdout == null) {
      return -1;
    }
    long total = 0;
    boolean found = false;
    for (int at = stdout.indexOf(SENT); at >= 0; at = stdout.indexOf(SENT, at + 1)) {
      int end = stdout.indexOf('\n', at);
      String v = stdout.substring(at + SENT.length(), end < 0 ? stdout.length() : end).strip()
          .replace(",", "").replace(".", "");
      if (v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 18) {
        return -1;
      }
      total += Long.parseLong(v);
      found = true;
    }
    return found ? total : -1;
  }
}
