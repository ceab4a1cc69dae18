package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.service.FlushBarrier;
import org.syncspool.service.http.Endpoint;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.Nobody;
import org.syncspool.testing.RsyncDaemon;

/**
 * Issue 10 item 1, as the attacker did it: {@code nobody}, who may write the watched tree, plants
 * symlinks under the names the next flush cookies would have had (pid and counter), pointing at
 * a root-owned 0600 file in a 0700 directory and at a path where no file is. A flush and a
 * full-sync wake-up then must neither truncate the one nor create the other; and a user's file
 * named like an old cookie replicates like any other.
 */
class FlushSymlinkIT {
  @TempDir
  Path tmp;

  @Test
  void plantedCookieLinksAreNeverFollowed() throws Exception {
    Path source = Nobody.writableDir(tmp, "source");
    Path secret = Files.createDirectories(tmp.resolve("secret"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
    Path victim = Files.writeString(secret.resolve("shadow"), "nineteen bytes here");
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    Path created = secret.resolve("created-by-root");
    long pid = ProcessHandle.current().pid();
    for (int n = 1; n <= 50; n++) {
      Nobody.run("ln", "-s", victim.toString(), source + "/.syncspool-flush-" + pid + "-" + n);
      Nobody.run("ln", "-s", created.toString(),
          source + "/.syncspool-flush-" + pid + "-wake-" + n);
    }
    Files.writeString(source.resolve(".syncspool-flush-123-1"), "mine");
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, tmp.resolve("mirror"), tmp.resolve("state")));
    try (Daemon daemon = new Daemon(ConfigLoader.load(conf), true, new SystemProcessRunner(),
        "rsync"); Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.start();
      for (int i = 0; i < 3; i++) {
        FlushBarrier.Result r = endpoint.barrier().flush(60_000);
        assertThat(r.done()).as(r.behind().toString()).isTrue();
      }
      Files.writeString(source.resolve("after.txt"), "after");
      assertThat(endpoint.barrier().flush(60_000).done()).isTrue();
      assertThat(tmp.resolve("mirror/after.txt")).hasContent("after");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(tmp.resolve("mirror/.syncspool-flush-123-1")).hasContent("mine"));
    }
    assertThat(victim).hasContent("nineteen bytes here");
    assertThat(created).doesNotExist();
    try (var names = Files.list(source)) {
      assertThat(names.filter(p -> !Files.isSymbolicLink(p)).map(p -> p.getFileName().toString()))
          .as("no cookie left behind").containsExactlyInAnyOrder(".syncspool-flush-123-1",
              "after.txt");
    }
  }
}
