package org.syncspool.worker;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.syncspool.worker.Mailbox.Mail;
import org.syncspool.time.Scheduler;

/**
 * A worker's pause ({@code syncspool pause [--for]}): while it lasts the worker runs no rsync and
 * leaves its cursor where it is, so the journal's records wait for it (retention never deletes
 * what a configured cursor has not read) and it catches up on resume. Set from any thread; the
 * worker looks at it between batches.
 */
public final class Pause {
  /** Paused until resumed. */
  public static final long FOREVER = Long.MAX_VALUE;
  private static final Set<Mail> WAKES = EnumSet.of(Mail.PAUSE_CHANGED, Mail.STOP);

  private final LongSupplier wallClock;
  private volatile Runnable changed = () -> { };
  /** Wall-clock millis until which it is paused; 0: not paused. */
  private volatile long until;

  public Pause(LongSupplier wallClock) {
    this.wallClock = wallClock;
  }

  /** The worker's wake-up, called on every change; returns this. */
  Pause wakes(Runnable onChange) {
    changed = onChange;
    return this;
  }

  /** Pauses until wall-clock {@code untilMillis} ({@link #FOREVER}: until resumed). */
  public void until(long untilMillis) {
    until = untilMillis;
    changed.run();
  }

  public void resume() {
    until(0);
  }

  /** Until when it is paused (wall clock; {@link #FOREVER}), 0 when it is not (any more). */
  public long until() {
    long u = until;
    return u != 0 && wallClock.getAsLong() < u ? u : 0;
  }

  long leftMillis() {
    long u = until();
    return u == 0 ? 0 : u - wallClock.getAsLong();
  }

  /**
   * The worker's thread, between batches: false when not paused; else {@code paused} is told
   * and it waits for a resume, a stop, the pause's end or {@code maxMillis}, then true.
   */
  boolean hold(Runnable paused, Mailbox mailbox, Scheduler scheduler, long maxMillis) {
    if (leftMillis() <= 0) {
      return false;
    }
    paused.run();
    mailbox.await(WAKES, scheduler.deadlineAfterMillis(Math.min(leftMillis(), maxMillis)));
    mailbox.take(Mail.PAUSE_CHANGED);
    return true;
  }
}
