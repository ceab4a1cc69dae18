package org.syncspool.worker;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;

/**
 * Everything that can make a {@link TargetWorker} do something other than what it is doing:
 * the one place it waits. Each kind of mail is a flag (two full-sync requests before the worker
 * looks are one full sync); {@link Mail#STOP} stays set once posted. The worker says which mail
 * each wait is for: an idle wait takes almost any, a batching window only appends, flush and
 * stop, a backoff only stop; whatever a wait is not for stays in the box for later.
 *
 * <p>Posting is lock-free (the watcher posts {@link Mail#JOURNAL_GREW} on every append and must
 * never stall) and wakes the worker only when it waits for that mail. No lost wake-ups: a poster
 * sets the flag then reads what the worker waits for; the worker publishes what it waits for
 * then reads the flags; both are sequentially consistent, so one of them sees the other.
 */
public final class Mailbox {

  /** What can be posted. */
  public enum Mail {
    /** A full sync of the root ({@code -r}, {@code POST /full-sync}, a failed start-up scan). */
    FULL_SYNC(0),
    /** sersync's crontab: a full sync leaving out the crontab globs, cursor untouched. */
    PERIODIC_FULL_SYNC(1),
    /** Replay the failed list now. */
    REPLAY(2),
    /** Someone waits for everything to be on the target: send the batch being collected now. */
    FLUSH(3),
    /** Stop after the batch in flight; never taken. */
    STOP(4),
    /** The journal has records the worker may not have read. */
    JOURNAL_GREW(5),
    /** {@code syncspool pause} or {@code resume}: look at the pause again. */
    PAUSE_CHANGED(6),
    /** The big-file lane ({@link BigLane}) released a hold or ended: commit what may be. */
    LANE(7);

    /** This mail's bit in the mailbox's int (eight kinds: far below 32). */
    final int bit;

    Mail(int index) {
      this.bit = 1 << index;
    }
  }

  private final AtomicInteger pending = new AtomicInteger();
  private volatile int wanted;
  private final Scheduler scheduler;
  private final Waiter waiter;

  public Mailbox(Scheduler scheduler) {
    this.scheduler = scheduler;
    this.waiter = scheduler.waiter();
  }

  /** Any thread; never blocks. */
  public void post(Mail m) {
    int before;
    do {
      before = pending.get();
      if ((before & m.bit) != 0) {
        return; // already there: whoever put it there decided about waking
      }
    } while (!pending.compareAndSet(before, before | m.bit));
    if ((wanted & m.bit) != 0) {
      waiter.wake();
    }
  }

  public boolean has(Mail m) {
    return (pending.get() & m.bit) != 0;
  }

  /** Takes {@code m} out of the box; true if it was there. {@link Mail#STOP} is only looked at. */
  public boolean take(Mail m) {
    if (m == Mail.STOP) {
      return has(m);
    }
    int before;
    do {
      before = pending.get();
      if ((before & m.bit) == 0) {
        return false;
      }
    } while (!pending.compareAndSet(before, before & ~m.bit));
    return true;
  }

  /**
   * The worker's thread only: waits until one of {@code kinds} is in the box or the scheduler's
   * ticker reaches {@code deadlineNanos}. Takes nothing.
   *
   * @return what of {@code kinds} is in the box (empty: the deadline passed)
   */
  public Set<Mail> await(Set<Mail> kinds, long deadlineNanos) {
    int mask = 0;
    for (Mail m : kinds) {
      mask |= m.bit;
    }
    wanted = mask;
    try {
      while (true) {
        int got = pending.get() & mask;
        if (got != 0) {
          return decode(got);
        }
        if (deadlineNanos != Waiter.NEVER && deadlineNanos - scheduler.nanos() <= 0) {
          return EnumSet.noneOf(Mail.class);
        }
        waiter.await(deadlineNanos);
      }
    } finally {
      wanted = 0;
    }
  }

  private static Set<Mail> decode(int bits) {
    Set<Mail> s = EnumSet.noneOf(Mail.class);
    for (Mail m : Mail.values()) {
      if ((bits & m.bit) != 0) {
        s.add(m);
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "mailbox" + decode(pending.get());
  }
}
