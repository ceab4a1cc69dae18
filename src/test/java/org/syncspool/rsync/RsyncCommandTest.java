package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;

class RsyncCommandTest {
  private static final List<String> PARAMS = List.of("-artuz");

  private static Target local(boolean delete) {
    return new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null, Path.of("/mirror"), null,
        null, null, PARAMS, null, delete);
  }

  private static Target daemon(String host, Integer port, String user, Path pw, Integer timeout) {
    return new Target("0:x", "x", 0, Mode.DAEMON, host, "backup", null, port, user, pw, PARAMS,
        timeout, true);
  }

  @Test
  void localBatchWithoutRecursion() {
    assertThat(new RsyncCommand("rsync", local(true), "/data").batch(false)).containsExactly(
        "rsync", "-artuz", "--no-r", "--from0", "--files-from=-", "--force",
        "--ignore-missing-args", "--stats", "--modify-window=-1", "/data/", "/mirror/");
  }

  @Test
  void recursiveBatchDeletesInsideListedDirectories() {
    assertThat(new RsyncCommand("rsync", local(true), "/data/").batch(true)).containsExactly(
        "rsync", "-artuz", "-r", "--delete", "--from0", "--files-from=-",
        "--force", "--ignore-missing-args", "--stats", "--modify-window=-1", "/data/", "/mirror/");
  }

  @Test
  void noRunUsesDeleteMissingArgsWhichDebian12sRsyncRejectsAfterAnotherEntry() {
    RsyncCommand c = new RsyncCommand("rsync", local(true), "/data");
    for (List<String> argv : List.of(c.batch(false), c.batch(true), c.listing(), c.fullSync(),
        c.deleteOnly(null), c.fuzzy(), c.deletions(Path.of("/s/tmp/r")))) {
      assertThat(argv).doesNotContain("--delete-missing-args");
    }
  }

  @Test
  void deletionsReconcileListedParentsUnderMergedRules() {
    assertThat(new RsyncCommand("rsync", local(true), "/data").deletions(Path.of("/s/tmp/r")))
        .containsExactly("rsync", "-artuz", "--no-r", "-d", "--delete", "--force", "--from0",
            "--files-from=-", "--filter=merge /s/tmp/r", "--ignore-missing-args", "--stats",
            "--modify-window=-1", "/data/", "/mirror/");
  }

  @Test
  void deletesOffIgnoresMissingPaths() {
    List<String> argv = new RsyncCommand("rsync", local(false), "/data").batch(true);
    assertThat(argv).contains("--ignore-missing-args", "-r")
        .doesNotContain("--delete", "--delete-missing-args", "--force");
  }

  @Test
  void daemonWithAuthPortAndTimeout() {
    Target t = daemon("10.1.2.3", 874, "backup", Path.of("/etc/rsync.pas"), 100);
    assertThat(new RsyncCommand("/usr/bin/rsync", t, "/data").batch(false)).containsExactly(
        "/usr/bin/rsync", "-artuz", "--no-r", "--from0", "--files-from=-",
        "--force", "--ignore-missing-args", "--stats", "--modify-window=-1", "--timeout=100",
        "--sockopts=TCP_NODELAY",
        "--password-file=/etc/rsync.pas",
        "/data/", "rsync://backup@10.1.2.3:874/backup/");
  }

  @Test
  void daemonDefaultPortNoUser() {
    Target t = daemon("backup.example", null, null, null, null);
    assertThat(new RsyncCommand("rsync", t, "/d").destination())
        .isEqualTo("rsync://backup.example/backup/");
  }

  @Test
  void ipv6HostIsBracketed() {
    Target t = daemon("::1", 8730, null, null, null);
    assertThat(new RsyncCommand("rsync", t, "/d").destination()).isEqualTo("rsync://[::1]:8730/backup/");
  }

  @Test
  void sshModeUsesMinusEAndHostColonPath() {
    Target t = new Target("0:h:/srv/m", "h:/srv/m", 0, Mode.SSH, "h", "/srv/m", null, 2222, "sync",
        null, PARAMS, null, true);
    List<String> argv = new RsyncCommand("rsync", t, "/data").batch(false);
    assertThat(argv.subList(argv.size() - 4, argv.size())).containsExactly(
        "-e", "ssh -p 2222 -o BatchMode=yes", "/data/", "sync@h:/srv/m/");
    // rrsync refuses the "-@-1" the client would make of --modify-window=-1
    assertThat(argv).contains("--remote-option=--modify-window=-1")
        .doesNotContain("--modify-window=-1");
  }

  @Test
  void sshConfigFileIsPassedWithMinusF() {
    Target t = new Target("0:h:/srv/m", "h:/srv/m", 0, Mode.SSH, "h", "/srv/m", null, null, null,
        null, PARAMS, null, true, Path.of("/etc/syncspool/ssh config"), true);
    assertThat(new RsyncCommand("rsync", t, "/data").sshCommand())
        .isEqualTo("ssh -F '/etc/syncspool/ssh config' -o BatchMode=yes");
  }

  @Test
  void rshWordsAreQuotedOnlyWhenRsyncWouldSplitThem() {
    assertThat(TargetAddress.rshWord("/plain/path")).isEqualTo("/plain/path");
    assertThat(TargetAddress.rshWord("/a b")).isEqualTo("'/a b'");
    assertThat(TargetAddress.rshWord("/it's")).isEqualTo("'/it'\"'\"'s'");
    assertThat(TargetAddress.rshWord("")).isEqualTo("''");
  }

  @Test
  void passwordNeverOnTheCommandLine() {
    Target t = daemon("h", null, "u", Path.of("/etc/rsync.pas"), null);
    assertThat(String.join(" ", new RsyncCommand("rsync", t, "/d").batch(true)))
        .doesNotContain("RSYNC_PASSWORD").contains("--password-file=/etc/rsync.pas");
  }

  @Test
  void fullSyncRecursesDeletesAndReadsExcludesFromStdin() {
    assertThat(new RsyncCommand("rsync", local(true), "/data").fullSync()).containsExactly(
        "rsync", "-artuz", "-r", "--delete", "--force", "--from0", "--exclude-from=-",
        "--stats", "--modify-window=-1", "/data/", "/mirror/");
  }

  @Test
  void progressGoesBeforeSourceAndDestinationOfTheFullSyncOnly() {
    RsyncCommand c = new RsyncCommand("rsync", local(true), "/data");
    assertThat(RsyncCommand.withProgress(c.fullSync())).containsExactly(
        "rsync", "-artuz", "-r", "--delete", "--force", "--from0", "--exclude-from=-",
        "--stats", "--modify-window=-1", "--info=progress2", "/data/", "/mirror/");
    for (List<String> argv : List.of(c.batch(false), c.batch(true), c.fullSync(),
        c.verify(false, "%i %n"))) {
      assertThat(argv).doesNotContain("--info=progress2");
    }
  }

  /** Both rsyncs CI runs accept it (3.5.0 here, Debian 12's 3.2.7 where unpacked). */
  @Test
  void everyInstalledRsyncAcceptsProgress2(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    for (String bin : List.of("rsync", "/opt/rsync-deb12/usr/bin/rsync")) {
      if (!bin.equals("rsync") && !java.nio.file.Files.isExecutable(Path.of(bin))) {
        continue;
      }
      java.nio.file.Files.createDirectories(tmp.resolve("s"));
      Process p = new ProcessBuilder(bin, "-a", "--info=progress2", tmp.resolve("s") + "/",
          tmp.resolve("d") + "/").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(bin + ": " + out).isZero();
    }
  }

  @Test
  void mtimesAreComparedToTheNanosecondUnlessTheOperatorSetAWindow() {
    assertThat(new RsyncCommand("rsync", local(true), "/d").batch(false))
        .contains("--modify-window=-1");
    for (String own : List.of("--modify-window=2", "-a@2")) {
      Target t = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null, Path.of("/mirror"),
          null, null, null, List.of("-a", own), null, true);
      assertThat(new RsyncCommand("rsync", t, "/d").batch(false)).contains(own)
          .doesNotContain("--modify-window=-1");
    }
  }

  @Test
  void daemonSocketOptionsFromCommonParamsWin() {
    Target t = new Target("0:x", "x", 0, Mode.DAEMON, "h", "m", null, null, null, null,
        List.of("-a", "--sockopts=SO_SNDBUF=65536"), null, true);
    assertThat(new RsyncCommand("rsync", t, "/d").batch(false))
        .contains("--sockopts=SO_SNDBUF=65536").doesNotContain("--sockopts=TCP_NODELAY");
    assertThat(new RsyncCommand("rsync", local(true), "/d").batch(false))
        .noneMatch(a -> a.startsWith("--sockopts"));
  }

  /** mode | module (or path) | from | to | --link-dest= */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "LOCAL  | /mirror      | old     | new       | ../old",
      "LOCAL  | /mirror      | a/old   | x/y/new   | ../../../a/old",
      "SSH    | /srv/m       | a/old   | x/new     | ../../a/old",
      "DAEMON | backup       | old     | new       | /old",
      "DAEMON | backup       | a/old   | x/y/new   | /a/old",
      "DAEMON | backup/      | a/old   | new       | /a/old",
      "DAEMON | backup/sub   | a/old   | new       | /sub/a/old",
      "DAEMON | backup//s/t/ | old     | new       | /s/t/old"})
  void aRenameLinksFromTheOldCopy(Mode mode, String where, String from, String to, String link) {
    Target t = mode == Mode.LOCAL
        ? new Target("0:" + where, where, 0, mode, null, null, Path.of(where), null, null, null,
            PARAMS, null, true)
        : new Target("0:h:" + where, "h:" + where, 0, mode, "h", where, null, null, null, null,
            PARAMS, null, true);
    assertThat(new RsyncCommand("rsync", t, "/data")
        .linkDestOf(org.syncspool.batch.PathKey.of(from), org.syncspool.batch.PathKey.of(to)))
        .isEqualTo(link);
  }
}
