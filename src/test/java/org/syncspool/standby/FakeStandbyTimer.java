package org.syncspool.standby;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Tasks on a fake clock: they run on the test's thread when it {@link #advance}s the clock. */
final class FakeStandbyTimer implements StandbyTimer {
  private record Task(long due, long seq, Runnable body) {}

  private final List<Task> tasks = new ArrayList<>();
  private long now;
  private long seq;
  private boolean closed;

  @Override
  public synchronized void schedule(long delayMillis, Runnable task) {
    if (!closed) {
      tasks.add(new Task(now + delayMillis, seq++, task));
    }
  }

  /** Moves the clock on by {@code millis}, running every task that falls due, in order. */
  void advance(long millis) {
    long until;
    synchronized (this) {
      until = now + millis;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> t.due() <= until)
            .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq)).orElse(null);
        if (next == null) {
          now = until;
          return;
        }
        tasks.remove(next);
        now = Math.max(now, next.due());
      }
      next.body().run();
    }
  }

  synchronized int pending() {
    return tasks.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }
}
