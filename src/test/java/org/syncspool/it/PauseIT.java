package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.cli.Main;
import org.syncspool.service.http.Endpoint;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerState;
import org.syncspool.testing.RsyncDaemon;

/**
 * {@code syncspool pause/resume} against the real daemon: a paused target gets nothing while the
 * other goes on, stays paused over a restart, and catches up on resume; a timed pause ends by
 * itself.
 */
class PauseIT {
  @TempDir Path tmp;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DAEMON_TARGET = "127.0.0.1::" + RsyncDaemon.MODULE;

  private static TargetWorker worker(ReplicationFixture f, String name) {
    return f.daemon().workers().stream().filter(w -> w.target().name().equals(name))
        .findFirst().orElseThrow();
  }

  private static Endpoint start(ReplicationFixture f) throws Exception {
    Endpoint[] ep = new Endpoint[1];
    f.start(false, d -> ep[0] = Endpoint.around(d));
    ep[0].serve();
    return ep[0];
  }

  @Test
  void aPausedTargetKeepsItsCursorOverARestartAndCatchesUpOnResume() throws Exception {
    try (ReplicationFixture f = new ReplicationFixture(tmp.resolve("f"))) {
      f.writeConfig("", true);
      Endpoint first = start(f);
      try {
        Files.writeString(f.source.resolve("before.txt"), "0");
        f.awaitMirrored();
        String conf = f.configFile.toString();
        assertThat(Main.execute("pause", "-o", conf, "--target", DAEMON_TARGET)).isZero();
        await().atMost(WAIT).until(() -> worker(f, DAEMON_TARGET).state() == WorkerState.PAUSED);
        Files.writeString(f.source.resolve("while-paused.txt"), "1");
        await().atMost(WAIT).until(() -> Files.exists(f.mirror.resolve("while-paused.txt")));
        assertThat(f.rsyncd.moduleDir().resolve("while-paused.txt")).doesNotExist();
        await().atMost(WAIT).until(() -> worker(f, DAEMON_TARGET).backlog() > 0);
        assertThat(first.status().roots().get(0).targets()).anySatisfy(t -> {
          assertThat(t.name()).isEqualTo(DAEMON_TARGET);
          assertThat(t.state()).isEqualTo("PAUSED");
          assertThat(t.pausedUntil()).isEqualTo("resume");
        });
        CliIT.Run check = CliIT.syncspool("check-config", "-o", conf);
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("target " + DAEMON_TARGET
            + ": paused until resumed (syncspool resume to go on)");
        assertThat(first.metrics().scrape()).containsPattern(
            "syncspool_target_paused\\{target=\"" + DAEMON_TARGET.replace(".", "\\.")
                + "\"\\} 1\\.0");
      } finally {
        first.close();
        f.stopDaemon();
      }

      Endpoint second = start(f);
      try {
        Files.writeString(f.source.resolve("after-restart.txt"), "2");
        await().atMost(WAIT).until(() -> Files.exists(f.mirror.resolve("after-restart.txt")));
        await().atMost(WAIT).until(() -> worker(f, DAEMON_TARGET).state() == WorkerState.PAUSED);
        assertThat(f.rsyncd.moduleDir().resolve("while-paused.txt")).doesNotExist();
        assertThat(Main.execute("resume", "-o", f.configFile.toString())).isZero();
        f.awaitMirrored();
        assertThat(worker(f, DAEMON_TARGET).state()).isNotEqualTo(WorkerState.PAUSED);

        // a timed pause ends by itself
        assertThat(Main.execute("pause", "-o", f.configFile.toString(), "--for", "2s")).isZero();
        await().atMost(WAIT).until(() -> worker(f, DAEMON_TARGET).state() == WorkerState.PAUSED);
        Files.writeString(f.source.resolve("timed.txt"), "3");
        f.awaitMirrored();
        assertThat(Main.execute("pause", "-o", f.configFile.toString(), "--for", "soon"))
            .isEqualTo(64);
        assertThat(Main.execute("pause", "-o", f.configFile.toString(), "--target", "nope"))
            .isEqualTo(64);
      } finally {
        second.close();
        f.stopDaemon();
      }
    }
  }
}
