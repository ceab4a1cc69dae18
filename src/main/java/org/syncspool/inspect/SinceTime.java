package org.syncspool.inspect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code journal dump --since} accepts, as epoch milliseconds: an ISO-8601 instant or
 * offset time ({@code 2026-12-01T22:00:00Z}), a local date-time ({@code 2026-12-01T22:00} or
 * {@code 2026-12-01 22:00}, in {@code zone}), a date (its midnight in {@code zone}), or an age
 * ({@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}: that long before {@code nowMillis}).
 * Pure: the clock and the zone are arguments.
 */
public final class SinceTime {
  private SinceTime() {}

  /**
   * The time {@code text} names (a time, a date, or an age before {@code nowMillis}), in ms.
   *
   * @throws IllegalArgumentException with a message that names the accepted forms
   */
  public static long parse(String text, long nowMillis, ZoneId zone) {
    String s = text.trim();
    try {
      Long age = ageMillis(s);
      if (age != null) {
        return nowMillis - age;
      }
      if (s.endsWith("Z") || s.endsWith("z")) {
        return Instant.parse(s.toUpperCase(Locale.ROOT)).toEpochMilli();
      }
      if (s.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      }
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("--since " + text + ": not a time (2026-12-01T22:00:00Z, "
          + "2026-12-01 22:00, 2026-12-01) or an age (90s, 15m, 2h, 1d)");
    }
  }

  /** {@code 15m} and friends in milliseconds, or null when {@code s} is not an age. */
  static @Nullable Long ageMillis(String s) {
    if (!s.matches("\\d{1,9}[smhd]")) {
      return null;
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    long unit = switch (s.charAt(s.length() - 1)) {
      case 's' -> 1000L;
      case 'm' -> 60_000L;
      case 'h' -> 3_600_000L;
      default -> 86_400_000L;
    };
    return Math.multiplyExact(n, unit);
  }
}
