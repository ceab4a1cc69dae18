package org.syncspool.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.syncspool.config.Config;
import org.syncspool.config.EventToggles;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.SshServer;
import org.syncspool.testing.TreeAssert;
import org.syncspool.watch.fanotify.FanotifyGroup;
import org.syncspool.watch.fanotify.FanotifyWatcher;
import org.syncspool.watch.fanotify.Unsupported;
import org.syncspool.watch.inotify.NativeFs;

/**
 * A source tree replicated to two real targets at once: a local directory and a loopback rsync
 * daemon with auth, through the real watcher, journal and rsync; optionally a third over ssh to
 * a real sshd on loopback ({@link SshServer}). The watcher is the system property
 * {@code syncspool.it.watcher} (inotify, fanotify or auto; the pom runs the fixture's scenarios
 * once with inotify and once with fanotify).
 */
final class ReplicationFixture implements AutoCloseable {
  /** The watcher every config of this fixture names. */
  static final String WATCHER = System.getProperty("syncspool.it.watcher", "inotify");
  final Path base;
  final Path source;
  final Path mirror;
  final Path state;
  final RsyncDaemon rsyncd;
  /** The ssh target's server, or null without one. */
  final SshServer sshd;
  Path configFile;
  /** Child elements of {@code <syncspool>} ({@code <hook>}, ...) for the next writeConfig. */
  String engineElements = "";
  /** The next writeConfig's {@code <commonParams params>}: sersync's default, as most configs. */
  String commonParams = "-artuz";
  /** The ssh remote's {@code name}; null: the sshd's remote directory (absolute). */
  String sshName;
  private Daemon daemon;
  /** The packaged daemon's metrics endpoint: a free port, not 8008 (which may be taken). */
  final int httpPort = RsyncDaemon.freePort();
  private Process jar;

  ReplicationFixture(Path base) throws IOException, InterruptedException {
    this(base, false);
  }

  /** @param unprivileged the rsync daemon's module runs as nobody (see RsyncDaemon) */
  ReplicationFixture(Path base, boolean unprivileged) throws IOException, InterruptedException {
    this(base, unprivileged, false);
  }

  /** @param ssh also an ssh target, through a real sshd on loopback */
  ReplicationFixture(Path base, boolean unprivileged, boolean ssh)
      throws IOException, InterruptedException {
    this.base = base;
    this.sshd = ssh ? SshServer.start(base.resolve("sshd")) : null;
    this.source = Files.createDirectories(base.resolve("source"));
    this.mirror = base.resolve("mirror");
    this.state = base.resolve("state");
    assumeWatcherWorks(source);
    this.rsyncd = unprivileged ? RsyncDaemon.startUnprivileged(base.resolve("rsyncd"))
        : RsyncDaemon.start(base.resolve("rsyncd"));
  }

  /** With fanotify where it cannot work (no CAP_SYS_ADMIN, old kernel): skipped, saying why. */
  private static void assumeWatcherWorks(Path source) throws IOException {
    if (!WATCHER.equals("fanotify")) {
      return;
    }
    try {
      FanotifyGroup.open(List.of(NativeFs.bytes(source.toRealPath())),
          FanotifyWatcher.mask(EventToggles.DEFAULT)).close();
    } catch (Unsupported e) {
      Assumptions.abort("fanotify not usable here: " + e.getMessage());
    }
  }

  /** Writes the sersync-format config: shared auth and port as sersync has them, plus our local target. */
  Path writeConfig(String filterXml, boolean delete) throws IOException {
    return writeConfig(filterXml, delete, "");
  }

  /** @param engineAttrs more attributes for the {@code <syncspool>} block */
  Path writeConfig(String filterXml, boolean delete, String engineAttrs) throws IOException {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <debug start="false"/>
          %s
          <inotify>
            <delete start="%s"/>
            <createFolder start="true"/>
            <createFile start="true"/>
            <closeWrite start="true"/>
            <moveFrom start="true"/>
            <moveTo start="true"/>
            <attrib start="true"/>
            <modify start="false"/>
          </inotify>
          <sersync>
            <localpath watch="%s">
              <remote ip="127.0.0.1" name="%s"/>
              <remote path="%s"/>
              %s
            </localpath>
            <rsync>
              <commonParams params="%s"/>
              <auth start="true" users="%s" passwordfile="%s"/>
              <userDefinedPort start="true" port="%d"/>
              <timeout start="true" time="30"/>
              <ssh start="false"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s" retryInitialMillis="200" retryMaxMillis="1000" watcher="%s" %s>%s</syncspool>
        </head>
        """.formatted(httpPort, filterXml, delete, source, RsyncDaemon.MODULE, mirror, sshRemote(),
        commonParams, RsyncDaemon.USER,
        rsyncd.passwordFile(), rsyncd.port(), state, WATCHER, engineAttrs, engineElements);
    configFile = base.resolve("syncspool.xml");
    Files.writeString(configFile, xml);
    return configFile;
  }

  /** The ssh remote: the current user (the shared auth user is the daemon's), sshd's own config. */
  private String sshRemote() {
    if (sshd == null) {
      return "";
    }
    return "<remote ip=\"127.0.0.1\" name=\"%s\" ssh=\"true\" port=\"%d\" user=\"%s\" sshConfig=\"%s\"/>"
        .formatted(sshName != null ? sshName : sshd.remoteDir(), sshd.port(), System.getProperty("user.name"),
            sshd.clientConfig());
  }

  void start(boolean initialSync) throws Exception {
    start(initialSync, d -> { });
  }

  /** @param beforeStart sets test seams and listeners on the daemon before it starts */
  void start(boolean initialSync, java.util.function.Consumer<Daemon> beforeStart)
      throws Exception {
    if (configFile == null) {
      writeConfig("", true);
    }
    Config config = ConfigLoader.load(configFile);
    daemon = new Daemon(config, initialSync, new SystemProcessRunner(), "rsync");
    beforeStart.accept(daemon);
    daemon.start();
  }

  /**
   * Starts the packaged daemon ({@code java -jar target/syncspool.jar run}) as a child process;
   * {@link #close} kills it if it still runs.
   */
  Process startJar(Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    jar = new ProcessBuilder(List.of(java, "-jar", "target/syncspool.jar", "run", "-o",
        configFile.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return jar;
  }

  /** SIGKILL to the daemon started by {@link #startJar}: no clean stop, no flush. */
  int killJar() throws InterruptedException {
    jar.destroyForcibly();
    if (!jar.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the daemon did not die");
    }
    return jar.exitValue();
  }

  /** Runs a {@code syncspool} command from the jar to its end; output into {@code log}. */
  int runJar(Path log, String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>(List.of(java, "-jar", "target/syncspool.jar"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("syncspool " + String.join(" ", args) + " did not finish");
    }
    return p.exitValue();
  }

  void stopDaemon() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  Daemon daemon() {
    return daemon;
  }

  /** Waits (polling) until both targets equal the source exactly. */
  void awaitMirrored() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          TreeAssert.assertMirrors(source, mirror);
          TreeAssert.assertMirrors(source, rsyncd.moduleDir());
          if (sshd != null) {
            TreeAssert.assertMirrors(source, sshd.remoteDir());
          }
        });
  }

  /** The kernel queue of this fixture's watcher: events beyond it overflow. */
  static int maxQueuedEvents() throws IOException {
    String kernel = WATCHER.equals("inotify") ? "inotify" : "fanotify";
    // readAllLines, not readString: /proc files report size 0 and readString got "1" of "16384".
    return Integer.parseInt(Files.readAllLines(
        Path.of("/proc/sys/fs/" + kernel + "/max_queued_events")).get(0).trim());
  }

  List<Path> targets() {
    return sshd == null ? List.of(mirror, rsyncd.moduleDir())
        : List.of(mirror, rsyncd.moduleDir(), sshd.remoteDir());
  }

  @Override
  public void close() {
    if (jar != null) {
      jar.destroyForcibly();
      try {
        jar.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // not thrown: try-with-resources would swallow it
      }
    }
    stopDaemon();
    rsyncd.close();
    if (sshd != null) {
      sshd.close();
    }
  }
}
