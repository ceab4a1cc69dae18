package org.syncspool.sync;

/**
 * What an rsync exit code means for a batch. The full classification (unreachable targets held
 * with backoff, fatal config parking a target) belongs to the failover work; here the rule of
 * design.md section 5 holds: 0 and 24 are done, everything else is retried.
 */
public enum RsyncExit {
  DONE,
  RETRY;

  public static RsyncExit classify(int code) {
    return switch (code) {
      case 0 -> DONE;
      // "some files vanished before they could be transferred": a later event covers the path.
      case 24 -> DONE;
      default -> RETRY;
    };
  }

  /** rsync's own words for its exit codes (rsync(1) EXIT VALUES), for log lines. */
  public static String describe(int code) {
    return switch (code) {
      case 0 -> "success";
      case 1 -> "syntax or usage error";
      case 2 -> "protocol incompatibility";
      case 3 -> "errors selecting input/output files, dirs";
      case 4 -> "requested action not supported";
      case 5 -> "error starting client-server protocol";
      case 6 -> "daemon unable to append to log-file";
      case 10 -> "error in socket I/O";
      case 11 -> "error in file I/O";
      case 12 -> "error in rsync protocol data stream";
      case 13 -> "errors with program diagnostics";
      case 14 -> "error in IPC code";
      case 20 -> "received SIGUSR1 or SIGINT";
      case 21 -> "some error returned by waitpid()";
      case 22 -> "error allocating core memory buffers";
      case 23 -> "partial transfer due to error";
      case 24 -> "partial transfer due to vanished source files";
      case 25 -> "the --max-delete limit stopped deletions";
      case 30 -> "timeout in data send/receive";
      case 35 -> "timeout waiting for daemon connection";
      case 127 -> "rsync not found";
      case 255 -> "unexplained error (often ssh)";
      default -> "unknown exit code";
    };
  }
}
