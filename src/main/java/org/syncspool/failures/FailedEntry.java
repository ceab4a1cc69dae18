package org.syncspool.failures;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One path a target could not take.
 *
 * @param time     when it was (last) given up on
 * @param target   the target id (as in the config description)
 * @param path     the path relative to the root, as bytes (empty = the whole root)
 * @param tree     true when the path must be synced with its subtree (a new directory)
 * @param exit     rsync's exit code of the last attempt
 * @param attempts rsync runs that carried this path, replays included
 * @param error    the end of rsync's stderr of the last attempt (short)
 */
// The path is bytes (names need not be UTF-8): equals, hashCode and the accessor below compare
// and copy its contents, which is what the check asks for.
@SuppressWarnings("ArrayRecordComponent")
public record FailedEntry(Instant time, String target, byte[] path, boolean tree, int exit,
                          int attempts, String error) {

  public FailedEntry {
    path = path.clone();
  }

  @Override
  public byte[] path() {
    return path.clone();
  }

  FailedEntry retried(Instant at, int exitCode, String err) {
    return new FailedEntry(at, target, path, tree, exitCode, attempts + 1, err);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FailedEntry e && time.equals(e.time) && target.equals(e.target)
        && Arrays.equals(path, e.path) && tree == e.tree && exit == e.exit
        && attempts == e.attempts && error.equals(e.error);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(path) * 31 + target.hashCode();
  }

  @Override
  public String toString() {
    return target + " " + (path.length == 0 ? "." : new String(path,
        java.nio.charset.StandardCharsets.UTF_8)) + (tree ? "/**" : "") + " exit " + exit
        + " attempts " + attempts;
  }
}
