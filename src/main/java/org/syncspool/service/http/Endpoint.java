package org.syncspool.service.http;

import java.io.IOException;
import org.syncspool.metrics.MicrometerSyncMetrics;
import org.syncspool.metrics.SyncMetrics;
import org.syncspool.service.Daemon;
import org.syncspool.service.FlushBarrier;
import org.syncspool.worker.LagTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Everything around a {@link Daemon} that an operator looks at: metrics, lag, the flush barrier
 * and the HTTP server. {@link #around} before {@code daemon.start()} (listeners and taps must be
 * in place before the first event), {@link #serve} after.
 */
public final class Endpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

  private final Daemon daemon;
  private final SyncMetrics metrics = new MicrometerSyncMetrics();
  private final LagTracker lag = new LagTracker(System::currentTimeMillis);
  private final FlushBarrier barrier;
  private final long startedMillis = System.currentTimeMillis();
  private @Nullable ControlServer server;

  private Endpoint(Daemon daemon) {
    this.daemon = daemon;
    this.barrier = new FlushBarrier(daemon.config().roots(), daemon::workers,
        daemon.scheduler()).after(daemon.scanned());
  }

  /** Hooks metrics, lag and the flush barrier into {@code daemon}, which must not be started. */
  public static Endpoint around(Daemon daemon) {
    Endpoint e = new Endpoint(daemon);
    daemon.addListener(e.lag);
    daemon.addListener(e.metrics);
    daemon.addListener(e.barrier); // commits wake a waiting flush
    daemon.addAppendTap(e.metrics);
    daemon.addAppendTap(e.barrier);
    daemon.onAudit(e.metrics::audited);
    return e;
  }

  /**
   * Registers the gauges and starts the HTTP server. An address in use is logged, not fatal:
   * replication matters more than its dashboard, and /healthz failing tells the operator.
   */
  public void serve() {
    metrics.bind(daemon.workers(), daemon::watchCount, lag);
    metrics.bindAudits(daemon.workers().stream().map(w -> w.target().name()).toList(),
        daemon.config().audit() == null ? 0 : daemon.config().audit().every().toSeconds(),
        startedMillis);
    metrics.bindProgress(daemon.workers().stream().map(w -> w.target().name()).toList(),
        daemon.progress());
    metrics.threadDeaths(daemon.scheduler().threads(), daemon.scheduler()::deaths);
    try {
      ControlToken token = ControlToken.publish(daemon.config().engine().stateDir());
      server = ControlServer.start(daemon.config().http(), metrics::scrape, this::status,
          barrier, daemon.workers(), token, daemon::unhealthy, daemon.pauses());
    } catch (IOException | RuntimeException e) {
      log.error("metrics and status endpoint NOT started on {}: {} (set <host hostip port> to a "
          + "free local address; syncspool status and flush need it)", daemon.config().http(),
          e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
  }

  public StatusReport status() {
    return StatusReport.of(daemon, lag, version(), startedMillis);
  }

  public FlushBarrier barrier() {
    return barrier;
  }

  public SyncMetrics metrics() {
    return metrics;
  }

  /** The bound port, -1 when the server did not start. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  static String version() {
    String v = Endpoint.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
