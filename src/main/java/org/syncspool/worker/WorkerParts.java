package org.syncspool.worker;

import org.syncspool.batch.Coalescer;
import org.syncspool.transfer.BatchRuns;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.function.LongSupplier;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.failures.TargetFailures;
import org.syncspool.journal.Journal;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.time.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TargetWorker} needs, given at construction (nothing is set afterwards).
 * {@link #of} takes the required parts; the {@code with} methods return copies with an optional
 * one replaced.
 *
 * @param scheduler    its thread, its waits and its monotonic time (windows, backoffs, replays)
 * @param wallClock    epoch milliseconds, for stamps only (lag, the failed list, reports)
 * @param failures     where batches given up on go, and their replays (null: a failing batch
 *                     is retried forever)
 * @param probe        tells that an unreachable target answers again
 * @param pendingFullSync a durable "needs a full sync" mark (null: none): while the file exists
 *                     the worker begins with a full sync; it goes when one is done
 * @param listener     hears about batches and state changes (on the worker's thread)
 * @param random       the backoff's jitter draws (a test fixes them)
 * @param pause        its pause ({@code syncspool pause}), held by whoever pauses it
 * @param progress     where its full syncs' progress goes (the daemon's board, read by the
 *                     progress log line, status and metrics); by default a board of its own
 * @param bigLane      the target's big-file lane (docs/architecture.md, Two lanes); null: none
 */
public record WorkerParts(Target target, Journal journal, Coalescer coalescer, BatchRuns runs,
                          Engine engine, Scheduler scheduler, LongSupplier wallClock,
                          @Nullable TargetFailures failures,
                          TargetProbe probe, @Nullable Path pendingFullSync,
                          WorkerListener listener,
                          RandomGenerator random, Pause pause, ProgressBoard progress,
                          @Nullable BigLaneParts bigLane) {

  /**
   * A big-file lane's own parts.
   *
   * @param runs      its batches' runs: a plain runner of its own, never the standby (which
   *                  the small lane's next batch needs)
   * @param threshold a regular file above this many bytes goes through the lane
   * @param sizer     lstat of a batch's path (relative to the root): a regular file's size, -1
   *                  for anything else (gone, a directory, a symlink)
   * @param stopWaitMillis how long a stop waits for the lane's transfer in flight before the
   *                  worker ends without it (its file is sent again at the next start)
   */
  public record BigLaneParts(BatchRuns runs, long threshold, Sizer sizer, long stopWaitMillis) {
    /** A stop waits up to 30 s for the big transfer in flight: half the daemon's stop wait. */
    public static final long STOP_WAIT_MILLIS = 30_000;

    public BigLaneParts(BatchRuns runs, long threshold, Sizer sizer) {
      this(runs, threshold, sizer, STOP_WAIT_MILLIS);
    }
  }

  /** lstat's size of a regular file; -1 for anything else. */
  @FunctionalInterface
  public interface Sizer {
    long regularSize(org.syncspool.batch.PathKey path);
  }

  public static WorkerParts of(Target target, Journal journal, Coalescer coalescer,
                               BatchRuns runs, Engine engine, Scheduler scheduler,
                               LongSupplier wallClock) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock, null,
        TargetProbe.NONE, null, WorkerListener.NONE, new SplittableRandom(),
        new Pause(wallClock), new ProgressBoard(scheduler), null);
  }

  public WorkerParts withFailures(TargetFailures f) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock, f,
        probe, pendingFullSync, listener, random, pause, progress, bigLane);
  }

  public WorkerParts withProbe(TargetProbe p) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, p, pendingFullSync, listener, random, pause, progress, bigLane);
  }

  public WorkerParts withPendingFullSync(Path marker) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, marker, listener, random, pause, progress, bigLane);
  }

  public WorkerParts withListener(WorkerListener l) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, pendingFullSync, l, random, pause, progress, bigLane);
  }

  public WorkerParts withRandom(RandomGenerator r) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, pendingFullSync, listener, r, pause, progress, bigLane);
  }

  public WorkerParts withPause(Pause p) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, pendingFullSync, listener, random, p, progress, bigLane);
  }

  public WorkerParts withProgress(ProgressBoard b) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, pendingFullSync, listener, random, pause, b, bigLane);
  }

  /** With a big-file lane; null (the lane turned off): without. */
  public WorkerParts withBigLane(@Nullable BigLaneParts lane) {
    return new WorkerParts(target, journal, coalescer, runs, engine, scheduler, wallClock,
        failures, probe, pendingFullSync, listener, random, pause, progress, lane);
  }
}
