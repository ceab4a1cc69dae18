package org.syncspool.journal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets idle workers sleep until the watcher appends. The watcher pays one atomic increment per
 * append and takes the lock only while somebody is waiting: it is the thread that must never
 * stall (docs/architecture.md, The watcher's hot path).
 *
 * <p>No lost wake-ups: {@link #appended()} writes the count then reads the waiter count; a
 * waiter writes the waiter count then reads the count (both under the lock it signals with).
 * Atomics are sequentially consistent, so at least one side sees the other's write.
 */
final class AppendSignal {
  private final AtomicLong count = new AtomicLong();
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean closed;

  /** Called by the appending thread after each record. */
  void appended() {
    count.incrementAndGet();
    if (waiters.get() > 0) {
      wakeAll();
    }
  }

  long count() {
    return count.get();
  }

  /** Returns when {@link #count()} passed {@code seen}, the timeout passed, or on close. */
  void await(long seen, long timeout, TimeUnit unit) throws InterruptedException {
    if (count.get() > seen || closed) {
      return;
    }
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      waiters.incrementAndGet();
      try {
        while (count.get() <= seen && !closed && nanos > 0) {
          nanos = changed.awaitNanos(nanos);
        }
      } finally {
        waiters.decrementAndGet();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Releases every waiter now and every later {@link #await} at once: the journal is closing. */
  void close() {
    closed = true;
    wakeAll();
  }

  private void wakeAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
