package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.cli.Main;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.service.http.ControlToken;
import org.syncspool.service.http.Endpoint;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.Nobody;
import org.syncspool.testing.RsyncDaemon;

/**
 * Issue 10 item 2 against a real daemon: POSTs need the token of the state directory, which
 * {@code nobody} cannot read; a foreign Host or Origin is refused; 400 stalled connections do
 * not grow the request threads past their bound; the CLI's flush and status refuse a process
 * that bound the port first.
 */
class ControlEndpointIT {
  @TempDir
  Path tmp;

  private Path config(int port) throws IOException {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(port, source, tmp.resolve("mirror"), tmp.resolve("state")));
    return conf;
  }

  /** One raw request (java.net.http will not send a foreign Host); returns the status code. */
  static int raw(int port, String method, String path, String... headers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      boolean host = false;
      for (String h : headers) {
        req.append(h).append("\r\n");
        host |= h.regionMatches(true, 0, "Host:", 0, 5);
      }
      if (!host) {
        req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      }
      req.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
      s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void onlyTheTokenFromTheStateDirectoryMakesTheDaemonWork() throws Exception {
    int port = RsyncDaemon.freePort();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Daemon daemon = new Daemon(ConfigLoader.load(config(port)), false,
        new SystemProcessRunner(), "rsync"); Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.start();
      endpoint.serve();
      Path tokenFile = tmp.resolve("state/" + ControlToken.FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
          .isEqualTo("rw-------");
      Files.setPosixFilePermissions(tmp.resolve("state"),
          PosixFilePermissions.fromString("rwxr-xr-x"));
      assertThatThrownBy(() -> Nobody.run("cat", tokenFile.toString()))
          .hasMessageContaining("Permission denied");
      // what nobody can send: everything but the token
      assertThat(Nobody.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
          "http://127.0.0.1:" + port + "/full-sync")).isEqualTo("403");
      String token = Files.readString(tokenFile).strip();
      String bearer = "Authorization: Bearer " + token;
      assertThat(raw(port, "POST", "/full-sync")).isEqualTo(403);
      assertThat(raw(port, "POST", "/full-sync", "Authorization: Bearer 00" + token))
          .isEqualTo(403);
      assertThat(raw(port, "POST", "/full-sync", bearer, "Host: evil.example:" + port))
          .as("DNS rebinding").isEqualTo(403);
      assertThat(raw(port, "POST", "/full-sync", bearer, "Origin: http://evil.example"))
          .as("a page elsewhere").isEqualTo(403);
      assertThat(raw(port, "POST", "/flush", "X-Syncspool-Token: " + token,
          "Origin: http://127.0.0.1:" + port, "Sec-Fetch-Site: same-origin"))
          .as("the daemon's own page").isEqualTo(200);
      assertThat(raw(port, "GET", "/healthz")).as("reads stay open").isEqualTo(200);
      assertThat(Main.execute("flush", "-o", tmp.resolve("syncspool.xml").toString()))
          .isZero();
      assertThat(Main.execute("full-sync", "-o", tmp.resolve("syncspool.xml").toString()))
          .isZero();
    }
  }

  /**
   * Issue 16 item 6: a real full sync (the first start's, rsync slowed to 2 MB/s by
   * {@code --bwlimit} so it lasts about 4 s) shows its progress in /status, in the status table
   * and in /metrics while it runs, and {@code full-sync --wait} returns 0 once a further full sync
   * is done and the mirror matches.
   */
  @Test
  void aFullSyncShowsItsProgressAndFullSyncWaitReturnsOnceItIsDone() throws Exception {
    int port = RsyncDaemon.freePort();
    Path source = Files.createDirectories(tmp.resolve("source"));
    byte[] chunk = new byte[40_000];
    java.util.Random random = new java.util.Random(16);
    for (int i = 0; i < 200; i++) {
      random.nextBytes(chunk); // each file its own: -z's compression would send copies as nothing
      Path d = Files.createDirectories(source.resolve("d" + i % 10));
      Files.write(d.resolve("f" + i), chunk);
    }
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath>
            <rsync><commonParams params="-artuz --bwlimit=2000"/></rsync></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(port, source, tmp.resolve("mirror"), tmp.resolve("state")));
    try (Daemon daemon = new Daemon(ConfigLoader.load(conf), false,
        new SystemProcessRunner(), "rsync"); Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.start(); // first start: a full sync
      endpoint.serve();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.util.function.Function<String, String> get = path -> {
        try {
          return http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      };
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      // While it runs: paths and bytes so far, counted from rsync's --info=progress2.
      com.fasterxml.jackson.databind.JsonNode progress = await()
          .pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30))
          .until(() -> json.readTree(get.apply("/status")).path("roots").path(0)
              .path("targets").path(0).path("progress").path(0),
              p -> p.path("bytes").asLong() > 0);
      assertThat(progress.path("work").asText()).isEqualTo("full_sync");
      assertThat(progress.path("bytes").asLong()).isBetween(1L, 8_000_000L);
      assertThat(progress.path("text").asText()).contains("paths");
      assertThat(get.apply("/metrics")).contains("syncspool_progress_bytes{target=\""
          + tmp.resolve("mirror") + "\",work=\"full_sync\"}");
      java.io.StringWriter table = new java.io.StringWriter();
      assertThat(Main.commandLine().setOut(new java.io.PrintWriter(table))
          .execute("status", "-o", conf.toString())).isZero();
      // the table line, unless the sync just ended (it has run ~1 of its ~4 s)
      assertThat(table.toString()).containsAnyOf("full sync running: ", "IDLE");

      java.io.StringWriter said = new java.io.StringWriter();
      int exit = Main.commandLine().setOut(new java.io.PrintWriter(said))
          .execute("full-sync", "--wait", "--timeout", "2m", "-o", conf.toString());
      assertThat(exit).as(said.toString()).isZero();
      assertThat(said.toString()).contains("full sync done: " + tmp.resolve("mirror"));
      org.syncspool.testing.TreeAssert.assertMirrors(source, tmp.resolve("mirror"));
      com.fasterxml.jackson.databind.JsonNode t = json.readTree(get.apply("/status"))
          .path("roots").path(0).path("targets").path(0);
      assertThat(t.path("fullSyncsDone").asLong()).isEqualTo(2);
      assertThat(t.path("progress")).isEmpty();
    }
  }

  @Test
  void stalledConnectionsDoNotGrowTheRequestThreadsPastTheirBound() throws Exception {
    int port = RsyncDaemon.freePort();
    try (Daemon daemon = new Daemon(ConfigLoader.load(config(port)), false,
        new SystemProcessRunner(), "rsync"); Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.start();
      endpoint.serve();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 400; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          s.getOutputStream().write("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              .getBytes(StandardCharsets.US_ASCII)); // and never the blank line
          idle.add(s);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
            .until(() -> httpThreads() <= 32);
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      // the stalled ones are dropped (their headers never came), and the endpoint answers again
      await().atMost(Duration.ofSeconds(120)).until(() -> raw(port, "GET", "/healthz") == 200);
    }
  }

  private static long httpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("syncspool-http")).count();
  }

  @Test
  void flushAndStatusRefuseAProcessThatBoundThePortFirst() throws Exception {
    HttpServer impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    impostor.createContext("/", h -> {
      byte[] b = "{\"flushed\":true,\"millis\":1,\"behind\":[],\"pid\":1,\"roots\":[]}\n"
          .getBytes(StandardCharsets.UTF_8);
      h.sendResponseHeaders(200, b.length);
      try (OutputStream out = h.getResponseBody()) {
        out.write(b);
      }
    });
    impostor.start();
    try {
      Path conf = config(impostor.getAddress().getPort());
      // a daemon of this state dir once ran (its token is there), but it is not who answers
      Files.createDirectories(tmp.resolve("state"));
      ControlToken.publish(tmp.resolve("state"));
      assertThat(Main.execute("flush", "-o", conf.toString())).isEqualTo(69);
      assertThat(Main.execute("full-sync", "-o", conf.toString())).isEqualTo(69);
      assertThat(Main.execute("status", "-o", conf.toString())).isEqualTo(69);
    } finally {
      impostor.stop(0);
    }
  }

}
