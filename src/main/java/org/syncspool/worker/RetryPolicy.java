package org.syncspool.worker;

/**
 * Exponential backoff with jitter and a cap. Pure: the random draw comes in as an argument, so a
 * test can fix it (time and chance are arguments of a pure core).
 *
 * <p>Failure n waits {@code min(cap, initial * 2^(n-1))}, shortened by up to {@code jitter} of
 * itself. Jitter only shortens: the cap stays a true upper bound, and many daemons that lost the
 * same backup server do not come back at it in lockstep when it returns.
 *
 * @param initialMillis the first delay (default 1 s)
 * @param maxMillis     the cap (default 5 min)
 * @param jitter        fraction of the delay that is random, 0..1 (0.2)
 */
public record RetryPolicy(long initialMillis, long maxMillis, double jitter) {
  public static final double DEFAULT_JITTER = 0.2;

  public RetryPolicy {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("need 1 <= initial <= max: " + initialMillis + ", "
          + maxMillis);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be in 0..1: " + jitter);
    }
  }

  public RetryPolicy(long initialMillis, long maxMillis) {
    this(initialMillis, maxMillis, DEFAULT_JITTER);
  }

  /** The delay before the retry after {@code failures} consecutive failures (1, 2, ...). */
  public long delayMillis(int failures, double random) {
    return jittered(baseMillis(failures), random);
  }

  /** The delay without jitter: doubles per failure up to the cap, without overflowing. */
  public long baseMillis(int failures) {
    long d = initialMillis;
    for (int i = 1; i < failures && d < maxMillis; i++) {
      d = d > maxMillis / 2 ? maxMillis : d * 2;
    }
    return Math.min(d, maxMillis);
  }

  private long jittered(long base, double random) {
    double u = Math.min(Math.max(random, 0), 1);
    return Math.max(1, base - (long) (base * jitter * u));
  }
}
