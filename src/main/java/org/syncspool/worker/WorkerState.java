package org.syncspool.worker;

/** Where a target's worker stands, for status, metrics and logs. */
public enum WorkerState {
  /** Started, nothing synced yet. */
  STARTING,
  /** Caught up, waiting for events. */
  IDLE,
  /** An rsync run is in flight. */
  SYNCING,
  /** The target is unreachable: the cursor is held and retries back off. */
  BACKING_OFF,
  /** A fatal (configuration) error: retried only at the backoff cap, other targets go on. */
  PARKED,
  /**
   * Paused by {@code syncspool pause}: no rsync runs, the cursor stays, the journal keeps
   * recording; it catches up on resume.
   */
  PAUSED,
  /** The worker's thread died; it is restarted after a backoff (see {@code Supervisor}). */
  RESTARTING,
  /** Stopped. */
  STOPPED
}
