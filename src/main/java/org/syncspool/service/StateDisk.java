package org.syncspool.service;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state directory's file system at start (issue 10 item 8): full, it ended in a stack trace
 * (Chronicle maps its files, and a page it cannot back is a SIGBUS, an InternalError). Now a
 * file system with less than {@link #MIN_FREE_BYTES} free, or a write that finds no space, is
 * one line and exit 74 (EX_IOERR), before anything of the journal is created or moved.
 */
final class StateDisk {
  /** A cycle file grows in 64 KiB chunks; this leaves room for a busy hour and the metadata. */
  static final long MIN_FREE_BYTES = 16L << 20;

  private StateDisk() {}

  /** Refuses to start when the state directory's file system is (nearly) full. */
  static void checkFree(Path stateDir) throws FatalException {
    long free;
    try {
      free = Files.getFileStore(stateDir).getUsableSpace();
    } catch (IOException e) {
      return; // cannot tell: opening the journal will say what is wrong
    }
    if (free < MIN_FREE_BYTES) {
      throw new FatalException(ExitCode.IOERR, "the file system of the state directory "
          + stateDir + " is full (" + free / 1024 + " KiB free, at least "
          + MIN_FREE_BYTES / 1024 / 1024 + " MiB needed); free space and start again");
    }
  }

  /**
   * The failure of {@code what} (opening the journal, writing the state directory) as one line:
   * exit 74 when the disk is full, 73 otherwise.
   */
  static FatalException fatal(String what, Throwable e) {
    if (full(e)) {
      return new FatalException(ExitCode.IOERR, what + ": no space left on the state "
          + "directory's file system; free space and start again", e);
    }
    return new FatalException(ExitCode.CANTCREAT, what + ": " + e.getMessage(), e);
  }

  static boolean full(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InternalError) {
        return true; // a mapped page that could not be backed
      }
      String reason = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
      if (reason != null && reason.contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }
}
