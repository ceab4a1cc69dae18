package org.syncspool.standby;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where standby work runs later: starting a standby, retiring one at its age. The seam tests
 * fake (tasks on a fake clock, run when the test advances it). Tasks run one at a time.
 */
public interface StandbyTimer extends AutoCloseable {

  /** Runs {@code task} after {@code delayMillis} (0: as soon as possible). */
  void schedule(long delayMillis, Runnable task);

  /** Runs no more tasks; waits briefly for one in progress. */
  @Override
  void close();

  /** One daemon thread named {@code name}, on the system's monotonic clock. */
  static StandbyTimer threaded(String name) {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setRemoveOnCancelPolicy(true);
    return new StandbyTimer() {
      @Override
      public void schedule(long delayMillis, Runnable task) {
        try {
          // The future is not needed: the task reports its own outcome.
          ScheduledFuture<?> unused = pool.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
          // After close: nothing more runs.
        }
      }

      @Override
      public void close() {
        pool.shutdown();
        try {
          pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
