package org.syncspool.time;

/**
 * A monotonic clock in nanoseconds: for durations and deadlines, never for stamps (its origin is
 * arbitrary). Compare two readings by subtraction, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  long nanos();

  /** {@code millis} from now on this ticker; {@link Waiter#NEVER} for a huge {@code millis}. */
  default long deadlineAfterMillis(long millis) {
    return millis >= Long.MAX_VALUE / 4_000_000 ? Waiter.NEVER : nanos() + millis * 1_000_000;
  }
}
