package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.TreeAssert;

/** What the journal promises across restarts, and the -r initial sync. */
class DurabilityIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void eventsStillInTheJournalAreDeliveredAfterARestart() throws Exception {
    f = new ReplicationFixture(tmp);
    f.start(false);
    Files.writeString(f.source.resolve("before.txt"), "synced while all is up");
    f.awaitMirrored();

    // The daemon target goes down: its worker retries, its cursor holds.
    f.rsyncd.stop();
    Files.createDirectories(f.source.resolve("while-down"));
    Files.writeString(f.source.resolve("while-down/a.txt"), "a");
    Files.writeString(f.source.resolve("b.txt"), "b");
    Files.delete(f.source.resolve("before.txt"));
    // The local target keeps up: a down target does not hold the other back.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(() -> TreeAssert.assertMirrors(f.source, f.mirror));
    assertThat(f.rsyncd.moduleDir().resolve("b.txt")).doesNotExist();

    // Stop syncspool with those events unsynced for the daemon target, bring the target back,
    // start again without -r: the journal alone must deliver them.
    f.stopDaemon();
    f.rsyncd.restart();
    f.start(false);
    f.awaitMirrored();
    assertThat(f.rsyncd.moduleDir().resolve("before.txt")).doesNotExist();
  }

  @Test
  void initialSyncRunsAfterTheWatchesAndBringsTargetsToTheSource() throws Exception {
    f = new ReplicationFixture(tmp);
    Files.createDirectories(f.source.resolve("old/tree"));
    Files.writeString(f.source.resolve("old/tree/file.txt"), "present before start");
    Files.createDirectories(f.mirror.resolve("stale"));
    Files.writeString(f.mirror.resolve("stale/gone.txt"), "not on the source");
    Files.writeString(f.rsyncd.moduleDir().resolve("stale.txt"), "not on the source");
    f.start(true);
    Files.writeString(f.source.resolve("during.txt"), "changed while the full sync runs");
    f.awaitMirrored();
  }

  @Test
  void excludedPathsNeverReachTheTargets() throws Exception {
    f = new ReplicationFixture(tmp);
    f.writeConfig("""
        <filter start="true">
          <exclude expression="(.*)\\.tmp"/>
          <exclude expression="cache"/>
        </filter>""", true);
    Files.createDirectories(f.source.resolve("cache"));
    Files.writeString(f.source.resolve("cache/big.bin"), "excluded dir content");
    f.start(true);
    Files.writeString(f.source.resolve("keep.txt"), "k");
    Files.writeString(f.source.resolve("scratch.tmp"), "excluded");
    Files.writeString(f.source.resolve("cache/new.bin"), "excluded dir, not even watched");
    Files.createDirectories(f.source.resolve("sub"));
    Files.writeString(f.source.resolve("sub/x.tmp"), "excluded");
    Files.writeString(f.source.resolve("sub/y.txt"), "y");
    for (Path target : f.targets()) {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(target.resolve("keep.txt")).exists();
        assertThat(target.resolve("sub/y.txt")).exists();
      });
      assertThat(target.resolve("scratch.tmp")).doesNotExist();
      assertThat(target.resolve("cache")).doesNotExist();
      assertThat(target.resolve("sub/x.tmp")).doesNotExist();
    }
  }

  @Test
  void deletesOffKeepsWhatTheSourceRemoved() throws Exception {
    f = new ReplicationFixture(tmp);
    f.writeConfig("", false);
    f.start(false);
    Files.writeString(f.source.resolve("kept.txt"), "k");
    f.awaitMirrored();
    Files.delete(f.source.resolve("kept.txt"));
    Files.writeString(f.source.resolve("marker.txt"), "m");
    for (Path target : f.targets()) {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> Files.exists(target.resolve("marker.txt")));
      assertThat(target.resolve("kept.txt")).exists();
    }
  }
}
