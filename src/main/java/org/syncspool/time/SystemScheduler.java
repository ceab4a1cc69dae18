package org.syncspool.time;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real threads, {@link System#nanoTime()}, and waiters on a lock's condition. */
public final class SystemScheduler implements Scheduler {
  public static final SystemScheduler INSTANCE = new SystemScheduler();
  private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

  private SystemScheduler() {}

  @Override
  public long nanos() {
    return System.nanoTime();
  }

  @Override
  public Handle start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.start();
    return new Handle() {
      @Override
      public boolean join(long millis) throws InterruptedException {
        t.join(millis);
        return !t.isAlive();
      }

      @Override
      public boolean alive() {
        return t.isAlive();
      }
    };
  }

  @Override
  public Waiter waiter() {
    return new SystemWaiter();
  }

  private static final class SystemWaiter implements Waiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean permit;

    @Override
    public void await(long deadlineNanos) {
      lock.lock();
      try {
        while (!permit) {
          try {
            if (deadlineNanos == NEVER) {
              woken.await();
            } else {
              long left = deadlineNanos - System.nanoTime();
              if (left <= 0) {
                return;
              }
              woken.awaitNanos(left);
            }
          } catch (InterruptedException e) {
            // Nothing of ours interrupts (we stop and wake through mailboxes): somebody else's
            // interrupt must neither stop the thread nor make this wait spin. Return early; the
            // caller re-checks its condition and waits again.
            log.warn("thread {} was interrupted; ignored (stop it through its mailbox)",
                Thread.currentThread().getName());
            return;
          }
        }
        permit = false;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void wake() {
      lock.lock();
      try {
        permit = true;
        woken.signal();
      } finally {
        lock.unlock();
      }
    }
  }
}
