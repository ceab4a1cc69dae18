package org.syncspool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.syncspool.config.Target;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.SshServer;

/**
 * One target of issue 12's benchmarks (bench/goals.sh), set up the way a sersync operator runs
 * it: commonParams {@code -artz}, {@code <timeout start="true" time="30"/>}, and for the daemon
 * target a loopback rsync daemon with {@code auth users} and a secrets file, a module
 * {@code timeout}, and <em>no</em> {@code socket options = TCP_NODELAY}. The ssh target is a
 * real sshd on 127.0.0.1 ({@link SshServer}: own host key and authorized_keys, StrictModes no).
 *
 * <p>It writes the syncspool configuration and the lsyncd one (default.rsync, the same rsync
 * options) for a source directory, and gives the cold reference: syncspool's own batch argv
 * ({@link RsyncCommand#batch}, with the ssh options of no ControlMaster), started fresh for one
 * file.
 */
final class SersyncTarget implements AutoCloseable {
  enum Kind { LOCAL, DAEMON, SSH }

  /** sersync's shipped commonParams. */
  static final String PARAMS = "-artz";
  /** sersync's {@code <timeout time>} and the client's {@code --timeout}. */
  static final int TIMEOUT_SECONDS = 30;
  /** The daemon module's own {@code timeout} (rsyncd.conf). */
  static final int DAEMON_TIMEOUT_SECONDS = 60;

  final Kind kind;
  final Path base;
  private final RsyncDaemon rsyncd;
  private final SshServer sshd;
  private final Path localDir;

  private SersyncTarget(Kind kind, Path base, RsyncDaemon rsyncd, SshServer sshd, Path localDir) {
    this.kind = kind;
    this.base = base;
    this.rsyncd = rsyncd;
    this.sshd = sshd;
    this.localDir = localDir;
  }

  static SersyncTarget start(Kind kind, Path base) throws IOException, InterruptedException {
    return switch (kind) {
      case DAEMON -> new SersyncTarget(kind, base, RsyncDaemon.start(base.resolve("rsyncd"),
          RsyncDaemon.Options.WORKING.withTimeout(DAEMON_TIMEOUT_SECONDS).withoutNodelay()), null,
          null);
      case SSH -> new SersyncTarget(kind, base, null, SshServer.start(base.resolve("sshd")),
          null);
      case LOCAL -> new SersyncTarget(kind, base, null, null,
          Files.createDirectories(base.resolve("mirror")));
    };
  }

  static Kind kind(String name) {
    return Kind.valueOf(name.toUpperCase(Locale.ROOT));
  }

  String label() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Where the files land, on this machine (module directory, sshd's remote directory, mirror). */
  Path dir() {
    return switch (kind) {
      case DAEMON -> rsyncd.moduleDir();
      case SSH -> sshd.remoteDir();
      case LOCAL -> localDir;
    };
  }

  /** rsync's destination argument, ending in a slash. */
  String destination() {
    return switch (kind) {
      case DAEMON -> "rsync://" + RsyncDaemon.USER + "@127.0.0.1:" + rsyncd.port() + "/"
          + RsyncDaemon.MODULE + "/";
      case SSH -> "127.0.0.1:" + sshd.remoteDir() + "/";
      case LOCAL -> localDir + "/";
    };
  }

  /** The ssh command of a cold run: no ControlMaster, a new login each time. */
  private String rsh() {
    return "ssh -p " + sshd.port() + " -F " + sshd.clientConfig() + " -o BatchMode=yes";
  }

  /**
   * syncspool's configuration for {@code source}: {@code -artz} plus {@code extraParams},
   * timeout 30, this target.
   */
  Path syncspoolConfig(Path source, String extraParams, Path stateDir) throws IOException {
    String remote = switch (kind) {
      case DAEMON -> "<remote ip=\"127.0.0.1\" name=\"" + RsyncDaemon.MODULE + "\"/>";
      case SSH -> "<remote ip=\"127.0.0.1\" name=\"%s\" ssh=\"true\" port=\"%d\" user=\"%s\" "
          .formatted(sshd.remoteDir(), sshd.port(), System.getProperty("user.name"))
          + "sshConfig=\"" + sshd.clientConfig() + "\"/>";
      case LOCAL -> "<remote path=\"" + localDir + "\"/>";
    };
    String auth = kind != Kind.DAEMON ? "" : """
        <auth start="true" users="%s" passwordfile="%s"/>
        <userDefinedPort start="true" port="%d"/>
        """.formatted(RsyncDaemon.USER, rsyncd.passwordFile(), rsyncd.port());
    String params = (PARAMS + " " + extraParams).trim();
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync>
            <localpath watch="%s">
              %s
            </localpath>
            <rsync>
              <commonParams params="%s"/>
              %s
              <timeout start="true" time="%d"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, remote, params, auth, TIMEOUT_SECONDS,
        stateDir);
    Path f = base.resolve("syncspool.xml");
    Files.writeString(f, xml);
    return f;
  }

  /**
   * The cold reference: syncspool's batch argv for {@code target} with {@code source} as the
   * root, without our ControlMaster options (a fresh process, connection and login).
   */
  static List<String> coldArgv(Target target, Path source) {
    return new RsyncCommand("rsync", target, source.toString()).batch(false);
  }

  /**
   * A plain {@code rsync OPTIONS SRC/ DEST/} to this target (with the password file or the ssh
   * command it needs): the burst's reference, {@code rsync -az --timeout=30}.
   */
  List<String> plainRsync(List<String> options, Path source) {
    List<String> argv = new ArrayList<>(List.of("rsync"));
    argv.addAll(options);
    if (kind == Kind.DAEMON) {
      argv.add("--password-file=" + rsyncd.passwordFile());
    } else if (kind == Kind.SSH) {
      argv.addAll(List.of("-e", rsh()));
    }
    argv.add(source + "/");
    argv.add(destination());
    return argv;
  }

  /**
   * lsyncd's configuration for {@code source}: default.rsync, delay 1 s, the same rsync options
   * (archive, compress, {@code --timeout=30}, plus {@code extra}), no deletions (the bench
   * leaves other files on the target).
   */
  Path lsyncdConfig(Path source, List<String> extra) throws IOException {
    List<String> extras = new ArrayList<>(List.of("--timeout=" + TIMEOUT_SECONDS));
    extras.addAll(extra);
    StringBuilder rsync = new StringBuilder("archive = true, compress = true");
    if (kind == Kind.DAEMON) {
      rsync.append(", password_file = \"").append(rsyncd.passwordFile()).append('"');
    } else if (kind == Kind.SSH) {
      rsync.append(", rsh = \"").append(rsh()).append('"');
    }
    rsync.append(", _extra = { ");
    for (int i = 0; i < extras.size(); i++) {
      rsync.append(i == 0 ? "" : ", ").append('"').append(extras.get(i)).append('"');
    }
    rsync.append(" }");
    String lua = """
        settings { logfile = "%1$s/lsyncd.log", statusFile = "%1$s/lsyncd.status", nodaemon = true,
                   insist = true }
        sync { default.rsync, source = "%2$s", target = "%3$s", delay = 1, delete = false,
               rsync = { %4$s } }
        """.formatted(base, source, destination(), rsync);
    Path f = base.resolve("lsyncd.lua");
    Files.writeString(f, lua);
    return f;
  }

  /** Starts lsyncd on {@code source} and waits until its startup sync is done. */
  Process startLsyncd(Path source, List<String> extra) throws IOException, InterruptedException {
    Path log = base.resolve("lsyncd.log");
    Files.deleteIfExists(log);
    Path config = lsyncdConfig(source, extra);
    Process p = new ProcessBuilder(List.of("lsyncd", "-nodaemon", config.toString()))
        .redirectErrorStream(true).redirectOutput(base.resolve("lsyncd.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(log)
          && Files.readString(log, StandardCharsets.ISO_8859_1).contains("Startup of")) {
        return p;
      }
      Thread.sleep(20); // a benchmark polling lsyncd's log, not a test
    }
    BenchTargets.stop(p);
    throw new IOException("lsyncd did not finish its startup: "
        + Files.readString(base.resolve("lsyncd.out")));
  }

  /** sshd's "Accepted publickey" lines so far (logins), or -1 for other targets. */
  long sshLogins() throws IOException {
    return sshd == null ? -1
        : sshd.log().lines().filter(l -> l.contains("Accepted publickey")).count();
  }

  /** Empties the target directory. */
  void wipe() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Report.deleteTree(p);
      }
    }
  }

  @Override
  public void close() {
    if (rsyncd != null) {
      rsyncd.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }
}
