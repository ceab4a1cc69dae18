package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.service.http.Endpoint;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.TreeAssert;

/**
 * The operator's view of a running daemon: its HTTP endpoint on loopback, and the status, flush
 * and full-sync commands (the shaded jar, as a separate process) against it. Real watcher,
 * journal, rsync, a local target and a loopback rsync daemon.
 */
class ServiceIT {
  @TempDir
  Path tmp;

  private ReplicationFixture f;
  private Daemon daemon;
  private Endpoint endpoint;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    f = new ReplicationFixture(tmp);
    Path conf = f.writeConfig("", true);
    port = f.httpPort;
    daemon = new Daemon(ConfigLoader.load(conf), false, new SystemProcessRunner(), "rsync");
    endpoint = Endpoint.around(daemon);
    daemon.start();
    endpoint.serve();
    assertThat(endpoint.port()).isEqualTo(port);
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    daemon.close();
    f.close();
  }

  @Test
  void metricsAnswerOnLoopbackWithTheDocumentedNamesAfterASync() throws Exception {
    Files.writeString(f.source.resolve("a.txt"), "hello");
    f.awaitMirrored();
    // The batch is on the targets a moment before the listener counted it: poll the scrape.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String m = get("/metrics").body();
      assertThat(m).contains("syncspool_events_total{kind=\"close_write\"}")
          .contains("syncspool_journal_appends_total")
          .containsPattern("syncspool_rsync_runs_total\\{outcome=\"done\",target=\"/[^\"]*mirror\"\\} [1-9]")
          .contains("syncspool_batches_total{result=\"synced\"")
          .contains("syncspool_rsync_duration_seconds_count")
          .contains("syncspool_batch_paths_count")
          .contains("syncspool_replication_latency_seconds_bucket")
          .contains("syncspool_target_backlog{target=")
          .contains("syncspool_target_lag_seconds{target=")
          .contains("syncspool_target_failed_paths{target=")
          .contains("syncspool_target_up{target=")
          .contains("syncspool_watches ")
          .contains("syncspool_watches_limit ")
          .contains("syncspool_overflows_total");
    });
    // Every metric the shipped dashboard and alerts use exists.
    String scrape = get("/metrics").body();
    for (String doc : List.of("docs/grafana-dashboard.json", "docs/prometheus-alerts.yml")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("syncspool_[a-z_]+")
          .matcher(Files.readString(Path.of(doc)));
      while (m.find()) {
        assertThat(scrape).as(doc).contains("\n" + m.group());
      }
    }
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(get("/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain"));
  }

  /**
   * Issue 11 section 2: /healthz is not 200 while a target is parked (a client password file
   * others can read: rsync refuses every run, the listing too), and is again once it delivers;
   * the thread-deaths counter is there for every supervised thread.
   */
  @Test
  void healthzFailsWhileATargetIsParked() throws Exception {
    Path pass = f.rsyncd.passwordFile();
    java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
        Files.getPosixFilePermissions(pass);
    Files.setPosixFilePermissions(pass,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    // A change at each poll: the first ones may still go through a standby rsync that had
    // read the password before the mode changed (3.2.7 with fanotify under load, once); the
    // next run must start cold, and fails.
    int[] n = {0};
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Files.writeString(f.source.resolve("parked" + n[0]++ + ".txt"), "p");
      HttpResponse<String> h = get("/healthz");
      assertThat(h.statusCode()).isEqualTo(503);
      assertThat(h.body()).contains("PARKED");
    });
    assertThat(get("/metrics").body())
        .containsPattern("syncspool_thread_deaths_total\\{thread=\"syncspool-(inotify|fanotify)\"\\} 0")
        .contains("syncspool_thread_deaths_total{thread=\"syncspool-schedule\"} 0")
        .containsPattern("syncspool_thread_deaths_total\\{thread=\"syncspool-worker-[^\"]+\"\\} 0");

    Files.setPosixFilePermissions(pass, mode);
    f.awaitMirrored();
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(get("/healthz").statusCode()).isEqualTo(200));
  }

  @Test
  void statusJsonOfTheCommandIsTheEndpointsStatus() throws Exception {
    Files.writeString(f.source.resolve("b.txt"), "b");
    f.awaitMirrored();
    await().atMost(Duration.ofSeconds(30)).until(() -> daemon.workers().stream()
        .allMatch(w -> w.state().name().equals("IDLE") && w.backlog() == 0));
    JsonNode fromHttp = new ObjectMapper().readTree(get("/status").body());
    // sersync elements that loading logs about at INFO must not end up in the JSON on stdout
    Path conf = tmp.resolve("with-plugin.xml");
    Files.writeString(conf, Files.readString(f.configFile).replace("<debug start=\"false\"/>",
        "<debug start=\"false\"/><fileSystem xfs=\"false\"/><plugin name=\"command\"/>"));
    Run cli = syncspool("status", "--json", "-o", conf.toString());
    assertThat(cli.code()).as(cli.err()).isZero();
    assertThat(new ObjectMapper().readTree(cli.out())).isEqualTo(fromHttp);
    assertThat(fromHttp.at("/roots/0/targets")).hasSize(2);
    assertThat(fromHttp.at("/roots/0/targets/0/state").asText()).isEqualTo("IDLE");
    assertThat(fromHttp.at("/roots/0/targets/0/lastSuccess").isNull()).isFalse();

    Run table = syncspool("status", "-o", f.configFile.toString());
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains("TARGET", "IDLE", f.mirror.toString());
  }

  @Test
  void flushReturnsOnlyAfterAFileWrittenJustBeforeIsOnEveryTarget() throws Exception {
    byte[] big = new byte[4 << 20];
    new java.util.Random(1).nextBytes(big);
    Files.write(f.source.resolve("just-before.bin"), big);
    Run r = syncspool("flush", "--timeout", "60", "-o", f.configFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("flushed in ");
    for (Path target : f.targets()) {
      assertThat(target.resolve("just-before.bin")).hasBinaryContent(big);
      try (var s = Files.list(target)) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.startsWith(".syncspool-flush-"));
      }
    }
    try (var s = Files.list(f.source)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("cookies are removed").noneMatch(n -> n.startsWith(".syncspool-flush-"));
    }
  }

  @Test
  void flushTimesOutNonZeroWhileATargetIsDown() throws Exception {
    f.rsyncd.stop();
    Files.writeString(f.source.resolve("c.txt"), "c");
    Run r = syncspool("flush", "--timeout", "3", "-o", f.configFile.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(75);
    assertThat(r.err()).contains("flush timed out").contains("127.0.0.1");
    // The local target is not held back by the one that is down.
    assertThat(f.mirror.resolve("c.txt")).hasContent("c");
    // status and metrics say which one is down and how far behind it is
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode down = null;
      for (JsonNode t : new ObjectMapper().readTree(get("/status").body()).at("/roots/0/targets")) {
        if (t.path("name").asText().startsWith("127.0.0.1::")) {
          down = t;
        }
      }
      assertThat(down).isNotNull();
      assertThat(down.path("state").asText()).isEqualTo("BACKING_OFF");
      assertThat(down.path("lagSeconds").asDouble()).isPositive();
      assertThat(down.path("backlog").asLong()).isPositive();
      assertThat(get("/metrics").body())
          .containsPattern("syncspool_target_up\\{target=\"127\\.0\\.0\\.1::[^\"]+\"\\} 0\\.0")
          .containsPattern("syncspool_rsync_runs_total\\{outcome=\"unreachable\",target=\"127[^\"]+\"\\} [1-9]");
    });
  }

  @Test
  void fullSyncOnDemandBringsBackWhatWasChangedBehindOurBack() throws Exception {
    Files.writeString(f.source.resolve("d.txt"), "d");
    f.awaitMirrored();
    Files.delete(f.mirror.resolve("d.txt")); // someone tampered with one target
    Run unknown = syncspool("full-sync", "--target", "nope", "-o", f.configFile.toString());
    assertThat(unknown.code()).isEqualTo(64);
    Run r = syncspool("full-sync", "--target", f.mirror.toString(), "-o", f.configFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(
        () -> TreeAssert.assertMirrors(f.source, f.mirror));
  }

  @Test
  void statusWithoutADaemonSaysSoAndExits69() throws Exception {
    Path other = tmp.resolve("other.xml");
    Files.writeString(other, Files.readString(f.configFile)
        .replace("port=\"" + port + "\"", "port=\"" + RsyncDaemon.freePort() + "\""));
    Run r = syncspool("status", "-o", other.toString());
    assertThat(r.code()).isEqualTo(69);
    assertThat(r.err()).contains("no syncspool daemon answers on http://127.0.0.1:")
        .contains("showing the journal and failed lists on disk");
    assertThat(r.out()).contains("is not running", "NOT_RUNNING", f.mirror.toString());
    // the same from disk as JSON: every target, read from the (read-only) journal
    Run json = syncspool("status", "--json", "-o", other.toString());
    assertThat(json.code()).isEqualTo(69);
    JsonNode s = new ObjectMapper().readTree(json.out());
    assertThat(s.path("pid").asLong()).isZero();
    assertThat(s.at("/roots/0/targets")).hasSize(2)
        .allSatisfy(t -> assertThat(t.path("state").asText()).isEqualTo("NOT_RUNNING"));
  }

  /** The integration tests' config (sersync elements, auth, our extensions) fits the schema. */
  @Test
  void theFixturesConfigIsSchemaValid() throws Exception {
    javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Path.of("conf/syncspool.xsd").toFile()).newValidator()
        .validate(new javax.xml.transform.stream.StreamSource(f.configFile.toFile()));
  }

  @Test
  void controlRequestsNeedPost() throws Exception {
    assertThat(get("/flush").statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  record Run(int code, String out, String err) {}

  /** The shaded jar, run as an operator runs it. */
  private static Run syncspool(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>(List.of(java, "-jar", "target/syncspool.jar"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException ignored) {
        // process gone
      }
    });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    t.join();
    return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
  }
}
