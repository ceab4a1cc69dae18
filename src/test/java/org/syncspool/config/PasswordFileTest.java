package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.cli.Main;

/**
 * Issue 10 item 8 on real files: a password file owned by nobody, or a directory, passed
 * check-config and rsync failed later; now one line naming the file and exit 78.
 */
class PasswordFileTest {
  @TempDir
  Path tmp;

  private Path config(Path passwordFile) throws Exception {
    Path watch = Files.createDirectories(tmp.resolve("w"));
    return Files.writeString(tmp.resolve("c.xml"), """
        <head version="2.5"><sersync><localpath watch="%s"><remote ip="127.0.0.1" name="m"/>
        </localpath><rsync><auth start="true" users="u" passwordfile="%s"/></rsync></sersync>
        </head>
        """.formatted(watch, passwordFile));
  }

  private static String checkConfig(Path conf, int expectedExit) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.execute("check-config", "-o", conf.toString())).isEqualTo(expectedExit);
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void ownedByNobodyIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chowns to nobody");
    Path pas = Files.writeString(tmp.resolve("rsync.pas"), "secret\n");
    Files.setPosixFilePermissions(pas, PosixFilePermissions.fromString("rw-------"));
    Files.setAttribute(pas, "unix:uid", 65534);
    Path conf = config(pas);
    assertThatThrownBy(() -> ConfigLoader.load(conf)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("password file " + pas + " is owned by uid 65534, not by root");
    assertThat(checkConfig(conf, 78)).contains(conf + ":").contains(pas.toString());
  }

  @Test
  void aDirectoryIsRefused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("rsync.pas"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path conf = config(dir);
    assertThatThrownBy(() -> ConfigLoader.load(conf)).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("password file " + dir + " is a directory, not a file");
    checkConfig(conf, 78);
  }

  @Test
  void aRootOwned0600FileIsFine() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runs as root");
    Path pas = Files.writeString(tmp.resolve("rsync.pas"), "secret\n");
    Files.setPosixFilePermissions(pas, PosixFilePermissions.fromString("rw-------"));
    assertThat(ConfigLoader.load(config(pas)).roots()).hasSize(1);
  }
}
