package org.syncspool.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on 127.0.0.1 on a free port, in its own directory: its own host key, one
 * client key in its own authorized_keys, {@code StrictModes no} (temp dirs are not root-owned
 * 755 all the way up), public-key login only. {@link #clientConfig()} is an ssh client
 * configuration ({@code ssh -F}) that logs in with that key and knows the host key, so nothing
 * in ~/.ssh is read or written. rsync on the "remote" side is this machine's rsync, found on
 * sshd's default PATH.
 *
 * <p>{@link #close} ends sshd and every session process it forked (a ControlMaster keeps one
 * open after its client left).
 */
public final class SshServer implements AutoCloseable {
  private static final String SSHD = "/usr/sbin/sshd";

  private final Path dir;
  private final Path clientConfig;
  private final Path remoteDir;
  private final int port;
  private final Process process;

  private SshServer(Path dir, int port, Process process, Path clientConfig, Path remoteDir) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.clientConfig = clientConfig;
    this.remoteDir = remoteDir;
  }

  /** True when sshd and ssh-keygen are installed (.ci/run installs openssh-server). */
  public static boolean available() {
    return Files.isExecutable(Path.of(SSHD));
  }

  /** Starts sshd with its files under {@code dir}; the login is the current user. */
  public static SshServer start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path hostKey = dir.resolve("host_key");
    Path clientKey = dir.resolve("client_key");
    keygen(hostKey);
    keygen(clientKey);
    Path authorized = dir.resolve("authorized_keys");
    Files.copy(dir.resolve("client_key.pub"), authorized);
    int port = RsyncDaemon.freePort();
    Path knownHosts = dir.resolve("known_hosts");
    String hostPub = Files.readString(dir.resolve("host_key.pub")).strip();
    String[] words = hostPub.split(" ");
    Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + words[0] + " " + words[1] + "\n");
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n",
        "ListenAddress 127.0.0.1:" + port,
        "HostKey " + hostKey,
        "AuthorizedKeysFile " + authorized,
        "StrictModes no",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PidFile " + dir.resolve("sshd.pid"),
        "LogLevel INFO",
        ""));
    Path clientConfig = dir.resolve("ssh_config");
    Files.writeString(clientConfig, String.join("\n",
        "Host *",
        "  IdentityFile " + clientKey,
        "  IdentitiesOnly yes",
        "  UserKnownHostsFile " + knownHosts,
        "  GlobalKnownHostsFile /dev/null",
        "  StrictHostKeyChecking yes",
        "  LogLevel ERROR",
        ""));
    // sshd refuses to start without its privilege separation directory (the Debian package makes
    // it at boot through its unit, which does not run here).
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      Files.createDirectories(privsep,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Process p = new ProcessBuilder(List.of(SSHD, "-D", "-e", "-f", config.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    Path remote = Files.createDirectories(dir.resolve("remote"));
    SshServer s = new SshServer(dir, port, p, clientConfig, remote);
    s.awaitListening();
    return s;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("sshd exited " + process.exitValue() + ": "
            + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(10); // polling the port until it accepts: sshd's only readiness signal here
      }
    }
    throw new IOException("sshd did not listen on port " + port);
  }

  private static void keygen(Path key) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
        "syncspool-test", "-f", key.toString())).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("ssh-keygen failed: " + new String(out));
    }
  }

  public int port() {
    return port;
  }

  /** The client configuration for {@code ssh -F} (the target's {@code sshConfig}). */
  public Path clientConfig() {
    return clientConfig;
  }

  /** A directory for the remote side to write into (the target's remote path). */
  public Path remoteDir() {
    return remoteDir;
  }

  /**
   * Restricts the client key to rsync into {@link #remoteDir} through rrsync, the forced command
   * docs/target-setup.md suggests: a remote {@code name} is then relative to that directory
   * ({@code "/"} is the directory itself). sshd reads authorized_keys at each login.
   */
  public void forceRrsync(Path rrsync) throws IOException {
    Path authorized = dir.resolve("authorized_keys");
    Files.writeString(authorized, "command=\"" + rrsync + " " + remoteDir + "\",restrict "
        + Files.readString(dir.resolve("client_key.pub")));
  }

  /** sshd's log: one line per login and session. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  @Override
  public void close() {
    List<ProcessHandle> sessions = process.descendants().toList();
    process.destroy();
    sessions.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      // Not thrown: try-with-resources would swallow an interrupt (javac's "try" lint).
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle h : sessions) {
      h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
        h.destroyForcibly();
        return h;
      }).join();
    }
  }
}
