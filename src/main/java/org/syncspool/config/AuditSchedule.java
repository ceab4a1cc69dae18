package org.syncspool.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Our {@code <syncspool><verify every checksum repair/>}: the daemon audits every target against
 * its source on a schedule ({@code syncspool verify}'s audit, one target at a time, at low CPU
 * and I/O priority). Absent from {@link Config} (null) when off, the default.
 *
 * @param every    time between the starts of two audits (the first one {@code every} after start)
 * @param checksum compare content by checksum too (reads every file on both sides)
 * @param repair   journal the drifted paths so the workers send them
 */
public record AuditSchedule(Duration every, boolean checksum, boolean repair) {
  public AuditSchedule {
    Objects.requireNonNull(every, "every");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be positive");
    }
  }

  /** {@code 24h}, {@code 90m}, {@code 45s}: the largest unit that divides it. */
  public static String show(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
