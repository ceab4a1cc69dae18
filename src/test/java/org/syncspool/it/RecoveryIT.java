package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon process killed with SIGKILL in the middle of a burst, the tree changed while it is
 * down, then restarted: every target ends equal to the source, and the restart sends only what
 * changed (found by the start-up ctime scan), not the tree.
 */
class RecoveryIT {
  private static final int BIG_FILES = 64;
  private static final int BIG_SIZE = 256 * 1024;

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
  void killNineMidBurstPlusChangesWhileDownConvergeWithoutResendingTheTree() throws Exception {
    f = new ReplicationFixture(tmp.resolve("f"));
    Random random = new Random(7);
    Path big = Files.createDirectories(f.source.resolve("big"));
    byte[] data = new byte[BIG_SIZE];
    for (int i = 0; i < BIG_FILES; i++) {
      random.nextBytes(data); // incompressible: rsync -z cannot hide a resend
      Files.write(big.resolve("f" + i), data);
    }
    long treeBytes = (long) BIG_FILES * BIG_SIZE;
    f.writeConfig("", true);
    f.startJar(tmp.resolve("first.log"));
    awaitLog("first.log", "replicating to 2 target(s)");
    f.awaitMirrored(); // first start: one full sync

    AtomicInteger written = new AtomicInteger();
    Thread burst = new Thread(() -> {
      try {
        for (int d = 0; d < 30; d++) {
          Path dir = Files.createDirectories(f.source.resolve("burst/d" + d));
          for (int i = 0; i < 100; i++) {
            Files.writeString(dir.resolve("f" + i), "burst " + d + "/" + i);
            written.incrementAndGet();
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    burst.start();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= 1000);
    f.killJar(); // SIGKILL mid-burst: events still in the kernel queue are lost
    burst.join();

    // While nobody watches.
    Files.write(big.resolve("f1"), "appended".getBytes(), StandardOpenOption.APPEND);
    Files.delete(big.resolve("f2"));
    Files.setPosixFilePermissions(big.resolve("f3"), PosixFilePermissions.fromString("rw-------"));
    Files.move(f.source.resolve("burst/d4"), f.source.resolve("burst/d4-renamed"));
    deleteTree(f.source.resolve("burst/d5"));
    Files.createDirectories(f.source.resolve("new/deep"));
    Files.writeString(f.source.resolve("new/deep/file.txt"), "made while down");
    Files.writeString(f.source.resolve("top-level.txt"), "a new top-level file");

    long mark = f.rsyncd.logSize();
    long t0 = System.nanoTime();
    f.startJar(tmp.resolve("second.log"));
    f.awaitMirrored();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    long sent = f.rsyncd.bytesReceived(mark);
    String second = Files.readString(tmp.resolve("second.log"));
    System.out.println("restart recovery: " + sent + " bytes of file data to the daemon target ("
        + f.rsyncd.filesReceived(mark) + " files) in " + millis + " ms; a full resend is "
        + treeBytes + "+ bytes");
    assertThat(second).contains("start-up scan:").doesNotContain("full sync")
        // the scan runs beside the workers, not before them, and clears its mark when it ends
        .contains("; start-up scan running");
    assertThat(f.state.resolve("scan-pending")).doesNotExist();
    assertThat(sent).isLessThan(treeBytes / 10);

    // For the record: what a full resync of the same tree to an empty place costs.
    long mark2 = f.rsyncd.logSize();
    long t1 = System.nanoTime();
    Process full = new ProcessBuilder(List.of("rsync", "-a", "--password-file="
        + f.rsyncd.passwordFile(), f.source + "/", "rsync://" + org.syncspool.testing.RsyncDaemon.USER
        + "@127.0.0.1:" + f.rsyncd.port() + "/" + org.syncspool.testing.RsyncDaemon.MODULE
        + "/full-resync/")).redirectErrorStream(true).start();
    full.getInputStream().readAllBytes();
    assertThat(full.waitFor()).isZero();
    System.out.println("full resync of the same tree: " + f.rsyncd.bytesReceived(mark2)
        + " bytes (" + f.rsyncd.filesReceived(mark2) + " files) in "
        + (System.nanoTime() - t1) / 1_000_000 + " ms");
  }

  private void awaitLog(String log, String text) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(tmp.resolve(log)).contains(text));
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
