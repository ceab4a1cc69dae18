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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.service.FlushBarrier;
import org.syncspool.service.Pauses;
import org.syncspool.worker.TargetWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP endpoint. Reads ({@code GET /metrics}, {@code /status}, {@code /healthz}) answer any
 * client the bind address lets in; the requests that make the daemon do work
 * ({@code POST /flush}, {@code /full-sync}, {@code /replay}, {@code /pause}, {@code /resume})
 * need what {@link ControlAuth} says: loopback, a
 * loopback {@code Host}, no foreign {@code Origin}, and the {@link ControlToken} from the state
 * directory. Every answer to a request with {@code X-Syncspool-Challenge: C} carries
 * {@code X-Syncspool-Proof: HMAC(token, C)}, by which the CLI tells this daemon from an impostor
 * on the port (docs/security.md).
 *
 * <p>Threads are bounded ({@link #MAX_THREADS}): the JDK server reads a request's headers on an
 * executor thread, so a cached pool grew a thread per stalled connection until the unit's task
 * limit stopped rsync from starting. A request whose headers take longer than
 * {@link #MAX_REQUEST_SECONDS} is dropped.
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
  /** Request threads at most: 8 flushes waiting leave 24 for scrapes, status and the rest. */
  static final int MAX_THREADS = 32;
  /** A request must have sent its headers within this (the JDK server's maxReqTime). */
  static final int MAX_REQUEST_SECONDS = 10;
  static final String CHALLENGE = "X-Syncspool-Challenge";
  static final String PROOF = "X-Syncspool-Proof";

  static {
    // read once by the JDK's server configuration, when its first server is created
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
    }
  }

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
   * @param workers for {@code full-sync} and {@code replay}
   * @param token   what a POST must carry, and what proves this daemon to a client
   */
  public static ControlServer start(HttpEndpoint at, Supplier<String> metrics,
                                    Supplier<StatusReport> status, FlushBarrier barrier,
                                    List<TargetWorker> workers, ControlToken token)
      throws IOException {
    return start(at, metrics, status, barrier, workers, token, List::of, null);
  }

  /**
   * Binds the endpoint and starts serving.
   *
   * @param unhealthy why the daemon is not healthy now (empty: healthy); {@code /healthz}
   *                  answers 503 with these lines while it is not empty
   * @param pauses    for {@code /pause} and {@code /resume} (null: they answer 404)
   */
  public static ControlServer start(HttpEndpoint at, Supplier<String> metrics,
                                    Supplier<StatusReport> status, FlushBarrier barrier,
                                    List<TargetWorker> workers, ControlToken token,
                                    Supplier<List<String>> unhealthy, @Nullable Pauses pauses)
      throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 16);
    // A thread per request in flight, up to MAX_THREADS: a flush blocks its thread until done,
    // and must never keep a scrape or /healthz waiting. FLUSHES bounds how many block at once.
    ThreadPoolExecutor ex = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "syncspool-http");
          t.setDaemon(true);
          return t;
        });
    ex.allowCoreThreadTimeOut(true);
    s.setExecutor(ex);
    s.createContext("/metrics", h -> guarded(h, "GET", token, () ->
        send(h, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get())));
    s.createContext("/status", h -> guarded(h, "GET", token, () ->
        send(h, 200, "application/json", JSON.writeValueAsString(status.get()) + "\n")));
    s.createContext("/healthz", h -> guarded(h, "GET", token, () -> {
      List<String> why = unhealthy.get();
      send(h, why.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
          why.isEmpty() ? "ok\n" : String.join("\n", why) + "\n");
    }));
    s.createContext("/", h -> guarded(h, "GET", token, () -> StatusPage.serve(h, token)));
    if (pauses != null) { // null: a test endpoint without pauses
      s.createContext("/pause", h -> guarded(h, "POST", token,
          () -> PauseRequests.handle(h, true, workers, pauses)));
      s.createContext("/resume", h -> guarded(h, "POST", token,
          () -> PauseRequests.handle(h, false, workers, pauses)));
    }
    s.createContext("/flush", h -> guarded(h, "POST", token, () -> flush(h, barrier)));
    s.createContext("/full-sync", h -> guarded(h, "POST", token,
        () -> ask(h, workers, "full sync", TargetWorker::requestFullSync)));
    s.createContext("/replay", h -> guarded(h, "POST", token,
        () -> ask(h, workers, "replay of the failed list", TargetWorker::requestReplay)));
    s.start();
    log.info("metrics and status on http://{}:{}/ (the status page; /metrics, /status, /healthz)",
        at.host().contains(":") ? "[" + at.host() + "]" : at.host(), s.getAddress().getPort());
    return new ControlServer(s, ex);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Handler {
    void handle() throws IOException, InterruptedException;
  }

  /** Method, proof and {@link ControlAuth} around every handler. */
  private static void guarded(HttpExchange h, String method, ControlToken token, Handler handler)
      throws IOException {
    try (h) {
      String challenge = h.getRequestHeaders().getFirst(CHALLENGE);
      if (challenge != null && challenge.matches("[0-9a-f]{16,128}")) {
        h.getResponseHeaders().set(PROOF, token.proof(challenge));
      }
      if (!h.getRequestMethod().equals(method)) {
        h.getResponseHeaders().add("Allow", method);
        send(h, 405, "text/plain", method + " only\n");
        return;
      }
      if (method.equals("POST")) {
        String refusal = ControlAuth.refusal(request(h), token);
        if (refusal != null) {
          send(h, 403, "text/plain", refusal + "\n");
          return;
        }
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

  /**
   * {@code POST /full-sync} and {@code POST /replay} ({@code ?target=NAME}, else every target):
   * posts the request to the chosen workers' mailboxes; they act on it between batches.
   */
  private static void ask(HttpExchange h, List<TargetWorker> workers, String what,
                          java.util.function.Consumer<TargetWorker> request) throws IOException {
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
      request.accept(w);
      log.info("target {}: {} requested", w.target().name(), what);
    }
    send(h, 202, "application/json", JSON.writeValueAsString(Map.of("queued",
        chosen.stream().map(w -> w.target().name()).toList())) + "\n");
  }

  /** The facts {@link ControlAuth} decides on. */
  public static ControlAuth.Request request(HttpExchange h) {
    var hd = h.getRequestHeaders();
    return new ControlAuth.Request(h.getRemoteAddress().getAddress().isLoopbackAddress(),
        hd.getFirst("Host"), hd.getFirst("Origin"), hd.getFirst("Sec-Fetch-Site"),
        hd.getFirst("Authorization"), hd.getFirst("X-Syncspool-Token"));
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

  static void send(HttpExchange h, int code, String type, String body) throws IOException {
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
