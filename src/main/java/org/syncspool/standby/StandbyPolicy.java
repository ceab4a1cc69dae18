package org.syncspool.standby;

import org.syncspool.config.Target;

/**
 * When a standby is replaced and how long to wait after one died. Pure: a table of its inputs
 * (StandbyPolicyTest).
 *
 * @param maxAgeMillis     a waiting standby is replaced at this age, before an idle timeout can
 *                         end its connection
 * @param backoffMillis    the wait before the next standby after the first death in a row
 * @param backoffMaxMillis the cap of that wait, doubled with each death in a row
 */
public record StandbyPolicy(long maxAgeMillis, long backoffMillis, long backoffMaxMillis) {
  /**
   * A waiting standby sends nothing, so the rsync daemon's {@code timeout} (rsyncd.conf) or an
   * idle ssh connection could end it; we cannot read the daemon's setting. 25 s is below the
   * 30 s that sersync-style setups use and costs one connection per 25 s while idle.
   */
  public static final long DEFAULT_MAX_AGE_MILLIS = 25_000;
  static final long BACKOFF_MILLIS = 1_000;
  static final long BACKOFF_MAX_MILLIS = 60_000;
  /** Never replaced more often than this, whatever the timeout. */
  static final long MIN_AGE_MILLIS = 1_000;

  public StandbyPolicy {
    if (maxAgeMillis < 1 || backoffMillis < 1 || backoffMaxMillis < backoffMillis) {
      throw new IllegalArgumentException("bad standby policy " + maxAgeMillis + "/"
          + backoffMillis + "/" + backoffMaxMillis);
    }
  }

  /**
   * For {@code target}: the default age, or half its client {@code --timeout} when that is
   * shorter (rsync's own keep-alives come at half the timeout; a standby never needs them).
   */
  public static StandbyPolicy of(Target target) {
    long age = DEFAULT_MAX_AGE_MILLIS;
    if (target.timeoutSeconds() != null && target.timeoutSeconds() > 0) {
      age = Math.min(age, Math.max(MIN_AGE_MILLIS, target.timeoutSeconds() * 1000L / 2));
    }
    return new StandbyPolicy(age, BACKOFF_MILLIS, BACKOFF_MAX_MILLIS);
  }

  /** The wait before the next standby after {@code deathsInARow} (0: none, start at once). */
  public long delayAfter(int deathsInARow) {
    if (deathsInARow <= 0) {
      return 0;
    }
    long d = backoffMillis;
    for (int i = 1; i < deathsInARow && d < backoffMaxMillis; i++) {
      d *= 2;
    }
    return Math.min(d, backoffMaxMillis);
  }
}
