package org.syncspool.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Set;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old journal cycles (whole hourly {@code .cq4} files), never one a configured target
 * has not finished reading: a Chronicle tailer whose unread cycle is deleted silently skips to
 * the next file (docs/architecture.md, Journal and cursors). The cursors of targets no longer
 * configured do not hold the journal forever; when retention passes one, it is marked so that the
 * target, if it is ever configured again, sees {@link Cursor#behindRetention()} and gets a full
 * sync.
 */
public final class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  /** Below every real index (cycle << 32 | seq): "retention passed this cursor". */
  static final long PASSED = 1;

  private Retention() {}

  /**
   * Deletes the cycle files that ended before {@code cutoff} and that every active cursor has
   * read past.
   *
   * @param active   cursor names of the configured targets
   * @param cutoff   cycles that ended before this time may go
   * @return the number of cycle files deleted
   */
  public static int apply(ChronicleJournal journal, Collection<String> active, long cutoff)
      throws IOException {
    SingleChronicleQueue queue = journal.queue();
    RollCycle rc = ChronicleJournal.ROLL_CYCLE;
    int current = queue.cycle();
    long keepFrom = current; // never the cycle being written
    for (String name : active) {
      long at = journal.committedIndex(name);
      if (at == ChronicleCursor.NONE) {
        // Never committed: it will read from the first record, so nothing may go.
        return 0;
      }
      keepFrom = Math.min(keepFrom, rc.toCycle(at));
    }
    DateTimeFormatter fmt = DateTimeFormatter.ofPattern(rc.format()).withZone(ZoneOffset.UTC);
    long length = rc.lengthInMillis();
    int deleted = 0;
    long lastDeletedCycle = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(journal.dir(), "*.cq4")) {
      for (Path f : files) {
        String base = f.getFileName().toString();
        long cycle;
        try {
          cycle = LocalDateTime.parse(base.substring(0, base.length() - 4), fmt)
              .toInstant(ZoneOffset.UTC).toEpochMilli() / length;
        } catch (DateTimeParseException e) {
          continue; // not one of ours
        }
        if (cycle < keepFrom && (cycle + 1) * length <= cutoff) {
          Files.delete(f);
          deleted++;
          lastDeletedCycle = Math.max(lastDeletedCycle, cycle);
        }
      }
    }
    if (deleted > 0) {
      queue.refreshDirectoryListing();
      markPassed(journal, active, lastDeletedCycle, rc);
      log.info("journal retention: deleted {} cycle file(s) older than {}", deleted,
          java.time.Instant.ofEpochMilli(cutoff));
    }
    return deleted;
  }

  private static void markPassed(ChronicleJournal journal, Collection<String> active,
                                 long lastDeletedCycle, RollCycle rc) {
    Set<String> all = journal.cursorNames();
    for (String name : all) {
      if (active.contains(name)) {
        continue;
      }
      long at = journal.committedIndex(name);
      if (at == ChronicleCursor.NONE || rc.toCycle(at) <= lastDeletedCycle) {
        LongValue v = journal.queue().indexForId(name);
        v.setOrderedValue(PASSED);
        log.info("journal retention passed the cursor {} of a target no longer configured; "
            + "if it comes back it gets a full sync", name);
      }
    }
  }
}
