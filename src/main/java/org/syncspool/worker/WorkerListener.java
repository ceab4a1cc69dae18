package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.rsync.RsyncExit;
import java.util.List;
import org.syncspool.config.Target;
import org.slf4j.LoggerFactory;

/**
 * What a {@link TargetWorker} tells the rest of the daemon (metrics, the change list, status).
 * Called on the worker's own thread (and its big-file lane's, one at a time): an implementation must be quick and must not throw (a throw
 * is logged and ignored, never allowed to stop replication).
 */
public interface WorkerListener {
  WorkerListener NONE = new WorkerListener() { };

  /** Tells each of {@code listeners} in turn; a listener that throws is logged and skipped. */
  static WorkerListener all(List<WorkerListener> listeners) {
    List<WorkerListener> copy = List.copyOf(listeners);
    return new WorkerListener() {
      @Override
      public void batchEnded(BatchReport report) {
        for (WorkerListener l : copy) {
          try {
            l.batchEnded(report);
          } catch (RuntimeException e) {
            LoggerFactory.getLogger(WorkerListener.class).warn("listener {} failed", l, e);
          }
        }
      }

      @Override
      public void stateChanged(Target target, WorkerState state, String reason) {
        for (WorkerListener l : copy) {
          try {
            l.stateChanged(target, state, reason);
          } catch (RuntimeException e) {
            LoggerFactory.getLogger(WorkerListener.class).warn("listener {} failed", l, e);
          }
        }
      }

      @Override
      public void committed(Target target, long index) {
        for (WorkerListener l : copy) {
          try {
            l.committed(target, index);
          } catch (RuntimeException e) {
            LoggerFactory.getLogger(WorkerListener.class).warn("listener {} failed", l, e);
          }
        }
      }
    };
  }

  /**
   * {@code l}, called by one thread at a time: a target with a big-file lane reports from the
   * worker's thread and the lane's.
   */
  static WorkerListener serialized(WorkerListener l) {
    return new WorkerListener() {
      @Override
      public synchronized void batchEnded(BatchReport report) {
        l.batchEnded(report);
      }

      @Override
      public synchronized void stateChanged(Target target, WorkerState state, String reason) {
        l.stateChanged(target, state, reason);
      }

      @Override
      public synchronized void committed(Target target, long index) {
        l.committed(target, index);
      }
    };
  }

  /**
   * One attempt at a batch ended, successfully or not; called after the outcome is known and
   * before the cursor moves.
   */
  default void batchEnded(BatchReport report) { }

  /** The worker's state changed; {@code reason} is a short phrase for logs and status. */
  default void stateChanged(Target target, WorkerState state, String reason) { }

  /** The cursor was committed; {@code index} is its {@code Cursor.committedIndex()} now. */
  default void committed(Target target, long index) { }

  /**
   * One batch's outcome, after its rsync runs.
   *
   * @param target      the target
   * @param batch       what was synced
   * @param exitCode    rsync's exit code (of the first failing run, or of the last run)
   * @param outcome     {@link RsyncExit#classify} of it
   * @param attempt     1 for the first try of this batch, then 2, 3, ...
   * @param gaveUp      true when the paths went to the failed list after this attempt
   * @param startMillis when the rsync run(s) started (wall clock)
   * @param endMillis   when they ended
   * @param stderrTail  the end of rsync's stderr, for failures
   * @param bytesSent   bytes rsync sent (its {@code --stats}), -1 when unknown
   */
  record BatchReport(Target target, Batch batch, int exitCode, RsyncExit outcome, int attempt,
                     boolean gaveUp, long startMillis, long endMillis, String stderrTail,
                     long bytesSent) {
    /** Without the byte count (unknown). */
    public BatchReport(Target target, Batch batch, int exitCode, RsyncExit outcome, int attempt,
                       boolean gaveUp, long startMillis, long endMillis, String stderrTail) {
      this(target, batch, exitCode, outcome, attempt, gaveUp, startMillis, endMillis, stderrTail,
          -1);
    }

    public boolean succeeded() {
      return outcome == RsyncExit.DONE;
    }

    public long millis() {
      return endMillis - startMillis;
    }
  }
}
