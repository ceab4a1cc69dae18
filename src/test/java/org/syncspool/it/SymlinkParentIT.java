package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.failures.FailedEntry;
import org.syncspool.failures.FailedList;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.service.Daemon;
import org.syncspool.worker.CursorNames;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.Nobody;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Issue 10 item 7: a path whose parent chain crosses a symbolic link is never sent, from a
 * failed list or from the journal. {@code nobody}, who can write the tree, links {@code lnk} to
 * a root-only directory holding a 0600 file; before the fix, a failed-list entry
 * {@code lnk/secret} copied that file to the target, and so did a journaled name whose directory
 * was swapped for the link before its batch ran.
 */
class SymlinkParentIT {
  private static final String SECRET = "root's secret";
  @TempDir
  Path tmp;
  private Path source;
  private Path mirror;
  private Path conf;

  @BeforeEach
  void tree() throws IOException, InterruptedException {
    source = Nobody.writableDir(tmp, "source");
    mirror = tmp.resolve("mirror");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
    Path secret = Files.writeString(outside.resolve("secret"), SECRET);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(source.resolve("plain.txt"), "plain");
    conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, mirror, tmp.resolve("state")));
  }

  /** The attacker's link, made as nobody. */
  private void link() throws IOException, InterruptedException {
    Nobody.run("ln", "-s", tmp.resolve("outside").toString(), source.resolve("lnk").toString());
  }

  /** No copy of the secret anywhere under the mirror (links not followed). */
  private void assertNoSecret() throws IOException {
    try (Stream<Path> all = Files.walk(mirror)) {
      for (Path p : all.toList()) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).as(p.toString())
              .doesNotContain(SECRET);
        }
      }
    }
  }

  @Test
  void aFailedListEntryBelowALinkIsRefusedByReplay() throws Exception {
    link();
    Config c = ConfigLoader.load(conf);
    String id = c.roots().get(0).targets().get(0).id();
    FailedList list = new FailedList(FailedList.fileFor(null, c.engine().stateDir(),
        CursorNames.of(id)));
    Files.createDirectories(list.file().getParent());
    list.append(List.of(
        new FailedEntry(Instant.now(), id, "lnk/secret".getBytes(StandardCharsets.UTF_8), false,
            23, 1, "test"),
        new FailedEntry(Instant.now(), id, "plain.txt".getBytes(StandardCharsets.UTF_8), false,
            23, 1, "test")));
    Path log = tmp.resolve("replay.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-jar", "target/syncspool.jar", "replay", "-o",
        conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor()).as(Files.readString(log)).isZero();
    assertThat(mirror.resolve("plain.txt")).hasContent("plain"); // the rest is replayed
    assertNoSecret();
    assertThat(Files.readString(log)).contains("refused 1 path(s) below a symbolic link, never "
        + "followed: lnk/secret");
  }

  @Test
  void aJournaledNameWhoseDirectoryBecameALinkIsRefusedInItsBatch() throws Exception {
    Nobody.run("mkdir", source.resolve("lnk").toString());
    Nobody.run("touch", source.resolve("lnk/secret").toString()); // the user's own file
    Config c = ConfigLoader.load(conf);
    try (Daemon d = new Daemon(c, false, new SystemProcessRunner(), "rsync")) {
      d.start(); // first start: a full sync
      await().atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(mirror.resolve("lnk/secret")));
    }
    // while it is stopped: the directory swapped for a link, and a record for lnk/secret
    // journaled as if its event had been read just before (the race the batch check closes)
    Nobody.run("rm", "-r", source.resolve("lnk").toString());
    link();
    try (ChronicleJournal j = ChronicleJournal.open(c.engine().journal())) {
      byte[] path = "lnk/secret".getBytes(StandardCharsets.UTF_8);
      EventBatch b = new EventBatch(64).reset(System.currentTimeMillis());
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, path, 0, path.length);
      j.accept(b);
    }
    try (Daemon d = new Daemon(c, false, new SystemProcessRunner(), "rsync")) {
      d.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> d.workers().get(0).backlog() == 0
          && Files.isSymbolicLink(mirror.resolve("lnk")));
    }
    assertNoSecret();
    assertThat(Files.readString(tmp.resolve("outside/secret"))).isEqualTo(SECRET);
    // refused, not failed: rsync 3.5.0 refuses a link an untrusted user owns with exit 23, and
    // the batch went to the failed list; older rsyncs (Debian 12's 3.2.7) copied the secret
    String id = c.roots().get(0).targets().get(0).id();
    FailedList list = new FailedList(FailedList.fileFor(null, c.engine().stateDir(),
        CursorNames.of(id)));
    assertThat(list.size()).isZero();
  }
}
