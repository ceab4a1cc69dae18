package org.syncspool.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.http.ControlToken;

/**
 * Talks to a running daemon's endpoint (the config's {@code <host hostip port>}), and makes sure
 * it is the daemon: every request carries a fresh challenge, and an answer without the proof of
 * the control token in {@code STATEDIR/control.token} is an impostor on the port (a process that
 * bound it first): refused, exit 69. A POST sends the token, after a proven GET, so an impostor
 * never sees it. A user who cannot read the token gets unverified GETs and no POSTs (exit 77).
 */
final class ControlClient {
  record Reply(int code, String body) {}

  private final URI base;
  private final Path stateDir;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** @param stateDir the daemon's state directory, where its control token is */
  ControlClient(HttpEndpoint at, Path stateDir) {
    this.base = URI.create("http://" + connectHost(at.host()) + ":" + at.port());
    this.stateDir = stateDir;
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
    Optional<ControlToken> token = token(false);
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token.orElse(null));
  }

  /** POST; {@code wait} bounds the whole request (a flush takes as long as it takes). */
  Reply post(String path, Duration wait) throws FatalException, InterruptedException {
    ControlToken token = token(true).orElseThrow();
    send(HttpRequest.newBuilder(base.resolve("/healthz")).GET(), token); // proven before...
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(wait) // ...the token goes
        .header("Authorization", "Bearer " + token.value())
        .POST(HttpRequest.BodyPublishers.noBody()), token);
  }

  static String param(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * The daemon's token; empty when this user may not read it and {@code required} is false.
   * No token file at all: whatever answers is not a daemon of this state directory.
   */
  private Optional<ControlToken> token(boolean required) throws FatalException {
    Path file = stateDir.resolve(ControlToken.FILE);
    try {
      Optional<ControlToken> t = ControlToken.read(stateDir);
      if (t.isEmpty()) {
        throw new FatalException(ExitCode.UNAVAILABLE, "no syncspool daemon of " + stateDir
            + " is running: " + file + " is missing (started with another --state-dir?)");
      }
      return t;
    } catch (AccessDeniedException e) {
      if (required) {
        throw new FatalException(ExitCode.NOPERM, "cannot read " + file + " (permission "
            + "denied): control requests need the daemon's user");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new FatalException(ExitCode.NOPERM, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private Reply send(HttpRequest.Builder req, ControlToken token)
      throws FatalException, InterruptedException {
    String challenge = ControlToken.challenge();
    try {
      HttpResponse<String> r = http.send(req.header("X-Syncspool-Challenge", challenge).build(),
          HttpResponse.BodyHandlers.ofString());
      if (token != null && !proven(r.headers().firstValue("X-Syncspool-Proof").orElse(""),
          token.proof(challenge))) {
        throw new FatalException(ExitCode.UNAVAILABLE, "the process answering on " + base
            + " is not the syncspool daemon of " + stateDir + " (no proof of its control token: "
            + "another process holds the port, or the daemon's endpoint did not start)");
      }
      return new Reply(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new FatalException(ExitCode.UNAVAILABLE, "no syncspool daemon answers on " + base
          + " (not running, or running with another <host hostip port>?)");
    } catch (IOException e) {
      throw new FatalException(ExitCode.UNAVAILABLE, "request to " + base + " failed: " + e);
    }
  }

  private static boolean proven(String got, String expected) {
    return MessageDigest.isEqual(got.getBytes(StandardCharsets.US_ASCII),
        expected.getBytes(StandardCharsets.US_ASCII));
  }
}
