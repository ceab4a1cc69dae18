package org.syncspool.rsync;

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

  /**
   * As {@link #run(List, StdinWriter)}, and every line of stdout (ended by '\n' or '\r') is also
   * given to {@code lines} as it arrives, on another thread: how a full sync's
   * {@code --info=progress2} output is followed while it runs. Lines ended by '\r' (rsync's
   * progress updates) go only there, not into {@link Result#stdout}, so a long run's updates do
   * not push its {@code --stats} out of the capped stdout. This default feeds nothing: a fake
   * runner sees the same calls as before.
   */
  default Result run(List<String> argv, StdinWriter input, LineSink lines)
      throws IOException, InterruptedException {
    return run(argv, input);
  }

  /** Hears a child's stdout line by line (without its terminator); quick, never throws. */
  @FunctionalInterface
  interface LineSink {
    LineSink NONE = line -> { };

    void line(String line);
  }

  /**
   * Starts {@code argv} now and hands it its stdin later ({@link Started#finish}): a run split in
   * two, so a process can connect while nothing is decided yet (standby.StandbyRunner). This
   * default starts nothing until {@code finish}, which is then an ordinary {@link #run}: a fake
   * runner sees the same calls it would see without the split.
   */
  default Started start(List<String> argv) throws IOException {
    ProcessRunner self = this;
    return new Started() {
      @Override
      public Result finish(StdinWriter input) throws IOException, InterruptedException {
        return self.run(argv, input);
      }

      @Override
      public void cancel() {
        // Nothing was started.
      }

      @Override
      public boolean alive() {
        return true;
      }
    };
  }

  /** A process started by {@link #start}, waiting for its stdin. */
  interface Started {
    /**
     * Writes stdin from {@code input}, closes it, and waits for the exit, as {@link #run} does;
     * {@link Result#millis} counts from this call.
     */
    Result finish(StdinWriter input) throws IOException, InterruptedException;

    /**
     * Ends it without input: stdin is closed empty (rsync then has an empty file list, sends
     * nothing and exits 0), and it is killed if it does not exit in a few seconds.
     */
    void cancel();

    /** False once it has exited (it can only have failed: it had no input yet). */
    boolean alive();
  }

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
