package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.service.http.Endpoint;
import org.syncspool.testing.Chromium;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.TreeAssert;
import org.syncspool.worker.Lanes;
import org.syncspool.worker.TargetWorker;

/**
 * The big-file lane (issue 12 item 3) with real parts: inotify, the journal, a loopback rsync
 * daemon with auth and a local target. A big file slowed by {@code --bwlimit} (the targets'
 * commonParams) lasts seconds; small files written meanwhile arrive before it, through the small
 * lane; then the big one arrives intact. kill -9 during the big transfer: the cursor was held
 * before the big file's record, and the restart sends it.
 */
class BigFileLaneIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** 6 MiB at 512 KiB/s: about 12 s per target, far above a small file's run. */
  private static final int BIG = 6 << 20;
  private static final String DAEMON_TARGET = "127.0.0.1::" + RsyncDaemon.MODULE;

  @TempDir
  Path tmp;
  private ReplicationFixture f;

  @AfterEach
  void cleanUp() {
    if (f != null) {
      f.close();
    }
  }

  private void configure() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    // No -z: random bytes do not compress, and the limit is on what is sent.
    f.commonParams = "-art --bwlimit=512";
    f.writeConfig("", true, "bigFileLane=\"1M\"");
  }

  /** Written outside the root, then moved in: one event, the file whole when it is looked at. */
  private Path moveInBig(String name) throws Exception {
    byte[] data = new byte[BIG];
    new Random(42).nextBytes(data);
    Path outside = Files.write(f.base.resolve(name + ".tmp"), data);
    return Files.move(outside, f.source.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private void assertNotArrived(String name) {
    for (Path t : f.targets()) {
      assertThat(t.resolve(name)).as("%s on %s before its transfer can have ended", name, t)
          .doesNotExist();
    }
  }

  private void awaitArrived(String name, String content) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      for (Path t : f.targets()) {
        assertThat(t.resolve(name)).hasContent(content);
      }
    });
  }

  @Test
  void smallFilesArriveWhileABigOneTransfersThenTheBigOneArrivesIntact() throws Exception {
    configure();
    Endpoint[] ep = new Endpoint[1];
    f.start(false, d -> ep[0] = Endpoint.around(d));
    try (Endpoint endpoint = ep[0]) {
      endpoint.serve();
      smallFilesGoOnBesideTheBigOne("http://127.0.0.1:" + endpoint.port());
    }
  }

  private void smallFilesGoOnBesideTheBigOne(String base) throws Exception {
    Files.writeString(f.source.resolve("before.txt"), "before");
    f.awaitMirrored(); // the first start's full sync is done

    moveInBig("big.bin");
    List<TargetWorker> workers = f.daemon().workers();
    await().atMost(WAIT).until(() -> workers.stream().allMatch(w -> w.bigLane() != null
        && w.bigLane().state() == Lanes.State.SENDING));
    for (int i = 0; i < 3; i++) {
      Files.writeString(f.source.resolve("small" + i + ".txt"), "small " + i);
      awaitArrived("small" + i + ".txt", "small " + i);
    }
    assertNotArrived("big.bin");
    assertThat(workers).allMatch(w -> w.backlog() > 0, "the cursor waits for the big file");
    assertThat(workers.get(0).bigLane().first()).hasToString("big.bin");
    // The status the daemon serves says so too: /status, and the page's row under the target.
    String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
    for (com.fasterxml.jackson.databind.JsonNode t : new com.fasterxml.jackson.databind
        .ObjectMapper().readTree(status).path("roots").path(0).path("targets")) {
      com.fasterxml.jackson.databind.JsonNode lane = t.path("bigLane");
      assertThat(lane.path("state").asText()).as(status).isEqualTo("SENDING");
      assertThat(lane.path("sending").asInt()).isEqualTo(1);
      assertThat(lane.path("queued").asInt()).isZero();
      assertThat(lane.path("path").asText()).isEqualTo("big.bin");
      assertThat(lane.path("thresholdBytes").asLong()).isEqualTo(1 << 20);
    }
    if (Chromium.installed()) {
      try (Chromium browser = Chromium.start(tmp.resolve("profile"))) {
        browser.navigate(base + "/");
        String row = "(document.querySelector('tr[data-lane-of=\"" + DAEMON_TARGET
            + "\"]') || {}).textContent";
        await().atMost(WAIT).until(() -> String.valueOf(browser.text(row))
            .contains("big-file lane SENDING: 1 sending, 0 queued (big.bin)"));
      }
    }
    assertNotArrived("big.bin");

    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      TreeAssert.assertMirrors(f.source, f.mirror);
      TreeAssert.assertMirrors(f.source, f.rsyncd.moduleDir());
    });
    await().atMost(WAIT).until(() -> workers.stream().allMatch(w -> w.backlog() == 0
        && w.bigLane().state() == Lanes.State.IDLE));
  }

  @Test
  void killNineDuringTheBigTransferResendsItAfterTheRestart() throws Exception {
    configure();
    f.startJar(tmp.resolve("first.log"));
    awaitLog("first.log", "replicating to 2 target(s)");
    Files.writeString(f.source.resolve("before.txt"), "before");
    f.awaitMirrored();

    moveInBig("big.bin");
    awaitLog("first.log", DAEMON_TARGET + " (big-file lane): sending 1 path(s)");
    Files.writeString(f.source.resolve("after.txt"), "after");
    awaitArrived("after.txt", "after"); // the small lane committed what it could meanwhile
    assertNotArrived("big.bin");

    assertThat(f.killJar()).isEqualTo(137);
    assertNotArrived("big.bin");
    // The daemon target's cursor stands before the big file's record: nothing was lost.
    Path dump = tmp.resolve("dump.txt");
    assertThat(f.runJar(dump, "journal", "dump", "-o", f.configFile.toString(), "--target",
        DAEMON_TARGET)).isZero();
    String text = Files.readString(dump);
    int mark = text.indexOf("'s cursor: the records below are not yet on the target");
    assertThat(mark).as(text).isPositive();
    assertThat(text.indexOf("big.bin", mark)).as(text).isPositive();

    f.startJar(tmp.resolve("second.log"));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      TreeAssert.assertMirrors(f.source, f.mirror);
      TreeAssert.assertMirrors(f.source, f.rsyncd.moduleDir());
    });
    assertThat(Files.readString(tmp.resolve("second.log"))).doesNotContain("full sync");
  }

  private void awaitLog(String log, String text) {
    await().atMost(WAIT).until(() -> Files.readString(tmp.resolve(log)).contains(text));
  }
}
