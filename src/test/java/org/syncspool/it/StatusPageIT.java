package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.service.http.ControlToken;
import org.syncspool.service.http.Endpoint;
import org.syncspool.testing.Chromium;
import org.syncspool.testing.RsyncDaemon;

/**
 * The status page in real headless Chromium against a real daemon: it shows the rsync daemon
 * target going down and coming back, and its buttons work with the token the page was opened
 * with (flush, pause and resume, replay, full sync); it shows the last audit in words; the page
 * an anonymous GET gets carries no token and no buttons.
 */
class StatusPageIT {
  @TempDir Path tmp;

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void showsATargetGoingDownAndComingBackAndItsButtonsWork() throws Exception {
    Assumptions.assumeTrue(Chromium.installed() || System.getenv("CI") != null,
        "no /usr/bin/chromium (.ci/run installs it)");
    try (ReplicationFixture f = new ReplicationFixture(tmp.resolve("f"))) {
      f.engineElements = "<verify every=\"24h\"/>"; // runs when the test calls it
      f.writeConfig("", true);
      Endpoint[] ep = new Endpoint[1];
      f.start(true, d -> ep[0] = Endpoint.around(d));
      try (Endpoint endpoint = ep[0]; Chromium browser = Chromium.start(tmp.resolve("profile"))) {
        endpoint.serve();
        f.awaitMirrored();
        String base = "http://127.0.0.1:" + endpoint.port();
        String token = ControlToken.read(f.state).orElseThrow().value();

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Content-Security-Policy").orElse(""))
            .contains("default-src 'none'");
        assertThat(anonymous.body()).doesNotContain(token).contains("const TOKEN = \"\";")
            .doesNotContain("http://").doesNotContain("https://");

        browser.navigate(base + "/?token=" + token);
        String daemonTarget = "127.0.0.1::" + RsyncDaemon.MODULE;
        String state = "(document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] .state') || {}).textContent";
        await().atMost(WAIT).until(() -> browser.text(state).equals("IDLE"));
        assertThat(browser.text("location.href")).as("token not left in the address bar")
            .isEqualTo(base + "/");
        assertThat(browser.text("document.getElementById('roots').textContent"))
            .contains(f.source.toString()).contains(f.mirror.toString());

        f.rsyncd.stop();
        // A standby rsync connected before the stop may still deliver one batch: keep changing
        // files until the target's next connection is refused.
        int[] n = {0};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
          Files.writeString(f.source.resolve("while-down-" + n[0]++ + ".txt"), "x");
          return browser.text(state).equals("BACKING_OFF");
        });
        f.rsyncd.restart();
        await().atMost(WAIT).until(() -> browser.text(state).equals("IDLE"));
        f.awaitMirrored();

        browser.eval("document.getElementById('flush').click()");
        await().atMost(WAIT).until(() -> browser.text(
            "document.getElementById('message').textContent").startsWith("flush: 200"));
        browser.eval("document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] button.pause').click()");
        await().atMost(WAIT).until(() -> browser.text(state).equals("PAUSED"));
        assertThat(f.daemon().pauses().until(f.daemon().workers().stream()
            .filter(w -> w.target().name().equals(daemonTarget)).findFirst().orElseThrow()
            .target())).isPositive();
        await().atMost(WAIT).until(() -> browser.text("(document.querySelector('tr[data-target=\""
            + daemonTarget + "\"] button.pause') || {}).textContent").equals("Resume"));
        browser.eval("document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] button.pause').click()");
        await().atMost(WAIT).until(() -> browser.text(state).equals("IDLE"));
        // the last audit, as words
        f.daemon().audits().runOnce();
        String audit = "(document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] .audit') || {}).textContent";
        await().atMost(WAIT).until(() -> browser.text(audit).startsWith("ok ("));

        // Replay: a path on the failed list whose copy the target lost comes back
        Files.writeString(f.source.resolve("replayed.txt"), "again");
        f.awaitMirrored();
        Path lost = f.rsyncd.moduleDir().resolve("replayed.txt");
        Files.delete(lost);
        org.syncspool.config.Config c = org.syncspool.config.ConfigLoader.load(f.configFile);
        org.syncspool.config.Target t = c.targets().stream()
            .filter(x -> x.name().equals(daemonTarget)).findFirst().orElseThrow();
        org.syncspool.service.TargetParts.failedList(c, t).append(java.util.List.of(
            new org.syncspool.failures.FailedEntry(java.time.Instant.now(), t.id(),
                "replayed.txt".getBytes(java.nio.charset.StandardCharsets.UTF_8), false, 10, 3,
                "made by the test")));
        browser.eval("document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] button.replay').click()");
        await().atMost(WAIT).until(() -> browser.text(
            "document.getElementById('message').textContent")
            .startsWith("replay of " + daemonTarget + ": 202"));
        await().atMost(WAIT).until(() -> Files.exists(lost));
        assertThat(lost).hasContent("again");

        browser.eval("document.querySelector('tr[data-target=\"" + daemonTarget
            + "\"] button.fullsync').click()");
        await().atMost(WAIT).until(() -> browser.text(
            "document.getElementById('message').textContent")
            .startsWith("full sync of " + daemonTarget + ": 202"));
      } finally {
        f.stopDaemon();
      }
    }
  }
}
