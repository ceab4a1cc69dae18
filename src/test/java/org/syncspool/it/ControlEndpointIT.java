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
