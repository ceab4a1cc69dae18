package org.syncspool.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.syncspool.dirfd.NoFollow;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.JournalCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the daemon's journal, checked first (issue 10 item 5, docs/security.md): a damaged
 * journal is moved aside whole and a new one begins, which the daemon treats as a first start (a
 * full sync of every target), saying so in one line. Damage a worker finds while the daemon runs
 * is marked in the journal directory and ends the process with 70 (the unit restarts it), so the
 * next start moves it aside without depending on finding the same damage again.
 */
final class JournalStart {
  private static final Logger log = LoggerFactory.getLogger(JournalStart.class);

  private JournalStart() {}

  static ChronicleJournal open(Path stateDir, Path journalDir, LongSupplier clock,
                               IntConsumer halt) throws FatalException {
    ChronicleJournal chronicle;
    try {
      NoFollow.directory(stateDir); // docs/security.md
      StateDisk.checkFree(stateDir);
      NoFollow.directory(journalDir);
      JournalCheck.Damage damage = JournalCheck.check(journalDir);
      if (damage != null) {
        Path aside = JournalCheck.moveAside(journalDir, clock.getAsLong());
        log.error("journal damaged: {}; moved aside to {} (kept for inspection, remove it when "
            + "done); a new journal begins and every target gets a full sync", escapedDamage(damage),
            aside);
        NoFollow.directory(journalDir);
      }
      chronicle = openOrMoveAside(journalDir, clock);
    } catch (IOException | RuntimeException | InternalError e) {
      throw StateDisk.fatal("cannot open the journal in " + journalDir, e);
    }
    AtomicBoolean once = new AtomicBoolean();
    chronicle.onDamage(d -> {
      if (!once.compareAndSet(false, true)) {
        return;
      }
      try {
        JournalCheck.markDamaged(journalDir, d);
      } catch (IOException e) {
        log.warn("cannot mark the journal damaged ({}); the next start checks it", e.toString());
      }
      log.error("journal damaged: {}; exiting with {}: the next start moves the journal aside "
          + "and sends every target a full sync", escapedDamage(d), ExitCode.SOFTWARE.code());
      halt.accept(ExitCode.SOFTWARE.code());
    });
    return chronicle;
  }

  /**
   * Chronicle may still refuse a journal the check passed (damage the check does not know):
   * that journal is moved aside too, once; a new one that cannot be opened is a real failure.
   * A full disk is not damage: {@link StateDisk} tells it apart first.
   */
  private static ChronicleJournal openOrMoveAside(Path journalDir, LongSupplier clock)
      throws IOException {
    try {
      return ChronicleJournal.open(journalDir);
    } catch (RuntimeException e) {
      if (StateDisk.full(e)) {
        throw e;
      }
      Path aside = JournalCheck.moveAside(journalDir, clock.getAsLong());
      log.error("journal damaged: {}: Chronicle cannot open it ({}); moved aside to {} (kept "
          + "for inspection, remove it when done); a new journal begins and every target gets "
          + "a full sync", journalDir, org.syncspool.text.PathEscape.text(e.toString()), aside);
      NoFollow.directory(journalDir);
      return ChronicleJournal.open(journalDir);
    }
  }

  private static String escapedDamage(JournalCheck.Damage d) {
    return org.syncspool.text.PathEscape.text(d.toString());
  }
}
