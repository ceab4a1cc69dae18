package org.syncspool.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Target;
import org.syncspool.rsync.ProcessRunner;

/**
 * The ssh connection sharing of one ssh target: {@code ControlMaster=auto}, a
 * {@code ControlPath} in a 0700 directory under the state directory, {@code ControlPersist}, as
 * {@code -o} options of rsync's ssh; none when the operator's configuration ({@code ssh -G}, with
 * the target's {@code sshConfig}) already sets a ControlMaster or ControlPath, when ssh -G fails,
 * or when the socket path would be too long for a Unix socket. The first rsync's ssh becomes
 * the master and stays in the background; {@link #close} ends it ({@code ssh -O exit}).
 */
public final class ControlMaster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlMaster.class);
  /** How long the master outlives its last session (the standby keeps one open anyway). */
  static final int PERSIST_SECONDS = 60;
  /**
   * sun_path holds 108 bytes; ssh binds a temporary name (the path plus a dot and 16 random
   * characters) before renaming it into place, and %C expands to 40 hex digits.
   */
  static final int MAX_SOCKET_PATH = 107 - 17;
  private static final int HASH_LENGTH = 40;

  private final Target target;
  private final List<String> options;
  private final ProcessRunner runner;

  private ControlMaster(Target target, List<String> options, ProcessRunner runner) {
    this.target = target;
    this.options = List.copyOf(options);
    this.runner = runner;
  }

  /**
   * Decides for {@code target} (an ssh target; any other gets none): asks {@code ssh -G}
   * whether the operator's configuration shares connections already.
   *
   * @param dir where the sockets go (created 0700), e.g. {@code STATEDIR/ssh}
   */
  public static ControlMaster of(Target target, Path dir, ProcessRunner runner) {
    if (target.mode() != Target.Mode.SSH) {
      return new ControlMaster(target, List.of(), runner);
    }
    ProcessRunner.Result g;
    try {
      g = runner.run(argv(target, List.of("-G")), ProcessRunner.StdinWriter.NONE);
    } catch (IOException e) {
      log.info("target {}: ssh -G could not run ({}); no connection sharing", target.name(),
          e.toString());
      return new ControlMaster(target, List.of(), runner);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ControlMaster(target, List.of(), runner);
    }
    if (g.exitCode() != 0) {
      log.info("target {}: ssh -G exited {}; no connection sharing", target.name(), g.exitCode());
      return new ControlMaster(target, List.of(), runner);
    }
    if (operatorHasOne(g.stdout())) {
      log.info("target {}: the ssh configuration has its own ControlMaster/ControlPath; left "
          + "to it", target.name());
      return new ControlMaster(target, List.of(), runner);
    }
    String socket = dir.toAbsolutePath() + "/%C";
    if (dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length + 1 + HASH_LENGTH
        > MAX_SOCKET_PATH || socket.indexOf('%') != socket.length() - 2) {
      log.warn("target {}: no ssh connection sharing: the socket path under {} would be too long "
          + "(or holds a %); each rsync run logs in anew", target.name(), dir);
      return new ControlMaster(target, List.of(), runner);
    }
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      log.warn("target {}: no ssh connection sharing: cannot make {} ({})", target.name(), dir,
          e.toString());
      return new ControlMaster(target, List.of(), runner);
    }
    return new ControlMaster(target, options(socket), runner);
  }

  /** The {@code -o} options (without "-o"); empty when connection sharing is left alone. */
  public List<String> options() {
    return options;
  }

  static List<String> options(String socket) {
    return List.of("ControlMaster=auto", "ControlPath=" + socket,
        "ControlPersist=" + PERSIST_SECONDS);
  }

  /**
   * True when {@code ssh -G} output (one "keyword value" per line, keywords in lower case)
   * shows a ControlMaster other than "no"/"false" or a ControlPath other than "none".
   */
  static boolean operatorHasOne(String sshG) {
    for (String line : sshG.split("\n", -1)) {
      String[] kv = line.strip().split("\\s+", 2);
      if (kv.length < 2) {
        continue;
      }
      String v = kv[1].strip();
      if (kv[0].equals("controlmaster") && !v.equals("false") && !v.equals("no")) {
        return true;
      }
      if (kv[0].equals("controlpath") && !v.equals("none")) {
        return true;
      }
    }
    return false;
  }

  /** {@code ssh [-F cfg] [-p port] [-l user] EXTRA host}: how rsync's ssh would be called. */
  static List<String> argv(Target t, List<String> extra) {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    if (t.sshConfig() != null) {
      argv.add("-F");
      argv.add(t.sshConfig().toString());
    }
    if (t.port() != null) {
      argv.add("-p");
      argv.add(t.port().toString());
    }
    if (t.user() != null && !t.user().isEmpty()) {
      argv.add("-l");
      argv.add(t.user());
    }
    argv.add("-o");
    argv.add("BatchMode=yes");
    argv.addAll(extra);
    argv.add(t.host());
    return argv;
  }

  /** Ends our master, if one runs ({@code ssh -O exit}); nothing when sharing was left alone. */
  @Override
  public void close() {
    if (options.isEmpty()) {
      return;
    }
    List<String> extra = new ArrayList<>();
    for (String o : options) {
      extra.add("-o");
      extra.add(o);
    }
    extra.add("-O");
    extra.add("exit");
    try {
      runner.run(argv(target, extra), ProcessRunner.StdinWriter.NONE);
    } catch (IOException e) {
      log.debug("target {}: ssh -O exit: {}", target.name(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
