package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @AfterEach
  void cleanUp() throws Exception {
    if (f != null) {
      f.close(); // kills the daemon process too
    }
  }


  @Test
  void journaledEventsSurviveKillNine() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    f.writeConfig("", true);
    f.startJar(tmp.resolve("first.log"));
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

    assertThat(f.killJar()).isEqualTo(137); // SIGKILL: no clean stop, no flush

    f.rsyncd.restart();
    f.startJar(tmp.resolve("second.log"));
    f.awaitMirrored();
    assertThat(Files.readString(tmp.resolve("second.log"))).doesNotContain("full sync");
  }

  private void awaitLog(String log, String text) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(tmp.resolve(log)).contains(text));
  }
}
