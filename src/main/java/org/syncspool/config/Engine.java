package org.syncspool.config;

import java.nio.file.Path;

/**
 * Our {@code <syncspool>} extension block: the settings sersync never had.
 *
 * @param stateDir        default {@code /var/lib/syncspool}; {@code --state-dir} overrides
 * @param journalDir      default {@code stateDir/journal}
 * @param quietMillis     a worker that sees events still arriving waits this long for more (20)
 * @param maxDelayMillis  ...but never delays a batch longer than this (1000)
 * @param maxBatchPaths   paths per rsync run before the batch is cut (10000)
 * @param retryPauseMillis fixed pause before a failed batch is retried (2000)
 * @param parallel        sersync's {@code -n}: rsync processes per target (1)
 */
public record Engine(
    Path stateDir,
    Path journalDir,
    long quietMillis,
    long maxDelayMillis,
    int maxBatchPaths,
    long retryPauseMillis,
    int parallel) {

  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/syncspool");

  public static Engine defaults() {
    return new Engine(DEFAULT_STATE_DIR, null, 20, 1000, 10_000, 2000, 1);
  }

  /** The journal directory, defaulting under the state dir. */
  public Path journal() {
    return journalDir != null ? journalDir : stateDir.resolve("journal");
  }

  public Engine withStateDir(Path dir) {
    return new Engine(dir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths,
        retryPauseMillis, parallel);
  }

  public Engine withParallel(int n) {
    return new Engine(stateDir, journalDir, quietMillis, maxDelayMillis, maxBatchPaths,
        retryPauseMillis, n);
  }
}
