package org.syncspool.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;

/**
 * A {@link Scheduler} whose time moves only when the test says so, in the spirit of OkHttp's
 * TaskFaker: the threads it starts are real, but they run one at a time and only while the test
 * thread hands over control ({@link #runUntilIdle}, {@link #advanceBy}); the test thread is
 * blocked meanwhile. A thread gives control back when it waits on one of this scheduler's
 * {@link Waiter}s or ends. So "a full-sync request during a backoff" is: advance to inside the
 * backoff, post the request, advance past its end; every step is at an exact fake time, with no
 * sleep and no polling.
 *
 * <p>A thread that blocks anywhere else (a gated fake runner) would hold the test forever; the
 * hand-over gives up after {@link #STUCK_SECONDS} real seconds and fails the test instead. An
 * exception that ends a thread is rethrown to the test by the next call that runs threads.
 */
public final class FakeScheduler implements Scheduler {
  static final long STUCK_SECONDS = 30;

  private enum State { READY, RUNNING, WAITING, DONE }

  private final class Task {
    final String name;
    State state = State.READY;
    long deadline;
    FakeWaiter waitingOn;
    Thread thread;

    Task(String name) {
      this.name = name;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Task> tasks = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private long now;
  /** The task that runs now; null: the test thread runs. */
  private Task running;

  @Override
  public long nanos() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }

  /** Fake time in milliseconds since the scheduler was made. */
  public long millis() {
    return TimeUnit.NANOSECONDS.toMillis(nanos());
  }

  @Override
  public Handle start(String name, Runnable body) {
    Task t = new Task(name);
    Thread thread = new Thread(() -> {
      handedOver(t);
      try {
        body.run();
      } catch (Throwable e) {
        lock.lock();
        try {
          failures.add(new AssertionError("thread " + name + " died", e));
        } finally {
          lock.unlock();
        }
      } finally {
        lock.lock();
        try {
          t.state = State.DONE;
          running = null;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }, name);
    thread.setDaemon(true);
    t.thread = thread;
    lock.lock();
    try {
      tasks.add(t);
    } finally {
      lock.unlock();
    }
    thread.start();
    return new Handle() {
      @Override
      public boolean join(long millis) {
        runUntilIdle();
        return !alive();
      }

      @Override
      public boolean alive() {
        lock.lock();
        try {
          return t.state != State.DONE;
        } finally {
          lock.unlock();
        }
      }
    };
  }

  /** Blocks a task's thread until the test thread hands control to it. */
  private void handedOver(Task t) {
    lock.lock();
    try {
      while (running != t) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Waiter waiter() {
    return new FakeWaiter();
  }

  private final class FakeWaiter implements Waiter {
    private boolean permit;

    @Override
    public void await(long deadlineNanos) {
      lock.lock();
      try {
        Task t = running;
        if (t == null || t.thread != Thread.currentThread()) {
          throw new IllegalStateException("only a thread of this scheduler may wait on it");
        }
        if (permit) {
          permit = false;
          return;
        }
        if (deadlineNanos != NEVER && deadlineNanos - now <= 0) {
          return;
        }
        t.state = State.WAITING;
        t.deadline = deadlineNanos;
        t.waitingOn = this;
        running = null;
        changed.signalAll();
        while (running != t) {
          changed.awaitUninterruptibly();
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
        for (Task t : tasks) {
          if (t.state == State.WAITING && t.waitingOn == this) {
            t.state = State.READY;
            t.waitingOn = null;
            return;
          }
        }
        permit = true;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Runs every thread that can run at the current fake time until each waits or has ended. */
  public void runUntilIdle() {
    lock.lock();
    try {
      checkTestThread();
      while (true) {
        Task next = null;
        for (Task t : tasks) {
          if (t.state == State.READY) {
            next = t;
            break;
          }
        }
        if (next == null) {
          break;
        }
        next.state = State.RUNNING;
        running = next;
        changed.signalAll();
        long left = TimeUnit.SECONDS.toNanos(STUCK_SECONDS);
        while (running != null) {
          if (left <= 0) {
            throw new AssertionError("thread " + next.name + " blocked outside the scheduler");
          }
          try {
            left = changed.awaitNanos(left);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError("a scheduler thread failed", failures.get(0));
        failures.clear();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves fake time forward by {@code millis}, running each wait that ends on the way, in order. */
  public void advanceBy(long millis) {
    advanceTo(nanos() + TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** Moves fake time to {@code target} nanoseconds, running every thread due on the way. */
  public void advanceTo(long target) {
    runUntilIdle();
    while (true) {
      lock.lock();
      try {
        Task first = null;
        for (Task t : tasks) {
          if (t.state == State.WAITING && t.deadline != Waiter.NEVER
              && t.deadline - target <= 0 && (first == null || t.deadline < first.deadline)) {
            first = t;
          }
        }
        if (first == null) {
          now = Math.max(now, target);
          return;
        }
        now = Math.max(now, first.deadline);
        for (Task t : tasks) {
          if (t.state == State.WAITING && t.deadline == first.deadline) {
            t.state = State.READY;
            t.waitingOn = null;
          }
        }
      } finally {
        lock.unlock();
      }
      runUntilIdle();
    }
  }

  /** The earliest deadline any thread waits for, in fake millis; -1 when none. */
  public long nextDeadlineMillis() {
    lock.lock();
    try {
      long best = Long.MAX_VALUE;
      for (Task t : tasks) {
        if (t.state == State.WAITING && t.deadline != Waiter.NEVER) {
          best = Math.min(best, t.deadline);
        }
      }
      return best == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(best);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread called {@code name} has ended. */
  public boolean ended(String name) {
    lock.lock();
    try {
      return tasks.stream().anyMatch(t -> t.name.equals(name) && t.state == State.DONE);
    } finally {
      lock.unlock();
    }
  }

  private void checkTestThread() {
    if (running != null) {
      throw new IllegalStateException("runUntilIdle called from a scheduler thread");
    }
  }
}
