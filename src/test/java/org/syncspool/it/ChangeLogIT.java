package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.RsyncDaemon;

/**
 * The change list as logrotate meets it: {@code syncspool run} (the jar) replicating to a local
 * directory, a loopback rsync daemon and a daemon that is down; the file is moved away, SIGHUP
 * sent, and the next lines land in a new file under the configured name.
 */
class ChangeLogIT {
  @TempDir
  Path tmp;

  private static void awaitLines(Path file, String... parts) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(file).exists();
      assertThat(Files.readString(file)).contains(parts);
    });
  }

  @Test
  void linesPerPathAndTargetFailuresMarkedAndReopenedOnSighup() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path mirror = tmp.resolve("mirror");
    Path changes = tmp.resolve("log/changes.log");
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (RsyncDaemon rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"))) {
      Path conf = tmp.resolve("syncspool.xml");
      Files.writeString(conf, """
          <head version="2.5">
            <sersync>
              <localpath watch="%s">
                <remote path="%s"/>
                <remote ip="127.0.0.1" name="%s" port="%d"/>
                <remote ip="127.0.0.1" name="down" port="%d"/>
              </localpath>
              <rsync>
                <auth start="true" users="%s" passwordfile="%s"/>
              </rsync>
            </sersync>
            <syncspool stateDir="%s" retryInitialMillis="100" retryMaxMillis="500">
              <changeLog path="%s" timeFormat="%%Y%%m%%d-%%H%%M%%S"/>
            </syncspool>
          </head>
          """.formatted(source, mirror, RsyncDaemon.MODULE, rsyncd.port(), closed,
          RsyncDaemon.USER, rsyncd.passwordFile(), tmp.resolve("state"), changes));
      Path out = tmp.resolve("out.log");
      Process p = new ProcessBuilder(CliIT.javaBinary(), "-jar", "target/syncspool.jar", "run",
          "-o", conf.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("watching"));
        // A new target's first batch is a full sync (failover's first-start marker): let the two
        // that work finish it, so a.txt gets a batch, and a line, of its own.
        String local = " " + mirror + " ";
        String daemon = " 127.0.0.1::" + RsyncDaemon.MODULE + " ";
        awaitLines(changes, local + "FULL_SYNC .", daemon + "FULL_SYNC .");
        Files.writeString(source.resolve("a.txt"), "a");
        awaitLines(changes, local + "MODIFY a.txt", daemon + "MODIFY a.txt",
            " 127.0.0.1::down FULL_SYNC,FAILED .");
        List<String> lines = Files.readAllLines(changes);
        assertThat(lines).allMatch(l -> l.matches("\\d{8}-\\d{6} \\S+ [A-Z_,]+ .+"), "format");
        assertThat(lines.stream().filter(l -> l.contains(" 127.0.0.1::down ")))
            .as("a failing batch is written once, not per retry").hasSize(1);

        Path rotated = tmp.resolve("log/changes.log.1");
        Files.move(changes, rotated);
        new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start().waitFor();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> Files.readString(out).contains("change list reopened"));
        Files.writeString(source.resolve("b.txt"), "b");
        awaitLines(changes, local + "MODIFY b.txt", daemon + "MODIFY b.txt");
        assertThat(Files.readString(rotated)).doesNotContain("b.txt");
        assertThat(p.isAlive()).as("SIGHUP does not stop it").isTrue();
      } finally {
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(p.exitValue()).as(Files.readString(out)).isZero();
    }
  }
}
