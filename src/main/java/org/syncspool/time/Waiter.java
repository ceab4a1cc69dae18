package org.syncspool.time;

/**
 * Where one thread of ours blocks until another wakes it or a deadline passes: a permit, like
 * {@link java.util.concurrent.locks.LockSupport#park}, so a {@link #wake()} that comes before the
 * wait is not lost. Callers re-check their condition after every return (a return may also be
 * early); see {@code sync.Mailbox}.
 */
public interface Waiter {
  /** Forever, as a deadline. */
  long NEVER = Long.MAX_VALUE;

  /**
   * Returns when woken (consuming the permit), when the scheduler's ticker reaches
   * {@code deadlineNanos}, or early. Never throws for an interrupt.
   */
  void await(long deadlineNanos);

  /** Gives the permit; a thread blocked in {@link #await} returns. Any thread, never blocks. */
  void wake();
}
