package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh connection reuse through a real sshd: syncspool's own ControlMaster (socket under the
 * state directory) carries every rsync run over ssh, so the runs log in once, not once each;
 * the master ends with the daemon.
 */
class SshIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void runsShareOneLoginThroughOurControlMaster() throws Exception {
    f = new ReplicationFixture(tmp, false, true);
    f.start(false);
    for (int i = 0; i < 6; i++) {
      Files.writeString(f.source.resolve("f" + i), "n" + i);
      f.awaitMirrored();
    }
    Path sockets = f.state.resolve("ssh");
    assertThat(sockets).isDirectory();
    assertThat(Files.getPosixFilePermissions(sockets))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> s = Files.list(sockets)) {
      assertThat(s.count()).as("one master socket").isEqualTo(1);
    }
    // Six batches plus standbys: at most two logins (the first two may race to be master).
    long logins = f.sshd.log().lines().filter(l -> l.contains("Accepted publickey")).count();
    assertThat(logins).isBetween(1L, 2L);
    f.stopDaemon();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      try (Stream<Path> s = Files.list(sockets)) {
        assertThat(s.count()).as("ssh -O exit ended the master").isZero();
      }
    });
  }

  /**
   * An ssh target behind rrsync with the shipped defaults (issue 17): every batch kind gets
   * through rrsync's option check. The client made "-@-1" of --modify-window=-1, which rrsync
   * refused (exit 12); a directory rename's --link-dest=../FROM must pass its path check too.
   */
  @Test
  void behindRrsyncEveryBatchKindGetsThrough() throws Exception {
    Path rrsync = Path.of("/usr/bin/rrsync");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(rrsync),
        "rrsync is not installed (Debian's rsync package ships /usr/bin/rrsync)");
    f = new ReplicationFixture(tmp, false, true);
    f.sshd.forceRrsync(rrsync);
    f.sshName = "/";
    f.start(true); // the first start's full sync
    Files.createDirectories(f.source.resolve("dir/sub"));
    Files.writeString(f.source.resolve("dir/sub/a.txt"), "aaaa");
    Files.writeString(f.source.resolve("#top"), "a comment-like name");
    f.awaitMirrored();
    Files.writeString(f.source.resolve("dir/sub/a.txt"), "bbbb"); // same size, same second
    f.awaitMirrored();
    Files.move(f.source.resolve("dir"), f.source.resolve("renamed")); // a --link-dest run
    Files.delete(f.source.resolve("#top"));
    f.awaitMirrored();
    assertThat(f.sshd.remoteDir().resolve("renamed/sub/a.txt")).hasContent("bbbb");
    assertThat(f.sshd.log()).doesNotContain("invalid rsync-command");
  }
}
