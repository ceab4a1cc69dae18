package org.syncspool.metrics;

import java.util.List;
import java.util.function.IntSupplier;
import org.syncspool.journal.AppendTap;
import org.syncspool.worker.LagTracker;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerListener;

/**
 * What the daemon tells its metrics: every journal append (as an {@link AppendTap}, on the watcher
 * thread: count, never block), every rsync attempt and state change (as a {@link WorkerListener},
 * on the workers' threads), and, once started, where to read the gauges from. No metrics library
 * type appears here, so the rest of the code never depends on one.
 */
public interface SyncMetrics extends AppendTap, WorkerListener {

  /** Registers the gauges (backlog, lag, failed list, state per target; watches held). */
  void bind(List<TargetWorker> workers, IntSupplier watches, LagTracker lag);

  /**
   * A counter read from {@code value} at each scrape ({@code syncspool.hook.dropped} is exposed
   * as {@code syncspool_hook_dropped_total}): for parts that count for themselves, the hooks.
   */
  default void counter(String name, String description, java.util.function.LongSupplier value) { }

  /**
   * {@code syncspool_thread_deaths_total{thread=...}}: how often each of our long-running
   * threads ended unexpectedly (read from {@code deaths} at each scrape).
   */
  default void threadDeaths(List<String> threads, java.util.function.ToLongFunction<String> deaths) {
  }

  /**
   * Registers the audit gauges for every target (at 0 drift, last run = {@code startMillis}
   * until the first audit ends) and {@code syncspool_verify_every_seconds} (0 = audits off).
   */
  default void bindAudits(List<String> targets, long everySeconds, long startMillis) { }

  /** A scheduled audit of one target ended ({@code <syncspool><verify>}); the audit's thread. */
  default void audited(org.syncspool.verify.TargetAudit audit) { }

  /**
   * Registers the progress gauges of long work per target and kind ({@code work}: full_sync,
   * replay), read from {@code board} at each scrape: {@code syncspool_progress_running} (1 while
   * it runs), {@code syncspool_progress_paths}, {@code syncspool_progress_bytes},
   * {@code syncspool_progress_total_paths} and {@code syncspool_progress_seconds_left} (-1 while
   * unknown); all 0 when nothing runs.
   */
  default void bindProgress(List<String> targets, org.syncspool.progress.ProgressBoard board) { }

  /** The current values in the Prometheus text exposition format, for {@code GET /metrics}. */
  String scrape();
}
