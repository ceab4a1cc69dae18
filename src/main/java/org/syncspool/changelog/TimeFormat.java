package org.syncspool.changelog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * strftime-style time formats with the tokens an inotifywait {@code --timefmt} recipe uses:
 * {@code %Y %m %d %H %M %S} and {@code %%}. The config loader has already refused any other
 * token. Pure: the time and the zone are arguments.
 */
public final class TimeFormat {
  private final String pattern;

  public TimeFormat(String pattern) {
    this.pattern = pattern;
  }

  public String format(long epochMillis, ZoneId zone) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
    StringBuilder sb = new StringBuilder(pattern.length() + 8);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 == pattern.length()) {
        sb.append(c);
        continue;
      }
      char token = pattern.charAt(++i);
      switch (token) {
        case 'Y' -> sb.append(t.getYear());
        case 'm' -> two(sb, t.getMonthValue());
        case 'd' -> two(sb, t.getDayOfMonth());
        case 'H' -> two(sb, t.getHour());
        case 'M' -> two(sb, t.getMinute());
        case 'S' -> two(sb, t.getSecond());
        case '%' -> sb.append('%');
        default -> sb.append('%').append(token); // not reached: the loader refuses it
      }
    }
    return sb.toString();
  }

  private static void two(StringBuilder sb, int n) {
    if (n < 10) {
      sb.append('0');
    }
    sb.append(n);
  }
}
