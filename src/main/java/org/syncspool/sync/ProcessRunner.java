package org.syncspool.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Starts a process from an argv list (never through a shell). The seam tests fake. */
public interface ProcessRunner {

  /**
   * Runs {@code argv}, feeding its stdin from {@code input} (then closing it), and waits for it.
   * Stdout and stderr are collected concurrently so a chatty child never blocks.
   */
  Result run(List<String> argv, StdinWriter input) throws IOException, InterruptedException;

  /** Writes a child's standard input. */
  @FunctionalInterface
  interface StdinWriter {
    StdinWriter NONE = out -> { };

    void write(OutputStream out) throws IOException;
  }

  /**
   * What a finished child left.
   *
   * @param exitCode    the child's exit status
   * @param stdout      the child's stdout (capped)
   * @param stderrTail  the last lines of stderr (capped), for one log line
   * @param millis      wall time
   */
  record Result(int exitCode, String stdout, String stderrTail, long millis) {}
}
