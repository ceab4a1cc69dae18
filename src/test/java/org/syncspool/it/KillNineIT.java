package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.TreeAssert;

/**
 * The daemon process is killed with SIGKILL while one target is down and events for it sit in
 * the journal; the next start (without -r) delivers them from the journal.
 */
class KillNineIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;
  Process daemon;

  @AfterEach
  void cleanUp() throws Exception {
    if (daemon != null) {
      daemon.destroyForcibly().waitFor();
    }
    if (f != null) {
      f.close();
    }
  }

  private Process startJar(String log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(List.of(java, "-jar", "target/syncspool.jar", "run", "-o",
        f.configFile.toString()))
        .redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
  }

  @Test
  void journaledEventsSurviveKillNine() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    f.writeConfig("", true);
    daemon = startJar("first.log");
    awaitLog("first.log", "replicating to 2 target(s)"); // the watches are in place
    Files.writeString(f.source.resolve("up.txt"), "while everything is up");
    f.awaitMirrored();

    f.rsyncd.stop();
    Files.createDirectories(f.source.resolve("during/outage"));
    Files.writeString(f.source.resolve("during/outage/a.txt"), "a");
    Files.writeString(f.source.resolve("up.txt"), "changed during the outage");
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> TreeAssert.assertMirrors(f.source, f.mirror));
    // The daemon target's worker is retrying; the events are only in the journal now.
    awaitLog("first.log", "rsync exit");

    daemon.destroyForcibly(); // SIGKILL: no clean stop, no flush
    assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isEqualTo(137);

    f.rsyncd.restart();
    daemon = startJar("second.log");
    f.awaitMirrored();
    assertThat(Files.readString(tmp.resolve("second.log"))).doesNotContain("full sync");
  }

  private void awaitLog(String log, String text) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(tmp.resolve(log)).contains(text));
  }
}
