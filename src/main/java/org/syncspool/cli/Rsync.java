package org.syncspool.cli;

import java.io.IOException;
import java.util.List;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;

/** Checks once at start that rsync can be run, so its absence is one clear line, not a retry loop. */
final class Rsync {
  private Rsync() {}

  /**
   * How every rsync we start runs: a daemon target that asks for a password while none is
   * configured must fail (exit 5, "auth failed"), not prompt on our terminal and hang a worker.
   * An RSYNC_PASSWORD the operator set is passed on; a --password-file wins over it in rsync.
   */
  static org.syncspool.rsync.SystemProcessRunner runner() {
    return new org.syncspool.rsync.SystemProcessRunner(environment());
  }

  /** What {@link #runner()} adds to a child's environment. */
  static java.util.Map<String, String> environment() {
    return System.getenv("RSYNC_PASSWORD") == null
        ? java.util.Map.of("RSYNC_PASSWORD", "") : java.util.Map.of();
  }

  static void requireInstalled() throws FatalException {
    try {
      Process p = new ProcessBuilder(List.of("rsync", "--version")).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (p.waitFor() != 0) {
        throw new FatalException(ExitCode.UNAVAILABLE, "rsync --version failed (exit " + p.exitValue() + ")");
      }
    } catch (IOException e) {
      throw new FatalException(ExitCode.UNAVAILABLE,
          "rsync not found in PATH; install it (apt-get install rsync / dnf install rsync)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FatalException(ExitCode.FAILURE, "interrupted");
    }
  }
}
