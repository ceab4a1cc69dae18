package org.syncspool.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;

/** Talks to a running daemon's endpoint (the config's {@code <host hostip port>}). */
final class ControlClient {
  record Reply(int code, String body) {}

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  ControlClient(HttpEndpoint at) {
    this.base = URI.create("http://" + connectHost(at.host()) + ":" + at.port());
  }

  /** A daemon bound to the wildcard address is reached on loopback. */
  static String connectHost(String host) {
    if (host.equals("0.0.0.0") || host.isEmpty()) {
      return "127.0.0.1";
    }
    if (host.equals("::") || host.equals("[::]")) {
      return "[::1]";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  Reply get(String path) throws FatalException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  /** POST; {@code wait} bounds the whole request (a flush takes as long as it takes). */
  Reply post(String path, Duration wait) throws FatalException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(wait)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  static String param(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Reply send(HttpRequest req) throws FatalException, InterruptedException {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new FatalException(ExitCode.UNAVAILABLE, "no syncspool daemon answers on " + base
          + " (not running, or running with another <host hostip port>?)");
    } catch (IOException e) {
      throw new FatalException(ExitCode.UNAVAILABLE, "request to " + base + " failed: " + e);
    }
  }
}
