package org.syncspool.config;

import java.nio.file.Path;

/**
 * Our {@code <syncspool>} extension block: the settings sersync never had.
 *
 * @param stateDir          default {@code /var/lib/syncspool}; {@code --state-dir} overrides
 * @param journalDir        default {@code stateDir/journal}
 * @param quietMillis       a worker that sees events still arriving waits this long for more (20)
 * @param maxDelayMillis    ...but never delays a batch longer than this (1000)
 * @param maxBatchPaths     paths per rsync run before the batch is cut (10000)
 * @param retryInitialMillis first backoff after a failed run (1000); doubles per failure
 * @param retryMaxMillis    backoff cap (300000 = 5 min); also how often a parked target is tried
 * @param batchAttempts     runs of a batch whose paths could not be written (exit 23, 11...)
 *                          before they go to the failed list (3)
 * @param fullSyncBacklog   journal records behind which a target gets one full sync instead of a
 *                          replay of every record (1,000,000)
 * @param retentionHours    journal cycles older than this are deleted once every target has
 *                          read them (72); a target whose backlog gets near it gets a full sync
 * @param parallel          sersync's {@code -n}: rsync processes per target (1)
 * @param watcher           inotify, fanotify or auto ({@link WatcherKind#INOTIFY})
 */
public record Engine(
    Path stateDir,
    Path journalDir,
    long quietMillis,
    long maxDelayMillis,
    int maxBatchPaths,
    long retryInitialMillis,
    long retryMaxMillis,
    int batchAttempts,
    long fullSyncBacklog,
    int retentionHours,
    int parallel,
    WatcherKind watcher) {

  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/syncspool");

  /** With the default watcher. */
  public Engine(Path stateDir, Path journalDir, long quietMillis, long maxDelayMillis,
                int maxBatchPaths, long retryInitialMillis, long retryMaxMillis,
                int batchAttempts, long fullSyncBacklog, int retentionHours, int parallel) {
    this(stateDir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths, retryInitialMillis,
        retryMaxMillis, batchAttempts, fullSyncBacklog, retentionHours, parallel,
        WatcherKind.AUTO);
  }

  public static Engine defaults() {
    return new Engine(DEFAULT_STATE_DIR, null, 20, 1000, 10_000, 1000, 300_000, 3, 1_000_000,
        72, 1, WatcherKind.AUTO);
  }

  /** The journal directory, defaulting under the state dir. */
  public Path journal() {
    return journalDir != null ? journalDir : stateDir.resolve("journal");
  }

  public Engine withStateDir(Path dir) {
    return new Engine(dir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths,
        retryInitialMillis, retryMaxMillis, batchAttempts, fullSyncBacklog, retentionHours,
        parallel, watcher);
  }

  public Engine withParallel(int n) {
    return new Engine(stateDir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths,
        retryInitialMillis, retryMaxMillis, batchAttempts, fullSyncBacklog, retentionHours, n,
        watcher);
  }

  /** A copy with another watcher (the {@code --watcher} option). */
  public Engine withWatcher(WatcherKind w) {
    return new Engine(stateDir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths,
        retryInitialMillis, retryMaxMillis, batchAttempts, fullSyncBacklog, retentionHours,
        parallel, w);
  }
}
