package org.syncspool.time;

import org.jspecify.annotations.Nullable;

/**
 * The one source of our threads and of their waits. Threads started here block only in a
 * {@link Waiter} made here (or in a child process), which is what lets a fake scheduler run them
 * one at a time against a fake ticker.
 */
public interface Scheduler extends Ticker {

  /** A thread of ours, started by {@link #start}. */
  interface Handle {
    /** Waits up to {@code millis} (real time) for the thread to end; true when it has. */
    boolean join(long millis) throws InterruptedException;

    boolean alive();

    /**
     * Waits up to {@code millis} for {@code h} to end (none: returns at once); an interrupt ends
     * the wait and is kept on the calling thread. For the {@code close()} of a thread's owner.
     */
    static void joinQuietly(@Nullable Handle h, long millis) {
      if (h == null) {
        return;
      }
      try {
        h.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code body} on a new thread called {@code name}. */
  Handle start(String name, Runnable body);

  /** A new waiter whose deadlines are on this scheduler's ticker. */
  Waiter waiter();
}
