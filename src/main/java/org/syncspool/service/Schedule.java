package org.syncspool.service;

import java.util.List;
import java.util.function.LongSupplier;
import org.syncspool.config.Config;
import org.syncspool.config.Crontab;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.Retention;
import org.syncspool.worker.CursorNames;
import org.syncspool.worker.TargetWorker;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's timers: sersync's crontab (a periodic full sync of every target, posted to each
 * worker's mailbox) and journal retention (hourly). Failed-list replays are timed by each worker
 * itself, between batches. One thread on the daemon's {@link Scheduler}, waiting on its ticker
 * (an NTP step neither fires nor delays a timer); each task catches and logs, so one failure
 * never stops the timers.
 */
final class Schedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Schedule.class);
  /** Cycles are hourly files: checking more often deletes nothing more. */
  static final long RETENTION_EVERY_MILLIS = 3_600_000;
  /** The first retention pass, soon after start. */
  static final long RETENTION_FIRST_MILLIS = 60_000;

  private final Config config;
  private final List<TargetWorker> workers;
  private final ChronicleJournal journal;
  private final LongSupplier clock;
  private final Scheduler scheduler;
  private final Waiter waiter;
  private volatile boolean closed;
  private Scheduler.@Nullable Handle thread;

  /** @param clock wall-clock millis: retention's cutoff is compared with journal stamps */
  Schedule(Config config, List<TargetWorker> workers, ChronicleJournal journal,
           LongSupplier clock, Scheduler scheduler) {
    this.config = config;
    this.workers = List.copyOf(workers);
    this.journal = journal;
    this.clock = clock;
    this.scheduler = scheduler;
    this.waiter = scheduler.waiter();
  }

  void start() {
    thread = scheduler.start("syncspool-schedule", this::run);
  }

  private void run() {
    Crontab cron = config.crontab();
    long cronEvery = cron.enabled() ? cron.scheduleMinutes() * 60_000L : 0;
    long nextCron = cronEvery > 0 ? scheduler.deadlineAfterMillis(cronEvery) : Waiter.NEVER;
    long nextRetention = scheduler.deadlineAfterMillis(RETENTION_FIRST_MILLIS);
    while (!closed) {
      long now = scheduler.nanos();
      if (nextCron != Waiter.NEVER && nextCron - now <= 0) {
        nextCron = scheduler.deadlineAfterMillis(cronEvery);
        guard("periodic full sync", () -> {
          log.info("crontab: periodic full sync of {} target(s)", workers.size());
          workers.forEach(TargetWorker::requestPeriodicFullSync);
        });
      } else if (nextRetention - now <= 0) {
        nextRetention = scheduler.deadlineAfterMillis(RETENTION_EVERY_MILLIS);
        guard("journal retention", this::retention);
      } else {
        waiter.await(nextCron - nextRetention < 0 ? nextCron : nextRetention);
      }
    }
  }

  private void retention() throws Exception {
    List<String> active = workers.stream()
        .map(w -> CursorNames.of(w.target().id())).toList();
    long cutoff = clock.getAsLong() - config.engine().retentionHours() * 3_600_000L;
    Retention.apply(journal, active, cutoff);
  }

  private static void guard(String what, Task task) {
    try {
      task.run();
    } catch (Exception e) {
      log.warn("{} failed: {}", what, e.toString());
    }
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }

  @Override
  public void close() {
    closed = true;
    waiter.wake();
    // a retention pass in progress ends first: it deletes whole files
    Scheduler.Handle.joinQuietly(thread, 10_000);
  }
}
