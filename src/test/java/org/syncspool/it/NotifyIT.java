package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.NotifySocket;
import org.syncspool.testing.RsyncDaemon;

/**
 * Type=notify end to end: {@code run} under a NOTIFY_SOCKET says READY=1 with the number of
 * directories watched (every one of them: RunCommand notifies after Daemon.start() returned,
 * which is after the last watch), a change made right after READY is replicated, and SIGTERM
 * brings STOPPING=1 and exit 0. The jar runs as a child process, as systemd would run it.
 */
class NotifyIT {
  @TempDir
  Path tmp;

  /** inotify counts its directories, fanotify its filesystem marks (one here: /tmp's). */
  @ParameterizedTest
  @CsvSource({"inotify, 210 directories", "fanotify, 1 filesystem mark"})
  void readyMeansWatchingAndStoppingIsSaid(String watcher, String watching) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path deep = Files.createDirectories(source.resolve("a/b/c/d/e/f/g/h"));
    for (int i = 0; i < 200; i++) {
      Files.createDirectories(source.resolve("many/d" + i));
    }
    Path mirror = tmp.resolve("mirror");
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s" watcher="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, mirror, tmp.resolve("state"), watcher));
    try (NotifySocket notify = NotifySocket.bind(tmp.resolve("notify"))) {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> argv = new ArrayList<>(List.of(java, "-jar", "target/syncspool.jar", "run",
          "-o", conf.toString()));
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("out.log").toFile());
      pb.environment().put("NOTIFY_SOCKET", notify.path().toString());
      Process p = pb.start();
      try {
        List<String> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          String m = notify.poll();
          if (m != null) {
            got.add(m);
          }
          return got.stream().anyMatch(s -> s.startsWith("READY=1"));
        });
        assertThat(got.get(0)).contains("STATUS=watching " + watching);
        Files.writeString(deep.resolve("x.txt"), "made right after READY");
        await().atMost(Duration.ofSeconds(30)).until(
            () -> Files.exists(mirror.resolve("a/b/c/d/e/f/g/h/x.txt")));
        p.destroy(); // SIGTERM, as systemctl stop
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("out.log"))).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> "STOPPING=1".equals(notify.poll()));
      } finally {
        p.destroyForcibly();
      }
    }
  }
}
