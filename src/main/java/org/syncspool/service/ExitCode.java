package org.syncspool.service;

/**
 * Process exit codes, from sysexits.h where one fits, so the systemd unit can tell a config error
 * (do not restart) from a crash (restart).
 */
public enum ExitCode {
  OK(0),
  /** A runtime failure not covered below. */
  FAILURE(1),
  /** EX_USAGE: bad command-line arguments. */
  USAGE(64),
  /** EX_UNAVAILABLE: a required program or kernel facility is missing (rsync, inotify). */
  UNAVAILABLE(69),
  /** EX_SOFTWARE: a bug; the message says where. */
  SOFTWARE(70),
  /**
   * EX_TEMPFAIL: {@code replay} left entries on a failed list (or another replay held it), or
   * {@code flush} timed out (a target is behind or down); run it again later.
   */
  TEMPFAIL(75),
  /** EX_NOPERM: the control token in the state directory cannot be read (another user). */
  NOPERM(77),
  /**
   * EX_IOERR: the state directory's file system is full at start (issue 10 item 8); restarting
   * helps once there is space.
   */
  IOERR(74),
  /** EX_CANTCREAT: the state directory or journal cannot be created or opened. */
  CANTCREAT(73),
  /** EX_CONFIG: the configuration file is wrong; restarting will not help. */
  CONFIG(78);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
