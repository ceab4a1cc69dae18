package org.syncspool.rsync;

/**
 * What an rsync exit code means for a batch (a table, one test per cell: docs/architecture.md,
 * Failures and retries).
 *
 * <ul>
 *   <li>{@link #DONE}: the batch is on the target; the cursor moves.
 *   <li>{@link #UNREACHABLE}: the target (or the road to it) is the problem, not the paths: hold
 *       the cursor and back off. The journal is the backlog; nothing goes to the failed list.
 *   <li>{@link #BATCH_FAILED}: the target answered but some paths could not be written: retry a
 *       few times, then put the paths on the failed list and move on.
 *   <li>{@link #FATAL}: our configuration is wrong for this target (bad option, protocol): one
 *       clear log line, the target is parked (retried only at the backoff cap), others go on.
 * </ul>
 * Unknown codes are batch failures, never success. For contrast, lsyncd counts 23 and 24 as
 * success (dropping what 23 did not write) and its "die" class stops every target.
 */
public enum RsyncExit {
  DONE,
  UNREACHABLE,
  BATCH_FAILED,
  FATAL;

  public static RsyncExit classify(int code) {
    return switch (code) {
      case 0 -> DONE;
      // "some files vanished before they could be transferred": the vanishing was an event of
      // its own, journaled after this one, so a later batch covers the path.
      case 24 -> DONE;
      // Syntax or usage: an rsync option of the config (commonParams) the binary rejects, or a
      // client password file readable by others ("password file must not be other-accessible").
      case 1 -> FATAL;
      // Protocol incompatibility: the two rsync versions cannot talk; no retry fixes that.
      case 2 -> FATAL;
      // An option the server refuses ("refuse options" in rsyncd.conf).
      case 4 -> FATAL;
      // Errors selecting input/output files: with --files-from and missing-args handling the
      // source side never causes this; it is the destination directory itself that cannot be
      // entered (an unmounted backup disk, a module path gone). The target, not the batch.
      case 3 -> UNREACHABLE;
      // Error starting the client-server protocol: connection refused, module unknown, auth
      // failed, "max connections" reached. Some of these are config, but all are about the
      // target, none about the paths, and the last is transient: hold and back off.
      case 5 -> UNREACHABLE;
      // The daemon cannot append to its log file: the receiving server is in trouble.
      case 6 -> UNREACHABLE;
      case 10 -> UNREACHABLE; // socket I/O: connection lost or refused
      case 12 -> UNREACHABLE; // protocol data stream broke: the peer died mid-run (or its disk)
      // IPC: the child (ssh) could not be started or talked to.
      case 14 -> UNREACHABLE;
      // SIGUSR1/SIGINT: rsync was interrupted from outside; the batch itself was fine.
      case 20 -> UNREACHABLE;
      case 21 -> UNREACHABLE; // waitpid() failed: a local hiccup, not the paths
      case 30 -> UNREACHABLE; // timeout in data send/receive (timeout@time)
      case 35 -> UNREACHABLE; // timeout waiting for the daemon connection
      // Ssh's own exit code: host unreachable, key refused, connection reset.
      case 255 -> UNREACHABLE;
      case 11 -> BATCH_FAILED; // file I/O: some paths could not be read or written
      // Partial transfer: the target refused some paths (permissions, read-only dir, a name
      // the target filesystem cannot hold). Exactly what the failed list is for.
      case 23 -> BATCH_FAILED;
      // The --max-delete limit (the operator's own safety net) stopped deletions: the paths
      // wait on the failed list for a human instead of being forced through.
      case 25 -> BATCH_FAILED;
      // The sender ran out of memory for this batch's file list: a smaller replay may pass.
      case 22 -> BATCH_FAILED;
      // rsync not found or not executable: the installation, not the target.
      case 126, 127 -> FATAL;
      // 13 (program diagnostics) and anything unknown, including death by a signal (128+n):
      // treated as a batch failure, so the paths are retried and, if need be, listed.
      default -> BATCH_FAILED;
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
      case 126 -> "rsync not executable";
      case 127 -> "rsync not found";
      case 255 -> "unexplained error (often ssh)";
      default -> code > 128 && code < 160 ? "killed by signal " + (code - 128)
          : "unknown exit code";
    };
  }
}
