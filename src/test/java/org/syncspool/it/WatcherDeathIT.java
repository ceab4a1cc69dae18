package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.service.Daemon;
import org.syncspool.time.SystemScheduler;
import org.syncspool.testing.RsyncDaemon;

/**
 * Issue 11 item 2: the watcher's reader thread cannot be restarted safely (what it had read and
 * not journaled would be gone, its watches would not match the tree), so when it dies the daemon
 * exits 70 for systemd to restart it and the start-up scan to recover. Before, the reader caught
 * every Throwable, logged "continuing", slept 100 ms and dropped the read: the change was lost
 * and nothing said so to a supervisor. Here a bug in handling one read is simulated by a sink
 * wrapper that throws on a batch naming "poison"; the halt seam records the exit code. Runs with
 * the watcher the suite is parametrized with (ReplicationFixture.WATCHER).
 */
class WatcherDeathIT {
  @TempDir
  Path tmp;

  @Test
  void aReaderThatDiesEndsTheProcessWith70() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s" watcher="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, tmp.resolve("mirror"), tmp.resolve("state"),
        ReplicationFixture.WATCHER));
    CompletableFuture<Integer> halted = new CompletableFuture<>();
    try (Daemon daemon = new Daemon(ConfigLoader.load(conf), true, new SystemProcessRunner(),
        "rsync", SystemScheduler.INSTANCE, System::currentTimeMillis, halted::complete)) {
      daemon.interceptWatcherSink(sink -> batch -> {
        boolean[] poison = {false};
        batch.forEach((kind, dir, root, cookie, path, off, len) -> poison[0] |=
            new String(path, off, len, StandardCharsets.UTF_8).contains("poison"));
        if (poison[0]) {
          throw new IllegalStateException("a bug in handling one read");
        }
        sink.accept(batch);
      });
      daemon.start();
      Files.writeString(source.resolve("before.txt"), "before");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(tmp.resolve("mirror/before.txt")).hasContent("before"));
      assertThat(halted).isNotDone();

      Files.writeString(source.resolve("poison.txt"), "x");
      assertThat(halted.get(60, TimeUnit.SECONDS)).isEqualTo(70);
    }
  }
}
