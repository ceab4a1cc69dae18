package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.batch.PathKey;
import org.syncspool.service.VersionPrune;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.worker.TargetWorker;

/**
 * {@code keepVersions} with real rsync, to a local directory and to an rsync daemon: overwritten
 * and deleted files land in today's version folder, which later runs and full syncs leave alone,
 * and old folders are pruned through rsync itself.
 */
class VersionsIT {
  @TempDir Path tmp;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void overwrittenAndDeletedFilesAreKeptAndOldVersionsPruned() throws Exception {
    try (ReplicationFixture f = new ReplicationFixture(tmp.resolve("f"), false, true)) {
      f.writeConfig("", true, "keepVersions=\"2d\"");
      f.start(true);
      try {
        List<Path> targets = f.targets();
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        Files.createDirectories(f.source.resolve("d"));
        Files.writeString(f.source.resolve("d/a.txt"), "one");
        Files.writeString(f.source.resolve("gone.txt"), "bye");
        for (Path t : targets) {
          await().atMost(WAIT).until(() -> Files.exists(t.resolve("gone.txt"))
              && Files.exists(t.resolve("d/a.txt"))
              && Files.readString(t.resolve("d/a.txt")).equals("one"));
        }
        Files.writeString(f.source.resolve("d/a.txt"), "two, longer");
        Files.delete(f.source.resolve("gone.txt"));
        for (Path t : targets) {
          Path versions = t.resolve(".syncspool-versions").resolve(day);
          await().atMost(WAIT).until(() -> Files.readString(t.resolve("d/a.txt"))
              .equals("two, longer") && !Files.exists(t.resolve("gone.txt")));
          await().atMost(WAIT).until(() -> Files.exists(versions.resolve("d/a.txt"))
              && Files.exists(versions.resolve("gone.txt")));
          assertThat(versions.resolve("d/a.txt")).hasContent("one");
          assertThat(versions.resolve("gone.txt")).hasContent("bye");
        }

        // a full sync with --delete leaves the versions alone
        for (TargetWorker w : f.daemon().workers()) {
          w.requestFullSync();
        }
        Files.writeString(f.source.resolve("after-full.txt"), "x");
        for (Path t : targets) {
          await().atMost(WAIT).until(() -> Files.exists(t.resolve("after-full.txt")));
          assertThat(t.resolve(".syncspool-versions").resolve(day).resolve("gone.txt"))
              .exists();
          Files.createDirectories(t.resolve(".syncspool-versions/2000-01-01/old"));
          Files.writeString(t.resolve(".syncspool-versions/2000-01-01/old/x"), "old");
        }
        assertThat(f.source.resolve(".syncspool-versions")).doesNotExist();
        f.stopDaemon();
        // the audit never reports the versions folder as drift
        CliIT.Run audit = CliIT.syncspool("verify", "-o", f.configFile.toString());
        assertThat(audit.code()).as(audit.out() + audit.err()).isZero();

        Config c = ConfigLoader.load(f.configFile);
        VersionPrune prune = new VersionPrune(c, new SystemProcessRunner(), "rsync",
            System::currentTimeMillis);
        for (Root r : c.roots()) {
          for (Target t : r.targets()) {
            assertThat(t.keepVersionsMillis()).isEqualTo(2 * 86_400_000L);
            assertThat(prune.prune(t, new RsyncCommand("rsync", t, r.watch().toString())))
                .as(t.name()).isTrue();
          }
        }
        prune.close();
        for (Path t : targets) {
          assertThat(t.resolve(".syncspool-versions/2000-01-01")).as(t.toString())
              .doesNotExist();
          assertThat(t.resolve(".syncspool-versions").resolve(day).resolve("d/a.txt"))
              .hasContent("one");
          assertThat(t.resolve("d/a.txt")).hasContent("two, longer");
        }
      } finally {
        f.stopDaemon();
      }
    }
  }

  /**
   * A rename's --link-dest run (destination DEST/TO) keeps what it deletes and overwrites in the
   * top versions folder under TO's path, with each receiver kind: local, a daemon (an absolute
   * --backup-dir read inside its module) and ssh. Runs the argv RsyncCommand builds.
   */
  @Test
  void aRenameRunKeepsItsVersionsAtTheTop() throws Exception {
    try (ReplicationFixture f = new ReplicationFixture(tmp.resolve("r"), false, true)) {
      f.writeConfig("", true, "keepVersions=\"2d\"");
      Files.createDirectories(f.source.resolve("x/e"));
      Files.writeString(f.source.resolve("x/e/keep.txt"), "new content");
      String day = LocalDate.now(ZoneOffset.UTC).toString();
      Config c = ConfigLoader.load(f.configFile);
      Root root = c.roots().get(0);
      assertThat(root.targets()).hasSize(3);
      for (Target t : root.targets()) {
        Path top = switch (t.mode()) {
          case LOCAL -> f.mirror;
          case DAEMON -> f.rsyncd.moduleDir();
          case SSH -> f.sshd.remoteDir();
        };
        Files.createDirectories(top.resolve("x/e"));
        Files.writeString(top.resolve("x/e/old.txt"), "gone on the source");
        Files.writeString(top.resolve("x/e/keep.txt"), "old");
        List<String> argv = new RsyncCommand("rsync", t, root.watch().toString())
            .linkDest(PathKey.of("d"), PathKey.of("x/e"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(t.name() + ": " + argv + "\n" + out).isZero();
        Path kept = top.resolve(".syncspool-versions").resolve(day).resolve("x/e");
        assertThat(kept.resolve("old.txt")).as(t.name()).hasContent("gone on the source");
        assertThat(kept.resolve("keep.txt")).as(t.name()).hasContent("old");
        assertThat(top.resolve("x/e/.syncspool-versions")).as(t.name()).doesNotExist();
        assertThat(top.resolve("x/e/old.txt")).as(t.name()).doesNotExist();
        assertThat(top.resolve("x/e/keep.txt")).as(t.name()).hasContent("new content");
      }
    }
  }
}
