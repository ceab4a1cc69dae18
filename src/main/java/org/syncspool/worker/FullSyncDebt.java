package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.batch.Coalescer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.journal.Cursor;
import org.syncspool.worker.Mailbox.Mail;

/**
 * Whether a worker owes its target a full sync, and why: the durable "needs a full sync" marker
 * (a new target, a first start), a request ({@code -r}, {@code syncspool full-sync}),
 * records retention deleted before the cursor read them, or a backlog that would cost more than
 * one full sync. A full sync stands for everything journaled before it, so taking one on skips
 * the cursor to the end. Worker thread only.
 */
final class FullSyncDebt {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);

  private final Target target;
  private final Cursor cursor;
  private final Coalescer coalescer;
  private final Mailbox mailbox;
  private final Engine engine;
  private final LongSupplier clock;
  private final @Nullable Path marker;
  /** Asked for (mail or marker) and not done yet. */
  private boolean owed;

  /**
   * @param marker the durable mark (null: none): while the file exists the worker begins with a
   *               full sync; it goes when one is done
   * @param clock  wall-clock millis: event stamps are compared with it
   */
  FullSyncDebt(Target target, Cursor cursor, Coalescer coalescer, Mailbox mailbox, Engine engine,
               LongSupplier clock, @Nullable Path marker) {
    this.target = target;
    this.cursor = cursor;
    this.coalescer = coalescer;
    this.mailbox = mailbox;
    this.engine = engine;
    this.clock = clock;
    this.marker = marker;
  }

  /**
   * Before reading on: when the journal cannot tell what the target lacks (the marker is there,
   * or retention deleted unread records), the batch becomes one full sync in place of the whole
   * backlog; true then. Otherwise a pending request marks the coming batch as a full sync.
   */
  boolean replacesTheJournal() {
    boolean behind = cursor.behindRetention();
    if (behind || (marker != null && Files.exists(marker))) {
      if (behind) {
        log.warn("target {}: journal records it had not read were deleted by retention; "
            + "a full sync replaces them", target.name());
      }
      takeOn();
      return true;
    }
    if (mailbox.take(Mail.FULL_SYNC)) {
      owed = true;
    }
    if (owed) {
      coalescer.markFullSync();
    }
    return false;
  }

  /**
   * True when replaying the backlog would cost more than one full sync, or when retention is
   * about to delete records this target has not read (a Chronicle tailer silently skips a
   * deleted cycle: docs/architecture.md, Journal and cursors). Event stamps are wall clock, and
   * so is this comparison.
   */
  boolean outgrown(Batch batch, long backlog) {
    if (backlog > engine.fullSyncBacklog()) {
      return true;
    }
    long oldest = batch.oldestEventMillis();
    long nearRetention = engine.retentionHours() * 3_600_000L * 3 / 4;
    return oldest > 0 && clock.getAsLong() - oldest > nearRetention;
  }

  /** Drops the batch at hand and the backlog for one full sync; returns that batch. */
  Batch replaceBacklog(long backlog) {
    log.warn("target {}: {} journal records behind (or near retention): one full sync replaces "
        + "the backlog", target.name(), backlog);
    takeOn();
    return coalescer.batch();
  }

  /** A full sync reached the target (or its failed list): nothing is owed. */
  void paid() throws IOException {
    owed = false;
    if (marker != null) {
      Files.deleteIfExists(marker);
    }
  }

  private void takeOn() {
    coalescer.clear();
    cursor.skipToEnd();
    coalescer.markFullSync();
    owed = true;
    mailbox.take(Mail.FULL_SYNC); // requests made before it starts are served by it
  }
}
