package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Target;
import org.syncspool.service.Daemon;
import org.syncspool.standby.StandbyPolicy;
import org.syncspool.standby.StandbyRunner;
import org.syncspool.standby.StandbyTimer;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;

/**
 * The standby rsync against a real loopback rsync daemon with auth: used, replaced before the
 * daemon's {@code timeout}, timed out by it, died with a daemon restart, turned off, and ended
 * cleanly at shutdown.
 */
class StandbyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;
  private RsyncDaemon rsyncd;
  private StandbyTimer timer;
  private StandbyRunner standby;

  @AfterEach
  void stop() throws Exception {
    if (standby != null) {
      standby.close();
    }
    if (timer != null) {
      timer.close();
    }
    if (rsyncd != null) {
      rsyncd.close();
    }
  }

  private List<String> batchArgv(Path source) {
    Target t = new Target("0:d", "d", 0, Target.Mode.DAEMON, "127.0.0.1", RsyncDaemon.MODULE,
        null, rsyncd.port(), RsyncDaemon.USER, rsyncd.passwordFile(), List.of("-artz"), 30, true);
    return new RsyncCommand("rsync", t, source.toString()).batch(false);
  }

  /** A standby on the daemon target, replaced at {@code maxAgeMillis}. */
  private Path open(RsyncDaemon.Options options, long maxAgeMillis) throws Exception {
    rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"), options);
    Path source = Files.createDirectories(tmp.resolve("source"));
    timer = StandbyTimer.threaded("standby-test");
    standby = new StandbyRunner(new SystemProcessRunner(), batchArgv(source), timer,
        new StandbyPolicy(maxAgeMillis, 200, 1_000), "d");
    standby.open();
    await().atMost(WAIT).until(standby::ready);
    return source;
  }

  private ProcessRunner.Result send(Path source, String name) throws Exception {
    Files.writeString(source.resolve(name), name);
    return standby.run(batchArgv(source),
        out -> out.write((name + "\0").getBytes(StandardCharsets.UTF_8)));
  }

  private void assertArrived(String name) throws Exception {
    assertThat(rsyncd.moduleDir().resolve(name)).hasContent(name);
  }

  @Test
  void aBatchIsHandedToTheStandbyAndTheNextOneConnectsAtOnce() throws Exception {
    Path source = open(RsyncDaemon.Options.WORKING, 60_000);
    assertThat(send(source, "a.txt").exitCode()).isZero();
    assertArrived("a.txt");
    await().atMost(WAIT).until(standby::ready);
    assertThat(send(source, "b.txt").exitCode()).isZero();
    assertArrived("b.txt");
    assertThat(standby.counts().used()).isEqualTo(2);
    assertThat(standby.counts().coldRuns()).isZero();
  }

  @Test
  void aWaitingStandbyIsReplacedBeforeTheDaemonsTimeoutEndsIt() throws Exception {
    // Daemon timeout 2 s, standby age 600 ms: at least 4 standbys in 2.4 s and more, none timed out.
    Path source = open(RsyncDaemon.Options.WORKING.withTimeout(2), 600);
    await().atMost(WAIT).until(() -> standby.counts().replaced() >= 6);
    await().atMost(WAIT).until(standby::ready);
    assertThat(send(source, "a.txt").exitCode()).isZero();
    assertArrived("a.txt");
    assertThat(standby.counts().used()).isEqualTo(1);
    assertThat(standby.counts().died()).isZero();
    assertThat(rsyncd.log()).doesNotContain("io timeout");
  }

  @Test
  void aStandbyTheDaemonTimedOutNeverFailsTheBatch() throws Exception {
    Path source = open(RsyncDaemon.Options.WORKING.withTimeout(1), 600_000);
    await().atMost(WAIT).until(() -> rsyncd.log().contains("io timeout after 1 seconds"));
    assertThat(send(source, "a.txt").exitCode()).isZero();
    assertArrived("a.txt");
    assertThat(standby.counts().died()).isEqualTo(1);
    assertThat(standby.counts().coldRuns()).isEqualTo(1);
    // The next standby comes after the backoff and is used.
    await().atMost(WAIT).until(standby::ready);
    assertThat(send(source, "b.txt").exitCode()).isZero();
    assertThat(standby.counts().used()).isEqualTo(1);
  }

  @Test
  void aStandbyWhoseDaemonRestartedNeverFailsTheBatch() throws Exception {
    Path source = open(RsyncDaemon.Options.WORKING, 600_000);
    rsyncd.dropConnections();
    rsyncd.stop();
    rsyncd.restart();
    assertThat(send(source, "a.txt").exitCode()).isZero();
    assertArrived("a.txt");
    assertThat(standby.counts().died()).isEqualTo(1);
  }

  @Test
  void standbyOffStartsNoneAndShutdownEndsTheOthersCleanly() throws Exception {
    rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"));
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path mirror = tmp.resolve("mirror");
    Path config = tmp.resolve("syncspool.xml");
    Files.writeString(config, """
        <head version="2.5">
          <sersync>
            <localpath watch="%s">
              <remote ip="127.0.0.1" name="%s" port="%d" user="%s" passwordfile="%s"/>
              <remote path="%s" standby="false"/>
            </localpath>
            <rsync>
              <commonParams params="-artz"/>
              <timeout start="true" time="30"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(source, RsyncDaemon.MODULE, rsyncd.port(), RsyncDaemon.USER,
        rsyncd.passwordFile(), mirror, tmp.resolve("state")));
    Daemon daemon = new Daemon(ConfigLoader.load(config), true, new SystemProcessRunner(),
        "rsync");
    try {
      daemon.start();
      assertThat(daemon.standbys()).hasSize(1);
      StandbyRunner s = daemon.standbys().get(0);
      Files.writeString(source.resolve("a.txt"), "a");
      await().atMost(WAIT).until(() -> Files.exists(mirror.resolve("a.txt"))
          && Files.exists(rsyncd.moduleDir().resolve("a.txt")));
      await().atMost(WAIT).until(s::ready);
      // One rsync waits for a file list: the daemon target's. The local target has none.
      await().atMost(WAIT).until(() -> waitingRsyncs().size() == 1);
      assertThat(waitingRsyncs().get(0)).contains("rsync://");
    } finally {
      daemon.close();
    }
    assertThat(waitingRsyncs()).as("no standby outlives the daemon").isEmpty();
    // It ended with an empty file list: the daemon saw a clean end, no error.
    assertThat(rsyncd.log()).doesNotContain("error");
  }

  /** Our rsync children that read a file list from stdin, as command lines. */
  private static List<String> waitingRsyncs() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(h -> String.join(" ", h.info().arguments().orElse(new String[0])))
        .filter(a -> a.contains("--files-from=-")).toList();
  }
}
