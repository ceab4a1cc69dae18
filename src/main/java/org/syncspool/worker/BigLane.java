package org.syncspool.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;
import org.syncspool.config.Engine;
import org.syncspool.time.Scheduler;
import org.syncspool.worker.Lanes.Entry;
import org.syncspool.worker.Lanes.Lane;
import org.syncspool.worker.Mailbox.Mail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's big-file lane (docs/architecture.md, Two lanes): a thread of its own that sends the
 * regular files above the target's threshold through an rsync process of its own, with the same
 * retries, backoff and failed list as the worker ({@link Delivery}), while the worker goes on
 * with small files. It carries out {@link Lanes}' decisions; its {@link Lanes.Book} is shared
 * with the worker under this object's lock.
 *
 * <p>It waits in one place, its own {@link Mailbox}: work offered ({@link Mail#JOURNAL_GREW}),
 * pause changed, stop. It tells the worker through the worker's mailbox ({@link Mail#LANE}) when
 * a hold is released (the worker commits) and when it ends.
 */
final class BigLane implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  private static final long IDLE_WAIT_MILLIS = 60_000;
  private static final Set<Mail> WAKES =
      EnumSet.of(Mail.JOURNAL_GREW, Mail.PAUSE_CHANGED, Mail.STOP);

  private final String name;
  private final long threshold;
  private final WorkerParts.Sizer sizer;
  private final Mailbox mailbox;
  private final Mailbox worker;
  private final Scheduler scheduler;
  private final Engine engine;
  private final Pause pause;
  private final Lanes.Book book = new Lanes.Book(); // guarded by this
  private @Nullable Delivery delivery;
  private volatile boolean fullSyncWaiting;
  private volatile boolean ended;
  private volatile WorkerState deliveryState = WorkerState.IDLE;
  private volatile Scheduler.@Nullable Handle thread;

  BigLane(String name, long threshold, WorkerParts.Sizer sizer, Mailbox mailbox, Mailbox worker,
          Scheduler scheduler, Engine engine, Pause pause) {
    this.name = name;
    this.threshold = threshold;
    this.sizer = sizer;
    this.mailbox = mailbox;
    this.worker = worker;
    this.scheduler = scheduler;
    this.engine = engine;
    this.pause = pause;
  }

  /** Its delivery, made with its mailbox (set once, before {@link #start}). */
  void delivery(Delivery d) {
    delivery = d;
  }

  /** The state its delivery reports (backing off, parked, ...). */
  void deliveryState(WorkerState s) {
    deliveryState = s;
  }

  long threshold() {
    return threshold;
  }

  void start() {
    if (thread == null || !thread.alive()) {
      ended = false;
      thread = scheduler.start("syncspool-biglane-" + name, this);
    }
  }

  /** Nothing new starts; what it sends now ends as rsync ends it (never killed). */
  void stop() {
    mailbox.post(Mail.STOP);
  }

  /** Its thread ended (or never started). */
  boolean ended() {
    Scheduler.Handle t = thread;
    return t == null || ended;
  }

  /** Looks at the pause again. */
  void wake() {
    mailbox.post(Mail.PAUSE_CHANGED);
  }

  /** While true nothing new starts (the worker waits to run a full sync alone). */
  void fullSyncWaiting(boolean waiting) {
    boolean was = fullSyncWaiting;
    fullSyncWaiting = waiting;
    if (was && !waiting) {
      mailbox.post(Mail.JOURNAL_GREW); // what is queued may start now
    }
  }

  synchronized boolean sending() {
    return book.sending();
  }

  synchronized long commitPoint(long smallDone) {
    return book.commitPoint(smallDone);
  }

  /**
   * The worker's thread: takes the paths {@link Lanes#laneOf} sends through this lane out of
   * {@code whole} (read from journal position {@code from} on) and queues them here; returns
   * what is left for the small lane ({@code whole} itself when nothing is big).
   */
  Batch split(Batch whole, long from) {
    if (whole.fullSync() || whole.flat().isEmpty()) {
      return whole;
    }
    Set<PathKey> renamed = new HashSet<>();
    for (Rename r : whole.renames()) {
      renamed.add(r.from());
      renamed.add(r.to());
    }
    long[] sizes = new long[whole.flat().size()];
    for (int i = 0; i < sizes.length; i++) { // lstat outside the lock
      PathKey p = whole.flat().get(i);
      sizes[i] = renamed.contains(p) ? -1 : sizer.regularSize(p);
    }
    List<PathKey> small = new ArrayList<>();
    List<PathKey> big = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < sizes.length; i++) {
        PathKey p = whole.flat().get(i);
        Entry e = renamed.contains(p) ? Entry.RENAMED : sizes[i] < 0 ? Entry.OTHER : Entry.FILE;
        (Lanes.laneOf(e, sizes[i], threshold, book.holds(p)) == Lane.BIG ? big : small).add(p);
      }
      if (big.isEmpty()) {
        return whole;
      }
      book.offer(big, from, whole.oldestEventMillis());
    }
    mailbox.post(Mail.JOURNAL_GREW);
    return new Batch(small, whole.subtrees(), whole.flatDirs(), false,
        whole.oldestEventMillis(), whole.listings(), whole.renames());
  }

  @Override
  public void run() {
    try {
      Delivery d = java.util.Objects.requireNonNull(delivery, "delivery: set before start");
      while (true) {
        mailbox.take(Mail.JOURNAL_GREW);
        mailbox.take(Mail.PAUSE_CHANGED);
        Lanes.Taken t;
        synchronized (this) {
          t = book.take(pause.until() != 0, mailbox.has(Mail.STOP), fullSyncWaiting);
        }
        if (t == null) {
          if (mailbox.has(Mail.STOP)) {
            return;
          }
          long left = pause.leftMillis();
          long wait = left > 0 ? Math.min(left, IDLE_WAIT_MILLIS) : IDLE_WAIT_MILLIS;
          mailbox.await(WAKES, scheduler.deadlineAfterMillis(wait));
          continue;
        }
        Batch batch = new Batch(t.paths(), List.of(), false, false, t.oldestEventMillis());
        log.info("target {} (big-file lane): sending {} path(s) above {} bytes: {}", name,
            batch.size(), threshold, batch.describe(3));
        if (!send(d, batch)) {
          return; // stopping: the hold stays, so the cursor stays before these paths
        }
        synchronized (this) {
          book.finished();
        }
        deliveryState = WorkerState.IDLE;
        worker.post(Mail.LANE);
      }
    } finally {
      ended = true;
      worker.post(Mail.LANE);
    }
  }

  /** Delivers {@code batch} however many tries it takes; false when asked to stop first. */
  private boolean send(Delivery d, Batch batch) {
    while (!mailbox.has(Mail.STOP)) {
      try {
        return d.deliver(batch);
      } catch (IOException | RuntimeException | InterruptedException e) {
        // As the worker's loop: log, wait, try again; nothing of ours interrupts.
        long delay = engine.retryInitialMillis();
        log.error("target {} (big-file lane): {}; retrying in {} ms", name, e.toString(), delay);
        if (!d.pause(delay)) {
          return false;
        }
      }
    }
    return false;
  }

  /** What status and metrics show. */
  synchronized Lanes.Status status() {
    WorkerState s = deliveryState;
    boolean retrying = s == WorkerState.BACKING_OFF || s == WorkerState.PARKED;
    Lanes.State st = Lanes.state(book.sending(), book.queuedCount() > 0, retrying);
    List<PathKey> held = book.held();
    return new Lanes.Status(st, book.sendingCount(), book.queuedCount(),
        held.isEmpty() ? null : held.get(0), threshold);
  }

}
