package org.syncspool.worker;

import org.syncspool.rsync.RsyncExit;

/**
 * What a worker does with a batch after an rsync run: a pure table (outcome × failures so far ×
 * whether the batch can be split × whether a failed list exists × whether the target answers a
 * listing), tested cell by cell in {@code VerdictTest}. The worker only carries the steps out.
 *
 * <ul>
 *   <li>{@link Step#COMMIT}: the batch is on the target (exit 0, 24); the cursor moves.
 *   <li>{@link Step#BACK_OFF}: the target or the road to it is down; hold the cursor, back off.
 *   <li>{@link Step#RETRY}: the target answered but refused some paths (23, 11...): retry after
 *       a delay, {@code batchAttempts} times in all.
 *   <li>{@link Step#LIST_FAILED}: put the batch's paths on the failed list; the cursor moves. A
 *       full sync listed this way counts as done (its pending mark goes): only its failures wait.
 *   <li>{@link Step#SPLIT}: rsync refused the run as a whole (1, 2, 4) though the target answers:
 *       one path may be poison (a name the receiver rejects, a deletion an rsync version cannot
 *       take after an existing path). Bisect, so the rest is delivered and the poison isolated.
 *   <li>{@link Step#PARK}: the target itself is unusable with our settings (refused even a
 *       listing, or rsync cannot be run): retry only at the backoff cap, other targets go on.
 * </ul>
 */
public final class Verdict {
  private Verdict() {}

  /** The steps. */
  public enum Step { COMMIT, BACK_OFF, RETRY, LIST_FAILED, SPLIT, PARK }

  /**
   * Exit codes with which rsync refuses a run as a whole (syntax or usage, protocol, an action
   * not supported). Our settings can cause them for every run, but so can one path of a batch:
   * only a listing of the target tells which, so only for these is the target asked.
   */
  public static boolean asksTarget(int exitCode) {
    return exitCode == 1 || exitCode == 2 || exitCode == 4;
  }

  /**
   * What to do after one run of a batch.
   *
   * @param exitCode   rsync's exit code
   * @param failures   consecutive failed runs of this batch, this one included (1, 2, ...)
   * @param attempts   {@code batchAttempts}: runs of a refused batch before it is listed
   * @param splittable the batch has more than one path (a full sync never)
   * @param listable   the worker has a failed list
   * @param answers    the target answered a listing; looked at only when {@link #asksTarget}
   */
  public static Step decide(int exitCode, int failures, int attempts, boolean splittable,
                            boolean listable, boolean answers) {
    return switch (RsyncExit.classify(exitCode)) {
      case DONE -> Step.COMMIT;
      case UNREACHABLE -> Step.BACK_OFF;
      case BATCH_FAILED -> failures < attempts || !listable ? Step.RETRY : Step.LIST_FAILED;
      case FATAL -> {
        if (!asksTarget(exitCode) || !answers) {
          yield Step.PARK;
        }
        yield splittable ? Step.SPLIT : listable ? Step.LIST_FAILED : Step.PARK;
      }
    };
  }
}
