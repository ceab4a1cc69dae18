package org.syncspool.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code <syncspool><hook on command args timeout/>}: a program run (argv, never a shell)
 * when something happens to a target, with a JSON document about it on its stdin.
 *
 * @param on            what it runs for
 * @param command       absolute path of the program (checked executable at load)
 * @param args          its arguments, split like {@code commonParams} ('...' and "..." group)
 * @param timeoutMillis killed after this long
 */
public record Hook(Kind on, Path command, List<String> args, long timeoutMillis) {
  /** A hook runs at most this long unless its {@code timeout} says otherwise. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /** What a hook runs for; the lower-case name is the {@code on} attribute's value. */
  public enum Kind {
    /** A batch reached the target. */
    BATCH,
    /**
     * A batch's paths went to the failed list, or the target became unreachable (once per
     * outage, not per retry).
     */
    FAILURE,
    /** The target was parked (a fatal rsync error: options, protocol, no rsync). */
    PARKED,
    /** An audit found the target differing from the source. */
    DRIFT,
    /** A batch reached a target that was unreachable or parked. */
    RECOVERED;

    public String attribute() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Hook {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(command, "command");
    args = List.copyOf(args);
  }

  /** The argv: the command, then the arguments. */
  public List<String> argv() {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(command.toString());
    argv.addAll(args);
    return argv;
  }
}
