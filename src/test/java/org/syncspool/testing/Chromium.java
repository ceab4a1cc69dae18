package org.syncspool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven through the DevTools protocol (a WebSocket, no library): one
 * page, navigate and evaluate JavaScript in it. The browser downloads nothing: networking,
 * updates, sync and first-run work are off.
 */
public final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

  private Chromium(Process process, WebSocket page) {
    this.process = process;
    this.page = page;
  }

  /** True when {@code /usr/bin/chromium} is there (.ci/run installs it). */
  public static boolean installed() {
    return java.nio.file.Files.isExecutable(Path.of("/usr/bin/chromium"));
  }

  public static Chromium start(Path profile) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "about:blank")).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    Pattern ws = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    String port = null;
    for (String line; port == null && (line = out.readLine()) != null; ) {
      Matcher m = ws.matcher(line);
      if (m.find()) {
        port = m.group(1);
      }
    }
    if (port == null) {
      p.destroyForcibly();
      throw new IOException("chromium did not start its DevTools endpoint");
    }
    Thread drain = new Thread(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (IOException ignored) {
        // browser gone
      }
    }, "chromium-output");
    drain.setDaemon(true);
    drain.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + port + "/json/new?" + URLEncoder.encode("about:blank", StandardCharsets.UTF_8)))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    String wsUrl = JSON.readTree(r.body()).path("webSocketDebuggerUrl").asText();
    Chromium[] self = new Chromium[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl),
        new WebSocket.Listener() {
          private final StringBuilder buf = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
              String msg = buf.toString();
              buf.setLength(0);
              try {
                JsonNode j = JSON.readTree(msg);
                if (j.has("id") && self[0] != null) {
                  CompletableFuture<JsonNode> f = self[0].replies.remove(j.path("id").asInt());
                  if (f != null) {
                    f.complete(j);
                  }
                }
              } catch (IOException ignored) {
                // not JSON: not ours
              }
            }
            w.request(1);
            return null;
          }
        }).join();
    self[0] = new Chromium(p, socket);
    return self[0];
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    replies.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    page.sendText(JSON.writeValueAsString(msg), true).join();
    JsonNode reply = f.get(60, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.path("error"));
    }
    return reply.path("result");
  }

  public void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** The value of {@code expression} (a promise is awaited), as JSON. */
  public JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(expression + ": " + r.path("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** {@link #eval} as a string ("" for undefined or null). */
  public String text(String expression) throws Exception {
    JsonNode v = eval(expression);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  @Override
  public void close() {
    page.abort();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // not thrown: try-with-resources would swallow it
    }
  }
}
