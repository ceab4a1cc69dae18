package org.syncspool.worker;

/**
 * A cheap check whether a target answers at all (a TCP connect to an rsync daemon or sshd),
 * so a worker backing off from an unreachable target notices its return within seconds instead
 * of at the end of a backoff that may have grown to minutes.
 */
@FunctionalInterface
public interface TargetProbe {
  /** No probe: backoff delays run their full length. */
  TargetProbe NONE = () -> true;

  /** True when the target accepts connections now; must return within about a second. */
  boolean reachable();
}
