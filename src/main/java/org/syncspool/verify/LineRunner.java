package org.syncspool.verify;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.syncspool.rsync.ProcessRunner;

/**
 * Starts a process from an argv list and hands each stdout line to a consumer as it comes:
 * an audit of a big tree prints one line per difference, unbounded, where {@link ProcessRunner}
 * keeps only a capped head. The seam tests fake.
 */
public interface LineRunner {
  /**
   * Runs {@code argv} with stdin from {@code input}; {@code line} gets each stdout line's bytes
   * (without the newline). The result's stdout is empty; its stderr tail says why it failed.
   */
  ProcessRunner.Result run(List<String> argv, ProcessRunner.StdinWriter input,
                           Consumer<byte[]> line) throws IOException, InterruptedException;
}
