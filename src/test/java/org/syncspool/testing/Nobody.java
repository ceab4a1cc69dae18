package org.syncspool.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The attacker's side of a security test: a command run as {@code nobody} through
 * {@code setpriv} (util-linux), from an argv list. The tests run as root, like the daemon; what
 * {@code nobody} does here is what any local user who can write a watched tree can do.
 */
public final class Nobody {
  private Nobody() {}

  /** Runs {@code argv} as nobody:nogroup without supplementary groups; fails on a non-zero exit. */
  public static String run(String... argv) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
        "--clear-groups", "--"));
    cmd.addAll(List.of(argv));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " as nobody failed: " + out);
    }
    return out;
  }

  /**
   * A directory nobody may write, in {@code parent} (made traversable: a JUnit temp dir is
   * 0700).
   */
  public static Path writableDir(Path parent, String name) throws IOException {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    Path d = Files.createDirectories(parent.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
    return d;
  }
}
