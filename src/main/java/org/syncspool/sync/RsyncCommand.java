package org.syncspool.sync;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Target;

/**
 * Builds rsync argv lists (never a shell string: design.md section 5). Pure.
 *
 * <p>Batch run: {@code rsync PARAMS (--no-r | -r [--delete]) --from0 --files-from=-
 * (--delete-missing-args --force | --ignore-missing-args) [--timeout=N] [--password-file=F]
 * [-e "ssh ..."] SRC/ DEST/}, the batch's paths NUL-separated on stdin.
 *
 * <p>Full sync: {@code rsync PARAMS -r [--delete --force] --from0 --exclude-from=- ... SRC/ DEST/}
 * with one anchored exclude rule per excluded path on stdin (our excludes are regexes, which
 * rsync cannot evaluate, so the daemon lists what they match).
 */
public final class RsyncCommand {
  private final String rsync;
  private final Target target;
  private final String source;
  private final List<String> periodicExcludes;

  /**
   * @param rsync  the rsync binary (a name looked up in PATH, or a path)
   * @param target where to
   * @param source the root directory
   */
  public RsyncCommand(String rsync, Target target, String source) {
    this(rsync, target, source, List.of());
  }

  /**
   * @param periodicExcludes sersync's {@code <crontabfilter>} rsync globs: left out of the
   *                         periodic full sync only (never out of a recovery full sync)
   */
  public RsyncCommand(String rsync, Target target, String source, List<String> periodicExcludes) {
    this.rsync = rsync;
    this.target = target;
    this.source = source.endsWith("/") ? source : source + "/";
    this.periodicExcludes = List.copyOf(periodicExcludes);
  }

  /** A run over the paths given on stdin; {@code recursive} sends listed directories whole. */
  public List<String> batch(boolean recursive) {
    return batch(recursive, null);
  }

  /**
   * As {@link #batch(boolean)}, with exclude rules read from {@code excludeFrom} (NUL-separated,
   * like stdin under --from0): a recursive run must not send what the filter excludes inside a
   * new subtree.
   */
  public List<String> batch(boolean recursive, Path excludeFrom) {
    List<String> argv = head();
    if (recursive) {
      argv.add("-r");
      if (target.delete()) {
        // Inside a listed directory, --delete removes what is no longer on the source.
        argv.add("--delete");
      }
    } else {
      // --files-from switches -a's recursion off, but an explicit -r in commonParams (sersync's
      // default is -artuz) would switch it back on and resend whole directories.
      argv.add("--no-r");
    }
    argv.add("--from0");
    if (excludeFrom != null) {
      argv.add("--exclude-from=" + excludeFrom);
    }
    argv.add("--files-from=-");
    if (target.delete()) {
      // A listed path missing on the source is deleted on the target; --force for non-empty dirs.
      argv.add("--delete-missing-args");
      argv.add("--force");
    } else {
      argv.add("--ignore-missing-args");
    }
    return tail(argv);
  }

  /**
   * Deletion only, inside the directories listed on stdin: {@code --existing --ignore-existing}
   * transfers nothing, {@code --delete} removes what the source no longer has, and the exclude
   * rules in {@code excludeFrom} (if any) protect excluded paths on the target. Used when a filter
   * forbids sending new subtrees with plain {@code -r}.
   */
  public List<String> deleteOnly(Path excludeFrom) {
    List<String> argv = head();
    argv.add("-r");
    argv.add("--existing");
    argv.add("--ignore-existing");
    argv.add("--delete");
    argv.add("--force");
    argv.add("--from0");
    if (excludeFrom != null) {
      argv.add("--exclude-from=" + excludeFrom);
    }
    argv.add("--files-from=-");
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * Reconciles the direct entries of the directories listed on stdin as {@code DIR/.} ("." for
   * the root): {@code -d} sends each listed directory's entries without recursing, and
   * {@code --delete} removes entries the source no longer has (verified by hand: a listed
   * {@code d} deletes nothing, {@code d/.} deletes inside d).
   */
  public List<String> listing() {
    List<String> argv = head();
    argv.add("--no-r");
    argv.add("-d");
    if (target.delete()) {
      argv.add("--delete");
      argv.add("--force");
    }
    argv.add("--from0");
    argv.add("--files-from=-");
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /** Whole-root sync with exclude rules on stdin ({@link #excludeRule}). */
  public List<String> fullSync() {
    return fullSync(false);
  }

  /**
   * As {@link #fullSync()}; {@code periodic} (sersync's crontab) also leaves out the
   * {@code crontabfilter} globs. With deletes on, {@code --delete} does not delete what an
   * exclude matches on the target (rsync protects excluded files), as sersync did.
   */
  public List<String> fullSync(boolean periodic) {
    List<String> argv = head();
    if (periodic) {
      for (String glob : periodicExcludes) {
        argv.add("--exclude=" + glob);
      }
    }
    argv.add("-r");
    if (target.delete()) {
      argv.add("--delete");
      argv.add("--force");
    }
    argv.add("--from0");
    argv.add("--exclude-from=-");
    return tail(argv);
  }

  private List<String> head() {
    List<String> argv = new ArrayList<>();
    argv.add(rsync);
    argv.addAll(target.params());
    return argv;
  }

  private List<String> tail(List<String> argv) {
    // Totals on stdout (a few lines, at the end): the per-batch log line reports bytes sent.
    argv.add("--stats");
    if (target.timeoutSeconds() != null) {
      argv.add("--timeout=" + target.timeoutSeconds());
    }
    if (target.mode() == Target.Mode.DAEMON
        && target.params().stream().noneMatch(p -> p.startsWith("--sockopts"))) {
      // rsync leaves Nagle on, and small batches then wait for delayed ACKs in 40 ms steps: a
      // one-file batch to a loopback daemon took 134-142 ms, with this 49-51 ms (8 ms when the
      // daemon also sets "socket options = TCP_NODELAY"); measured by hand, rsync 3.5.0.
      argv.add("--sockopts=TCP_NODELAY");
    }
    if (target.mode() == Target.Mode.DAEMON && target.passwordFile() != null) {
      // The file's path, never the password, is on the command line.
      argv.add("--password-file=" + target.passwordFile());
    }
    if (target.mode() == Target.Mode.SSH) {
      argv.add("-e");
      argv.add(sshCommand());
    }
    argv.add(source);
    argv.add(destination());
    return argv;
  }

  /** rsync splits -e's value into words itself; no shell is involved. */
  public String sshCommand() {
    StringBuilder sb = new StringBuilder("ssh");
    if (target.port() != null) {
      sb.append(" -p ").append(target.port());
    }
    // A daemon must never sit at a password prompt.
    sb.append(" -o BatchMode=yes");
    return sb.toString();
  }

  /** The destination argument, ending in a slash. */
  public String destination() {
    return switch (target.mode()) {
      case LOCAL -> slash(target.localPath().toString());
      case DAEMON -> "rsync://" + userAt() + hostForUrl() + (target.port() != null ? ":" + target.port() : "")
          + "/" + slash(target.module());
      case SSH -> userAt() + hostForSsh() + ":" + slash(target.module());
    };
  }

  private String userAt() {
    return target.user() == null || target.user().isEmpty() ? "" : target.user() + "@";
  }

  private String hostForUrl() {
    String h = target.host();
    return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  private String hostForSsh() {
    return hostForUrl();
  }

  private static String slash(String s) {
    return s.endsWith("/") ? s : s + "/";
  }

  /**
   * An rsync exclude rule matching exactly {@code path} (relative to the transfer root):
   * anchored with a leading slash; when the name holds a wildcard character, rsync treats
   * backslashes as escapes, so {@code * ? [} and backslash itself are escaped (verified by hand:
   * {@code - /a\*b} excludes {@code a*b} and not {@code aXb}).
   */
  public static byte[] excludeRule(byte[] path) {
    boolean wild = false;
    for (byte b : path) {
      if (b == '*' || b == '?' || b == '[') {
        wild = true;
        break;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length + 8);
    out.write('-');
    out.write(' ');
    out.write('/');
    for (byte b : path) {
      if (wild && (b == '*' || b == '?' || b == '[' || b == '\\')) {
        out.write('\\');
      }
      out.write(b);
    }
    return out.toByteArray();
  }
}
