package org.syncspool.cli;

import java.io.IOException;
import java.util.List;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;

/** Checks once at start that rsync can be run, so its absence is one clear line, not a retry loop. */
final class Rsync {
  private Rsync() {}

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
