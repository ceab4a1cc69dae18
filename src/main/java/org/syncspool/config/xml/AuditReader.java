package org.syncspool.config.xml;

import java.time.Duration;
import org.syncspool.config.AuditSchedule;
import org.syncspool.config.ConfigException;

/** {@code <syncspool><verify start every checksum repair/>} to {@link AuditSchedule}, or null. */
final class AuditReader {
  /** Shorter than this, audits would keep a target's disk busy: not a schedule but a loop. */
  static final Duration MIN_EVERY = Duration.ofMinutes(1);

  private AuditReader() {}

  static AuditSchedule read(Values v, Dto.Verify el) throws ConfigException {
    if (el == null || !v.bool(el, "start", el.start, true)) {
      return null;
    }
    Duration every = duration(v, el, v.required(el, "every", el.every));
    return new AuditSchedule(every, v.bool(el, "checksum", el.checksum, false),
        v.bool(el, "repair", el.repair, false));
  }

  /** A number and a unit: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
  static Duration duration(Values v, Dto.Verify el, String text) throws ConfigException {
    String t = text.strip();
    Duration d = null;
    if (t.length() >= 2 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)
        && t.length() < 12) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      d = switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> null;
      };
    }
    if (d == null) {
      throw v.error(el, Values.show(el, "every", text)
          + ": a number and a unit (s, m, h or d), e.g. 24h");
    }
    if (d.compareTo(MIN_EVERY) < 0) {
      throw v.error(el, Values.show(el, "every", text) + ": at least 1m");
    }
    return d;
  }
}
