package org.syncspool.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import org.syncspool.progress.Progress;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.syncspool.config.Target;
import org.syncspool.worker.LagTracker;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerState;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * {@link SyncMetrics} on a Micrometer Prometheus registry. Meter names are dotted here and come
 * out as {@code syncspool_*} in Prometheus (counters get {@code _total}, timers {@code _seconds}).
 */
public final class MicrometerSyncMetrics implements SyncMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter[] events = new Counter[EventKind.values().length];
  private final Counter appends;
  private final Counter overflows;
  // Watcher-thread tallies for one record, so a record costs one increment per kind seen.
  private final long[] tally = new long[EventKind.values().length];
  private boolean rootRescan;
  private final EventBatch.Visitor counter = this::count;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public MicrometerSyncMetrics() {
    for (EventKind k : EventKind.values()) {
      events[k.code()] = Counter.builder("syncspool.events")
          .description("Events read from inotify and journaled, by kind")
          .tag("kind", k.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    appends = Counter.builder("syncspool.journal.appends")
        .description("Journal records appended (one per inotify read)").register(registry);
    overflows = Counter.builder("syncspool.overflows")
        .description("Kernel queue overflows (IN_Q_OVERFLOW): events lost, full sync queued")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  @Override
  public void counter(String name, String description, java.util.function.LongSupplier value) {
    io.micrometer.core.instrument.FunctionCounter.builder(name, value, v -> v.getAsLong())
        .description(description).register(registry);
  }

  @Override
  public void appended(EventBatch batch, long index) {
    appends.increment();
    rootRescan = false;
    batch.forEach(counter);
    for (int k = 0; k < tally.length; k++) {
      if (tally[k] > 0) {
        events[k].increment((double) tally[k]);
        tally[k] = 0;
      }
    }
    if (rootRescan) {
      overflows.increment(); // one overflow journals a RESCAN of every root, in one record
    }
  }

  private void count(EventKind kind, boolean dir, int root, int cookie, byte[] path, int off,
                     int len) {
    tally[kind.code()]++;
    if (kind == EventKind.RESCAN && len == 0) {
      rootRescan = true;
    }
  }

  @Override
  public void batchEnded(BatchReport r) {
    String t = r.target().name();
    runs(t, r.outcome()).increment();
    duration(t).record(Math.max(0, r.millis()), TimeUnit.MILLISECONDS);
    if (r.succeeded() || r.gaveUp()) {
      batches(t, r.succeeded()).increment();
    }
    if (!r.succeeded()) {
      return;
    }
    if (r.batch().fullSync()) {
      fullSyncs(t).increment();
      return;
    }
    paths(t).record(r.batch().size());
    long oldest = r.batch().oldestEventMillis();
    if (oldest > 0) {
      latency(t).record(Math.max(0, r.endMillis() - oldest), TimeUnit.MILLISECONDS);
    }
  }

  /** Values behind the audit gauges: target -> kind -> paths; target -> [end s, duration s]. */
  private final java.util.Map<String, java.util.Map<org.syncspool.verify.DriftKind,
      java.util.concurrent.atomic.AtomicLong>> drift = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, double[]> auditTimes =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * syncspool_verify_drift_paths{target,kind}, syncspool_verify_last_run_timestamp_seconds and
   * syncspool_verify_duration_seconds{target}: registered at a target's first audit. A skipped
   * or failed audit leaves the drift gauges and the last-run stamp alone, so an audit that keeps
   * not running shows as overdue (docs/prometheus-alerts.yml).
   */
  @Override
  public void bindAudits(List<String> targets, long everySeconds, long startMillis) {
    Gauge.builder("syncspool.verify.every.seconds", () -> everySeconds)
        .description("Time between scheduled audits (<syncspool><verify every>); 0 when off")
        .register(registry);
    for (String t : targets) {
      auditGauges(t)[0] = startMillis / 1000.0;
      driftGauges(t);
    }
  }

  @Override
  public void audited(org.syncspool.verify.TargetAudit a) {
    String t = a.target();
    java.util.Map<org.syncspool.verify.DriftKind, java.util.concurrent.atomic.AtomicLong> kinds =
        driftGauges(t);
    double[] times = auditGauges(t);
    if (a.outcome() != org.syncspool.verify.TargetAudit.Outcome.OK
        && a.outcome() != org.syncspool.verify.TargetAudit.Outcome.DRIFT) {
      return;
    }
    kinds.forEach((k, v) -> v.set(a.count(k)));
    times[0] = a.finishedMillis() / 1000.0;
    times[1] = a.millis() / 1000.0;
  }

  private java.util.Map<org.syncspool.verify.DriftKind, java.util.concurrent.atomic.AtomicLong>
      driftGauges(String t) {
    return
        drift.computeIfAbsent(t, x -> {
          java.util.Map<org.syncspool.verify.DriftKind, java.util.concurrent.atomic.AtomicLong> m =
              new java.util.EnumMap<>(org.syncspool.verify.DriftKind.class);
          for (org.syncspool.verify.DriftKind k : org.syncspool.verify.DriftKind.values()) {
            java.util.concurrent.atomic.AtomicLong v = new java.util.concurrent.atomic.AtomicLong();
            m.put(k, v);
            Gauge.builder("syncspool.verify.drift.paths", v, java.util.concurrent.atomic.AtomicLong::get)
                .description("Paths that differ from the source at the last audit, by kind")
                .tags("target", t, "kind", k.label()).register(registry);
          }
          return m;
        });
  }

  private double[] auditGauges(String t) {
    return auditTimes.computeIfAbsent(t, x -> {
      double[] v = new double[2];
      Gauge.builder("syncspool.verify.last.run.timestamp.seconds", v, d -> d[0])
          .description("When the last completed audit of the target ended (unix seconds)")
          .tag("target", t).register(registry);
      Gauge.builder("syncspool.verify.duration.seconds", v, d -> d[1])
          .description("How long the last completed audit of the target took")
          .tag("target", t).register(registry);
      return v;
    });
  }

  // One builder per meter: Micrometer hands back the registered meter on every later call, and
  // bind() registers them all up front so every series exists (at 0) from the start.

  private Counter runs(String t, RsyncExit outcome) {
    return Counter.builder("syncspool.rsync.runs").description("rsync runs by outcome")
        .tags("target", t, "outcome", outcome(outcome)).register(registry);
  }

  private Timer duration(String t) {
    return Timer.builder("syncspool.rsync.duration").description("Time one rsync run took")
        .tag("target", t).register(registry);
  }

  private Counter batches(String t, boolean synced) {
    return Counter.builder("syncspool.batches").description("Batches finished: synced or given up")
        .tags("target", t, "result", synced ? "synced" : "failed").register(registry);
  }

  private Counter fullSyncs(String t) {
    return Counter.builder("syncspool.full.syncs").description("Full syncs of a root done")
        .tag("target", t).register(registry);
  }

  private DistributionSummary paths(String t) {
    return DistributionSummary.builder("syncspool.batch.paths").description("Paths per synced batch")
        .tag("target", t).publishPercentileHistogram().minimumExpectedValue(1.0)
        .maximumExpectedValue(100_000.0).register(registry);
  }

  private Timer latency(String t) {
    return Timer.builder("syncspool.replication.latency")
        .description("End-to-end: oldest event of a batch read from the kernel -> on the target")
        .tag("target", t).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }

  private static String outcome(RsyncExit e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void bind(List<TargetWorker> workers, IntSupplier watches, LagTracker lag) {
    Gauge.builder("syncspool.watches", watches::getAsInt)
        .description("inotify watches held (one per directory)").register(registry);
    Gauge.builder("syncspool.watches.limit", MicrometerSyncMetrics::watchLimit)
        .description("fs.inotify.max_user_watches: the per-user limit the watches count against")
        .register(registry);
    for (TargetWorker w : workers) {
      Target target = w.target();
      String t = target.name();
      for (RsyncExit e : RsyncExit.values()) {
        runs(t, e);
      }
      duration(t);
      batches(t, true);
      batches(t, false);
      fullSyncs(t);
      paths(t);
      latency(t);
      Gauge.builder("syncspool.target.backlog", w, TargetWorker::backlog).tag("target", t)
          .description("Journal records not yet on the target").register(registry);
      Gauge.builder("syncspool.target.lag.seconds", lag, l -> l.lagMillis(target) / 1000.0)
          .tag("target", t).description("Seconds since the target was last caught up")
          .register(registry);
      Gauge.builder("syncspool.target.failed.paths", w, TargetWorker::failedCount)
          .tag("target", t).description("Paths on the target's failed-transfer list")
          .register(registry);
      Gauge.builder("syncspool.target.paused", w, x -> x.state() == WorkerState.PAUSED ? 1 : 0)
          .tag("target", t).description("1 while the target is paused (syncspool pause)")
          .register(registry);
      Gauge.builder("syncspool.target.up", w, MicrometerSyncMetrics::up).tag("target", t)
          .description("1 unless the target is backing off, parked, restarting or stopped")
          .register(registry);
      if (w.bigLane() != null) { // a target with a big-file lane (docs/architecture.md)
        Gauge.builder("syncspool.target.big.lane.paths", w, MicrometerSyncMetrics::laneHeld)
            .tag("target", t).description("Paths the big-file lane holds: being sent or queued "
                + "after (the cursor waits for them)").register(registry);
        Gauge.builder("syncspool.target.big.lane.sending", w,
                x -> x.bigLane() != null && x.bigLane().sending() > 0 ? 1 : 0)
            .tag("target", t).description("1 while the big-file lane's own rsync runs")
            .register(registry);
      }
      Gauge.builder("syncspool.target.last.success.timestamp.seconds", w,
              x -> x.lastSuccessMillis() / 1000.0)
          .tag("target", t).description("When the last batch reached the target (Unix time)")
          .register(registry);
    }
  }

  private static double laneHeld(TargetWorker w) {
    org.syncspool.worker.Lanes.Status s = w.bigLane();
    return s == null ? 0 : s.sending() + s.queued();
  }

  @Override
  public void bindProgress(List<String> targets, ProgressBoard board) {
    for (String t : targets) {
      for (Work w : List.of(Work.FULL_SYNC, Work.REPLAY, Work.AUDIT)) {
        progressGauge("running", "1 while this work runs for the target", board, t, w,
            p -> 1);
        progressGauge("paths", "Paths done so far by the work running (an audit: differences found so far)", board, t, w,
            Progress::paths);
        progressGauge("bytes", "Bytes transferred so far by the work running (-1: unknown)",
            board, t, w, Progress::bytes);
        progressGauge("total.paths", "Paths the work running has in all (-1: not known yet)",
            board, t, w, Progress::totalPaths);
        progressGauge("seconds.left", "Estimated seconds left of the work running (-1: unknown)",
            board, t, w, p -> p.secondsLeft(board.nanos()));
      }
    }
  }

  private void progressGauge(String name, String description, ProgressBoard board, String t,
                             Work w, java.util.function.ToLongFunction<Progress> value) {
    Gauge.builder("syncspool.progress." + name, board, b -> {
      for (Progress p : b.of(t)) {
        if (p.work() == w) {
          return value.applyAsLong(p);
        }
      }
      return 0;
    }).tags("target", t, "work", w.key()).description(description).register(registry);
  }

  /**
   * Read per scrape: an operator may raise it while we run. NaN when unreadable. One read(2):
   * procfs answers EOF at any offset but 0, and Files.readString then returned "1" here.
   */
  static double watchLimit() {
    try (java.io.FileInputStream in =
             new java.io.FileInputStream("/proc/sys/fs/inotify/max_user_watches")) {
      byte[] buf = new byte[32];
      int n = in.read(buf);
      return n <= 0 ? Double.NaN
          : Long.parseLong(new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII).strip());
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double up(TargetWorker w) {
    WorkerState s = w.state();
    return s == WorkerState.BACKING_OFF || s == WorkerState.PARKED
        || s == WorkerState.RESTARTING || s == WorkerState.STOPPED ? 0 : 1;
  }

  @Override
  public void threadDeaths(List<String> threads, java.util.function.ToLongFunction<String> deaths) {
    for (String t : threads) {
      io.micrometer.core.instrument.FunctionCounter.builder("syncspool.thread.deaths", deaths,
              d -> d.applyAsLong(t))
          .tag("thread", t)
          .description("Times the thread ended unexpectedly (restarted, or the process exited 70)")
          .register(registry);
    }
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  /** For tests and embedding. */
  MeterRegistry registry() {
    return registry;
  }
}
