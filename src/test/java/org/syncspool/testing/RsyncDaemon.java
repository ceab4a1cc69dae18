package org.syncspool.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A real rsync daemon on 127.0.0.1 with {@code auth users} and a secrets file, on a free port,
 * in its own directory (ready in milliseconds, so no pool of daemons; as root it needs
 * {@code uid = root}/{@code gid = root} or writes fail as nobody; secrets and password files 600).
 */
public final class RsyncDaemon implements AutoCloseable {
  public static final String MODULE = "backup";
  public static final String USER = "syncer";

  private final Path dir;
  private final Path moduleDir;
  private final Path config;
  private final Path passwordFile;
  private int port;
  private Process process;

  /**
   * How to set the module up, for tests that need a target that fails in one way.
   *
   * @param readOnly      {@code read only = yes}
   * @param unwritable    the module directory cannot be written by the daemon's user: as root,
   *                      the module runs as uid/gid 65534 (nobody) over a root-owned 755 directory
   *                      (root itself could write anywhere); otherwise the directory is 555
   * @param secretsMode   the secrets file's mode, e.g. {@code rw-r--r--} (rsyncd then refuses
   *                      every login: "strict modes")
   * @param unprivileged  as root, run the module as nobody (module dir owned by nobody), so a
   *                      root-owned directory in it is read-only to the daemon: how tests make
   *                      a target refuse some paths (rsync exit 23)
   * @param refuseDeletes {@code refuse options = delete*}
   * @param timeoutSeconds the module's {@code timeout} (idle connections end after it), 0 = none
   * @param nodelay       {@code socket options = TCP_NODELAY} in the global section; without it
   *                      the daemon is set up as sersync-era operators run theirs (the latency
   *                      benchmarks of issue 12, bench/goals.sh)
   */
  public record Options(boolean readOnly, boolean unwritable, String secretsMode,
                        boolean unprivileged, boolean refuseDeletes, int timeoutSeconds,
                        boolean nodelay) {
    public static final Options WORKING =
        new Options(false, false, "rw-------", false, false, 0, true);

    /** {@code timeout = seconds} in the module: the daemon ends a connection idle that long. */
    public Options withTimeout(int seconds) {
      return new Options(readOnly, unwritable, secretsMode, unprivileged, refuseDeletes, seconds,
          nodelay);
    }

    public Options readOnlyModule() {
      return new Options(true, unwritable, secretsMode, unprivileged, refuseDeletes, timeoutSeconds,
          nodelay);
    }

    public Options unwritableModule() {
      return new Options(readOnly, true, secretsMode, unprivileged, refuseDeletes, timeoutSeconds,
          nodelay);
    }

    public Options secrets(String mode) {
      return new Options(readOnly, unwritable, mode, unprivileged, refuseDeletes, timeoutSeconds,
          nodelay);
    }

    public Options unprivilegedModule() {
      return new Options(readOnly, unwritable, secretsMode, true, refuseDeletes, timeoutSeconds,
          nodelay);
    }

    /** {@code refuse options = delete*}: rsyncd then skips deletions and still exits 0. */
    public Options refusingDeletes() {
      return new Options(readOnly, unwritable, secretsMode, unprivileged, true, timeoutSeconds,
          nodelay);
    }

    /** Without {@code socket options = TCP_NODELAY}: Nagle on at the daemon's end. */
    public Options withoutNodelay() {
      return new Options(readOnly, unwritable, secretsMode, unprivileged, refuseDeletes,
          timeoutSeconds, false);
    }
  }

  private RsyncDaemon(Path dir, Options o) throws IOException {
    this.dir = dir;
    this.moduleDir = Files.createDirectories(dir.resolve("module"));
    this.config = dir.resolve("rsyncd.conf");
    this.passwordFile = dir.resolve("client.pas");
    String password = "s3cret-" + ProcessHandle.current().pid();
    Path secrets = dir.resolve("rsyncd.secrets");
    writePrivate(secrets, USER + ":" + password + "\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString(o.secretsMode()));
    writePrivate(passwordFile, password + "\n");
    boolean root = "root".equals(System.getProperty("user.name"));
    String conf = "pid file = " + dir.resolve("rsyncd.pid") + "\n"
        + "log file = " + dir.resolve("rsyncd.log") + "\n"
        + "use chroot = no\n"
        // The daemon side of the Nagle fix (RsyncCommand adds --sockopts=TCP_NODELAY client-side).
        + (o.nodelay() ? "socket options = TCP_NODELAY\n" : "")
        + "reverse lookup = no\n"
        + "[" + MODULE + "]\n"
        + "  path = " + moduleDir + "\n"
        // Without chroot, rsyncd rewrites symlinks ("munges" them) unless told not to.
        + "  munge symlinks = no\n"
        + "  read only = " + (o.readOnly() ? "yes" : "no") + "\n"
        + (o.refuseDeletes() ? "  refuse options = delete*\n" : "")
        + (o.timeoutSeconds() > 0 ? "  timeout = " + o.timeoutSeconds() + "\n" : "")
        + (root && o.unwritable() ? "  uid = 65534\n  gid = 65534\n"
            : root && o.unprivileged() ? "  uid = nobody\n  gid = nogroup\n"
            : root ? "  uid = root\n  gid = root\n" : "")
        // One line per file received, with its bytes on the wire: what tests measure.
        + "  transfer logging = yes\n"
        + "  log format = %o %b %f\n"
        + "  auth users = " + USER + "\n"
        + "  secrets file = " + secrets + "\n";
    Files.writeString(config, conf);
    if (o.unwritable()) {
      Files.setPosixFilePermissions(moduleDir, PosixFilePermissions.fromString(
          root ? "rwxr-xr-x" : "r-xr-xr-x"));
    } else if (root && o.unprivileged()) {
      var lookup = moduleDir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(moduleDir, lookup.lookupPrincipalByName("nobody"));
      Files.getFileAttributeView(moduleDir, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
    }
  }

  /** Starts a daemon whose files live under {@code dir}. */
  public static RsyncDaemon start(Path dir) throws IOException, InterruptedException {
    return start(dir, Options.WORKING);
  }

  /** Starts a daemon set up as {@code options} say. */
  public static RsyncDaemon start(Path dir, Options options)
      throws IOException, InterruptedException {
    RsyncDaemon d = new RsyncDaemon(Files.createDirectories(dir), options);
    d.port = freePort();
    d.startProcess();
    return d;
  }

  /** As {@link #start}, but the module runs as nobody when the tests run as root. */
  public static RsyncDaemon startUnprivileged(Path dir) throws IOException, InterruptedException {
    return start(dir, Options.WORKING.unprivilegedModule());
  }

  /**
   * Bytes of file data the daemon received since its log had {@code fromLogBytes} bytes (see
   * {@link #logSize}): the sum of {@code %b} over "recv" lines of the transfer log.
   */
  public long bytesReceived(long fromLogBytes) throws IOException {
    byte[] all = Files.readAllBytes(dir.resolve("rsyncd.log"));
    String text = new String(all, (int) Math.min(fromLogBytes, all.length),
        (int) Math.max(0, all.length - fromLogBytes), java.nio.charset.StandardCharsets.UTF_8);
    long sum = 0;
    for (String line : text.split("\n")) {
      int at = line.indexOf("] recv ");
      if (at >= 0) {
        String[] parts = line.substring(at + 7).split(" ", 2);
        sum += Long.parseLong(parts[0]);
      }
    }
    return sum;
  }

  /** Files received since {@code fromLogBytes}, counted like {@link #bytesReceived}. */
  public long filesReceived(long fromLogBytes) throws IOException {
    byte[] all = Files.readAllBytes(dir.resolve("rsyncd.log"));
    String text = new String(all, (int) Math.min(fromLogBytes, all.length),
        (int) Math.max(0, all.length - fromLogBytes), java.nio.charset.StandardCharsets.UTF_8);
    return text.lines().filter(l -> l.contains("] recv ")).count();
  }

  /** The daemon's log so far ("" before its first line). */
  public String log() throws IOException {
    Path log = dir.resolve("rsyncd.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }

  /** The daemon log's current size: a mark for {@link #bytesReceived}. */
  public long logSize() throws IOException {
    Path log = dir.resolve("rsyncd.log");
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /** Starts again on the same port after {@link #stop()} (a target coming back). */
  public void restart() throws IOException, InterruptedException {
    startProcess();
  }

  /** Says once per test JVM which rsync the tests run (see pom.xml, profile rsync-bin). */
  private static void announceVersion() {
    if (ANNOUNCED.compareAndSet(false, true)) {
      try {
        Process p = new ProcessBuilder(List.of("rsync", "--version")).redirectErrorStream(true)
            .start();
        String first = new String(p.getInputStream().readAllBytes()).lines().findFirst()
            .orElse("?");
        p.waitFor();
        System.err.println("tests use: " + first);
      } catch (IOException | InterruptedException e) {
        System.err.println("tests use: rsync (version unknown: " + e + ")");
      }
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean ANNOUNCED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private void startProcess() throws IOException, InterruptedException {
    announceVersion();
    Files.deleteIfExists(dir.resolve("rsyncd.pid"));
    process = new ProcessBuilder(List.of("rsync", "--daemon", "--no-detach",
        "--config=" + config, "--port=" + port, "--address=127.0.0.1"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("rsyncd.out").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("rsync daemon exited " + process.exitValue() + ": "
            + Files.readString(dir.resolve("rsyncd.out")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(10); // polling the port until it accepts: the daemon's only readiness signal
      }
    }
    throw new IOException("rsync daemon did not listen on port " + port);
  }

  /**
   * Kills the daemon's per-connection children only, the listener stays (what a daemon restart
   * does to connected clients).
   */
  public void dropConnections() {
    if (process != null) {
      process.descendants().forEach(h -> {
        h.destroyForcibly();
        h.onExit().join();
      });
    }
  }

  /**
   * Kills the daemon and the children serving its connections: a target going down. (The
   * daemon alone would leave a connected standby rsync of the daemon under test served.)
   */
  public void stop() throws InterruptedException {
    // Frozen first, so it accepts no connection while its children are ended: one accepted in
    // between (a standby rsync reconnecting) outlived the daemon and delivered a change to a
    // target that was "down" (ServiceIT's flush returned 0 with 3.2.7 in CI).
    freeze();
    // Not dropConnections(): a stopped daemon reaps no child, so waiting for one to end while
    // the daemon lives waits forever. The children get SIGKILL, then the daemon (SIGKILL ends
    // a stopped process too), and only then are the children waited for (reparented, reaped).
    List<ProcessHandle> children =
        process == null ? List.of() : process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
    for (ProcessHandle h : children) {
      try {
        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException e) {
        // killed; an unreaped zombie serves no connection
      }
    }
  }

  private void freeze() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder(List.of("kill", "-STOP", Long.toString(process.pid())))
          .redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      kill.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("kill -STOP of the rsync daemon failed", e);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  public Path moduleDir() {
    return moduleDir;
  }

  public Path passwordFile() {
    return passwordFile;
  }

  @Override
  public void close() {
    // Not InterruptedException: try-with-resources would swallow an interrupt (javac's "try" lint).
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** A loopback port free a moment ago (tests bind it soon after). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
