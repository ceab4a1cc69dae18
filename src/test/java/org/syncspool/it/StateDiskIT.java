package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.RsyncDaemon;

/**
 * Issue 10 item 8: starting with a full state disk (a 256 KiB tmpfs, filled) ended in an
 * InternalError and a stack trace (exit 1). Now one line and exit 74, before anything of the
 * journal is created.
 */
class StateDiskIT {
  @TempDir
  Path tmp;

  private static int sh(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @Test
  void aFullStateDiskIsOneLineAndExit74() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounts a tmpfs");
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    assertThat(sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString())).isZero();
    try {
      Files.createDirectories(disk.resolve("state"));
      sh("dd", "if=/dev/zero", "of=" + disk.resolve("fill"), "bs=4k"); // until ENOSPC
      Path source = Files.createDirectories(tmp.resolve("source"));
      Path conf = tmp.resolve("syncspool.xml");
      Files.writeString(conf, """
          <head version="2.5">
            <host hostip="127.0.0.1" port="%d"/>
            <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
            <syncspool stateDir="%s"/>
          </head>
          """.formatted(RsyncDaemon.freePort(), source, tmp.resolve("mirror"),
          disk.resolve("state")));
      Path log = tmp.resolve("run.log");
      String java = ProcessHandle.current().info().command().orElse("java");
      Process run = new ProcessBuilder(java, "-jar", "target/syncspool.jar", "run", "-o",
          conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(log).stream()
          .filter(l -> !l.contains("INFO")).toList();
      assertThat(run.exitValue()).as(String.join("\n", lines)).isEqualTo(74);
      assertThat(lines).singleElement().asString()
          .contains(disk.resolve("state").toString()).contains("is full");
      assertThat(disk.resolve("state/journal")).doesNotExist();
    } finally {
      sh("umount", disk.toString());
    }
  }
}
