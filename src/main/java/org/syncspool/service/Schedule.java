package org.syncspool.service;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.syncspool.config.Config;
import org.syncspool.config.Crontab;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.Retention;
import org.syncspool.sync.CursorNames;
import org.syncspool.sync.TargetWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's timers: sersync's crontab (a periodic full sync of every target) and journal
 * retention (hourly). Failed-list replays are timed by each worker itself, between batches.
 * One thread; each task catches and logs, so one failure never stops the timers.
 */
final class Schedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Schedule.class);
  /** Cycles are hourly files: checking more often deletes nothing more. */
  private static final long RETENTION_EVERY_MINUTES = 60;

  private final Config config;
  private final List<TargetWorker> workers;
  private final ChronicleJournal journal;
  private final LongSupplier clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "syncspool-schedule");
    t.setDaemon(true);
    return t;
  });

  Schedule(Config config, List<TargetWorker> workers, ChronicleJournal journal,
           LongSupplier clock) {
    this.config = config;
    this.workers = List.copyOf(workers);
    this.journal = journal;
    this.clock = clock;
  }

  void start() {
    Crontab cron = config.crontab();
    if (cron.enabled()) {
      long every = cron.scheduleMinutes();
      // The futures are not needed: each task catches its own failures, close() ends them all.
      ScheduledFuture<?> unused = timer.scheduleAtFixedRate(guard("periodic full sync", () -> {
        log.info("crontab: periodic full sync of {} target(s)", workers.size());
        workers.forEach(TargetWorker::requestPeriodicFullSync);
      }), every, every, TimeUnit.MINUTES);
    }
    ScheduledFuture<?> unused = timer.scheduleAtFixedRate(guard("journal retention",
        this::retention), 1, RETENTION_EVERY_MINUTES, TimeUnit.MINUTES);
  }

  private void retention() throws Exception {
    List<String> active = workers.stream()
        .map(w -> CursorNames.of(w.target().id())).toList();
    long cutoff = clock.getAsLong() - config.engine().retentionHours() * 3_600_000L;
    Retention.apply(journal, active, cutoff);
  }

  private static Runnable guard(String what, Task task) {
    return () -> {
      try {
        task.run();
      } catch (Exception e) {
        log.warn("{} failed: {}", what, e.toString());
      }
    };
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
