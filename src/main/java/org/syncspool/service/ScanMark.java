package org.syncspool.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code STATEDIR/scan-pending}: the start-up scan's "since" while the scan runs. The scan runs
 * beside the watcher and the workers (service.Daemon), so live events move the journal's last
 * record on; a daemon stopped or killed before the scan ended would otherwise scan from that
 * newer time at its next start and never look for what changed during the first outage. The
 * next start scans from the older of the two; a scan that ends clears the mark.
 */
final class ScanMark {
  static final String FILE = "scan-pending";

  private final Path file;

  ScanMark(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  /**
   * Where the scan must start: {@code since}, or the mark's time when older. A mark that cannot
   * be read as a number is ignored (it was cut short by a crash while being written, which the
   * rename below prevents, or written by hand).
   */
  long since(long since) {
    try {
      long m = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
      return Math.min(since, m);
    } catch (NoSuchFileException e) {
      return since;
    } catch (IOException | NumberFormatException e) {
      return since;
    }
  }

  /** Before the scan: this scan's start, durable (written aside, then renamed over). */
  void set(long since) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".new");
    Files.writeString(tmp, Long.toString(since) + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The scan ended: everything it found is journaled. */
  void clear() throws IOException {
    Files.deleteIfExists(file);
  }
}
