package org.syncspool.check;

import org.syncspool.config.Target;

/**
 * rsync's exit code and stderr to a {@link Diagnosis} (a table, one test per row, like
 * {@code RsyncExit}). The messages are rsync 3.5.0's and OpenSSH's, checked by hand against a
 * loopback daemon and a refused ssh port; rsync's exit code alone cannot tell a wrong password from
 * an unknown module (both exit 5), its words can. Pure.
 */
public final class RsyncDiagnosis {
  private RsyncDiagnosis() {}

  /** Which rsync run of a check failed. */
  public enum Step { LIST, PROBE_WRITE, PROBE_REMOVE }

  /** A diagnosis and the one line of rsync's that supports it. */
  public record Finding(Diagnosis diagnosis, String detail) {}

  /** Row order matters: the first row whose words occur in stderr wins. */
  private record Row(String words, Diagnosis daemonOrLocal, Diagnosis ssh) {}

  private static final Row[] ROWS = {
    // authenticate.c: the client's own password file check (exit 1).
    new Row("password file must not be other-accessible", Diagnosis.PASSWORD_FILE_MODE, null),
    new Row("could not open password file", Diagnosis.PASSWORD_FILE_UNREADABLE, null),
    // The daemon's "@ERROR: ..." greeting replies (exit 5).
    new Row("@ERROR: Unknown module", Diagnosis.MODULE_UNKNOWN, null),
    new Row("@ERROR: auth failed", Diagnosis.AUTH_FAILED, null),
    new Row("@ERROR: access denied", Diagnosis.ACCESS_DENIED, null),
    new Row("@ERROR: max connections", Diagnosis.BUSY, null),
    // main.c, a push to a module with "read only = yes" (exit 1).
    new Row("module is read only", Diagnosis.READ_ONLY, null),
    // Name resolution: rsync's getaddrinfo, or ssh's.
    new Row("Could not resolve hostname", Diagnosis.HOST_UNKNOWN, Diagnosis.HOST_UNKNOWN),
    new Row("Name or service not known", Diagnosis.HOST_UNKNOWN, Diagnosis.HOST_UNKNOWN),
    new Row("Temporary failure in name resolution", Diagnosis.HOST_UNKNOWN, Diagnosis.HOST_UNKNOWN),
    new Row("No address associated with hostname", Diagnosis.HOST_UNKNOWN, Diagnosis.HOST_UNKNOWN),
    new Row("No route to host", Diagnosis.HOST_UNREACHABLE, Diagnosis.HOST_UNREACHABLE),
    new Row("Network is unreachable", Diagnosis.HOST_UNREACHABLE, Diagnosis.HOST_UNREACHABLE),
    new Row("Connection timed out", Diagnosis.HOST_UNREACHABLE, Diagnosis.HOST_UNREACHABLE),
    // Over ssh a refused port means no sshd there: ssh is not set up on that host (or port).
    new Row("Connection refused", Diagnosis.CONNECTION_REFUSED, Diagnosis.SSH_NOT_SET_UP),
    // OpenSSH: no key accepted, unknown host key, or something that is not sshd on the port.
    new Row("Permission denied (", null, Diagnosis.SSH_NOT_SET_UP),
    new Row("Host key verification failed", null, Diagnosis.SSH_NOT_SET_UP),
    new Row("kex_exchange_identification", null, Diagnosis.SSH_NOT_SET_UP),
    new Row("Failed to exec ssh", null, Diagnosis.SSH_NOT_SET_UP),
    // The remote shell could not run rsync.
    new Row("rsync: command not found", null, Diagnosis.RSYNC_MISSING_ON_TARGET),
    new Row("rsync: not found", null, Diagnosis.RSYNC_MISSING_ON_TARGET),
    // Receiver-side write failures (exit 23): mkstemp/mkdir refused.
    new Row("Permission denied", Diagnosis.NOT_WRITABLE, Diagnosis.NOT_WRITABLE),
    new Row("Read-only file system", Diagnosis.NOT_WRITABLE, Diagnosis.NOT_WRITABLE),
    new Row("No space left on device", Diagnosis.NOT_WRITABLE, Diagnosis.NOT_WRITABLE),
    new Row("Disk quota exceeded", Diagnosis.NOT_WRITABLE, Diagnosis.NOT_WRITABLE),
    // change_dir / link_stat of the destination while listing it.
    new Row("No such file or directory", Diagnosis.DESTINATION_MISSING,
        Diagnosis.DESTINATION_MISSING),
  };

  /**
   * What a failed check run means.
   *
   * @param mode     the target's mode (ssh failures read differently)
   * @param step     which run failed
   * @param exitCode rsync's exit code, not 0
   * @param stderr   rsync's stderr (its tail is enough)
   */
  public static Finding diagnose(Target.Mode mode, Step step, int exitCode, String stderr) {
    String err = stderr == null ? "" : stderr;
    if (step == Step.PROBE_REMOVE) {
      // The target took the write; whatever stops the delete, the probe is left behind.
      return new Finding(Diagnosis.PROBE_LEFT, detail(err, null, exitCode));
    }
    boolean ssh = mode == Target.Mode.SSH;
    for (Row row : ROWS) {
      Diagnosis d = ssh ? row.ssh() : row.daemonOrLocal();
      if (d != null && err.contains(row.words())) {
        return new Finding(d, detail(err, row.words(), exitCode));
      }
    }
    Diagnosis byCode = switch (exitCode) {
      // --contimeout / ssh ConnectTimeout passed without an answer.
      case 30, 35 -> Diagnosis.HOST_UNREACHABLE;
      case 23 -> step == Step.PROBE_WRITE ? Diagnosis.NOT_WRITABLE : Diagnosis.OTHER;
      // ssh's own exit code with words not in the table: still ssh, not rsync.
      case 255 -> ssh ? Diagnosis.SSH_NOT_SET_UP : Diagnosis.OTHER;
      case 127 -> ssh ? Diagnosis.RSYNC_MISSING_ON_TARGET : Diagnosis.OTHER;
      default -> Diagnosis.OTHER;
    };
    return new Finding(byCode, detail(err, null, exitCode));
  }

  /**
   * "rsync exit N: LINE" where LINE is stderr's line holding {@code words}, else its first
   * line that is not rsync's generic "rsync error: ... (code N)" summary.
   */
  static String detail(String stderr, String words, int exitCode) {
    String chosen = null;
    for (String line : stderr.replace("\r", "").split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (words != null && l.contains(words)) {
        chosen = l;
        break;
      }
      if (chosen == null && !l.startsWith("rsync error:")) {
        chosen = l;
      }
    }
    String head = "rsync exit " + exitCode;
    return chosen == null ? head : head + ": " + chosen;
  }
}
