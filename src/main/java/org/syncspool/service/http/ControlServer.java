package org.syncspool.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.service.FlushBarrier;
import org.syncspool.sync.TargetWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint. Reads ({@code GET /metrics}, {@code /status}, {@code /healthz}) answer any
 * client the bind address lets in; the two requests that make the daemon do work
 * ({@code POST /flush}, {@code POST /full-sync}) answer loopback clients only, so binding the
 * endpoint to a LAN address for Prometheus does not let the LAN start full syncs.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  /** How /status is written (and the offline status, so both look alike). */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** A flush waits at most this long, whatever the client asks. */
  static final long MAX_FLUSH_SECONDS = 24 * 3600;
  /** Flushes waiting at once; more are refused (503) rather than piling up threads. */
  private static final Semaphore FLUSHES = new Semaphore(8);

  private final HttpServer server;
  private final ExecutorService executor;

  private ControlServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts; throws when the address is in use or not local.
   *
   * @param metrics the Prometheus text, per scrape
   * @param status  the status report, per request
   * @param barrier the flush barrier
   * @param workers for {@code full-sync}
   */
  public static ControlServer start(HttpEndpoint at, Supplier<String> metrics,
                                    Supplier<StatusReport> status, FlushBarrier barrier,
                                    List<TargetWorker> workers) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 16);
    // A thread per request in flight: a flush blocks its thread until done, and must never keep
    // a scrape or /healthz waiting. FLUSHES bounds how many block at once.
    ExecutorService ex = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "syncspool-http");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(ex);
    s.createContext("/metrics", h -> guarded(h, "GET", () ->
        send(h, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get())));
    s.createContext("/status", h -> guarded(h, "GET", () ->
        send(h, 200, "application/json", JSON.writeValueAsString(status.get()) + "\n")));
    s.createContext("/healthz", h -> guarded(h, "GET", () ->
        send(h, 200, "text/plain; charset=utf-8", "ok\n")));
    s.createContext("/flush", h -> guarded(h, "POST", () -> flush(h, barrier)));
    s.createContext("/full-sync", h -> guarded(h, "POST", () -> fullSync(h, workers, barrier)));
    s.start();
    log.info("metrics and status on http://{}:{}/ (/metrics, /status, /healthz)",
        at.host().contains(":") ? "[" + at.host() + "]" : at.host(), s.getAddress().getPort());
    return new ControlServer(s, ex);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Handler {
    void handle() throws IOException, InterruptedException;
  }

  private static void guarded(HttpExchange h, String method, Handler handler) throws IOException {
    try (h) {
      if (!h.getRequestMethod().equals(method)) {
        h.getResponseHeaders().add("Allow", method);
        send(h, 405, "text/plain", method + " only\n");
        return;
      }
      if (method.equals("POST") && !h.getRemoteAddress().getAddress().isLoopbackAddress()) {
        send(h, 403, "text/plain", "control requests are accepted from this host only\n");
        return;
      }
      handler.handle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.warn("{} {}: {}", h.getRequestMethod(), h.getRequestURI(), e.toString());
      try {
        send(h, 500, "text/plain", e + "\n");
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent or the client left
      }
    }
  }

  private static void flush(HttpExchange h, FlushBarrier barrier)
      throws IOException, InterruptedException {
    String t = query(h.getRequestURI()).getOrDefault("timeout", "60");
    long seconds;
    try {
      seconds = Math.min(MAX_FLUSH_SECONDS, Long.parseLong(t));
    } catch (NumberFormatException e) {
      send(h, 400, "text/plain", "timeout must be a whole number of seconds\n");
      return;
    }
    if (!FLUSHES.tryAcquire()) {
      send(h, 503, "text/plain", "too many flushes in progress; try again\n");
      return;
    }
    FlushBarrier.Result r;
    try {
      r = barrier.flush(Math.max(0, seconds) * 1000);
    } finally {
      FLUSHES.release();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flushed", r.done());
    body.put("millis", r.millis());
    body.put("behind", r.behind());
    // 504: the daemon is fine, the targets did not catch up in time
    send(h, r.done() ? 200 : 504, "application/json", JSON.writeValueAsString(body) + "\n");
  }

  private static void fullSync(HttpExchange h, List<TargetWorker> workers, FlushBarrier barrier)
      throws IOException {
    String name = query(h.getRequestURI()).get("target");
    List<TargetWorker> chosen = workers.stream()
        .filter(w -> name == null || w.target().name().equals(name)).toList();
    if (chosen.isEmpty()) {
      send(h, 404, "application/json", JSON.writeValueAsString(Map.of("error",
          "no target named " + name, "targets",
          workers.stream().map(w -> w.target().name()).toList())) + "\n");
      return;
    }
    for (TargetWorker w : chosen) {
      w.requestFullSync();
      log.info("target {}: full sync requested", w.target().name());
    }
    barrier.wake(); // an idle worker would otherwise start it only at its next event
    send(h, 202, "application/json", JSON.writeValueAsString(Map.of("queued",
        chosen.stream().map(w -> w.target().name()).toList())) + "\n");
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&", -1)) {
      if (kv.isEmpty()) {
        continue; // "a=1&" or "&&"
      }
      int eq = kv.indexOf('=');
      String k = eq < 0 ? kv : kv.substring(0, eq);
      String v = eq < 0 ? "" : kv.substring(eq + 1);
      q.put(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  private static void send(HttpExchange h, int code, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    h.getResponseHeaders().set("Content-Type", type);
    h.sendResponseHeaders(code, b.length);
    try (OutputStream out = h.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
