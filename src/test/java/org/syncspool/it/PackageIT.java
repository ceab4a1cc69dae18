package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages {@code mvn package} built: the .deb's layout, conffiles and control fields, its
 * launcher (extracted, run for real), the unit files ({@code systemd-analyze verify}) and the
 * .rpm. Installing the .deb with dpkg -i is left to .ci/run: it changes the machine.
 */
class PackageIT {
  private static final String VERSION = System.getProperty("project.version", "0.1.0");
  private static final Path DEB = Path.of("target/syncspool_" + VERSION + "_all.deb");
  private static final Path RPM = Path.of("target/syncspool-" + VERSION + ".noarch.rpm");

  @TempDir
  Path tmp;

  record Run(int code, String out) {}

  private static Run run(Map<String, String> env, String... argv)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static Run run(String... argv) throws IOException, InterruptedException {
    return run(Map.of(), argv);
  }

  /** On PATH and executable (looked up here: no process of ours goes through a shell). */
  private static boolean installed(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void debHasTheLayoutTheConffilesAndTheDependencies() throws Exception {
    assumeTrue(installed("dpkg-deb"), "dpkg-deb not installed");
    assertThat(DEB).exists();
    Run list = run("dpkg-deb", "-c", DEB.toString());
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("./usr/share/syncspool/syncspool.jar", "./usr/bin/syncspool",
        "./etc/syncspool/syncspool.xml", "./etc/syncspool/logback.xml",
        "./lib/systemd/system/syncspool.service", "./lib/systemd/system/syncspool@.service",
        "./usr/lib/sysctl.d/60-syncspool.conf", "./usr/share/bash-completion/completions/syncspool",
        "./usr/share/man/man1/syncspool.1.gz", "./usr/share/syncspool/syncspool.xsd",
        "./usr/share/doc/syncspool/operations.md");
    assertThat(list.out()).containsPattern("-rwxr-xr-x .* \\./usr/bin/syncspool")
        .containsPattern("drwx------ .* \\./var/lib/syncspool/");
    Run conffiles = run("dpkg-deb", "-I", DEB.toString(), "conffiles");
    assertThat(conffiles.out()).contains("/etc/syncspool/syncspool.xml", "/etc/syncspool/logback.xml");
    if (Files.exists(Path.of("packaging/logrotate/syncspool"))) {
      assertThat(list.out()).contains("./etc/logrotate.d/syncspool");
      assertThat(conffiles.out()).contains("/etc/logrotate.d/syncspool");
    }
    Run control = run("dpkg-deb", "-f", DEB.toString(), "Depends", "Architecture", "Version");
    assertThat(control.out()).contains("java17-runtime-headless", "rsync (>= 3.2.3)",
        "Architecture: all", "Version: " + VERSION);
    // ssh targets need ssh: only Recommended, a minimal system failed them with rsync exit 14
    assertThat(control.out()).containsPattern("(?m)^Depends: .*\\bopenssh-client\\b");
    Run recommends = run("dpkg-deb", "-f", DEB.toString(), "Recommends");
    assertThat(recommends.out()).doesNotContain("openssh-client");
    Run postinst = run("dpkg-deb", "-I", DEB.toString(), "postinst");
    // no command (a line that starts with systemctl) starts, restarts or enables the service
    assertThat(postinst.out()).contains("daemon-reload")
        .doesNotContainPattern("(?m)^\\s*systemctl +(start|restart|try-restart|enable|reload)");
  }

  @Test
  void theLaunchersJvmFlagsWorkAndJavaOptsIsHonoured() throws Exception {
    assumeTrue(installed("dpkg-deb"), "dpkg-deb not installed");
    Path root = tmp.resolve("root");
    assertThat(run("dpkg-deb", "-x", DEB.toString(), root.toString()).code()).isZero();
    String launcher = root.resolve("usr/bin/syncspool").toString();
    Map<String, String> env = Map.of(
        "SYNCSPOOL_JAR", root.resolve("usr/share/syncspool/syncspool.jar").toString(),
        "JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
    Run v = run(env, launcher, "--version");
    assertThat(v.code()).as(v.out()).isZero();
    assertThat(v.out().strip()).isEqualTo("syncspool " + VERSION);

    Map<String, String> bad = new java.util.HashMap<>(env);
    bad.put("JAVA_OPTS", "-XX:+NoSuchOptionForSyncspoolTest");
    Run rejected = run(bad, launcher, "--version");
    assertThat(rejected.code()).as("JAVA_OPTS reaches the JVM").isNotZero();
    assertThat(rejected.out()).contains("NoSuchOptionForSyncspoolTest");

    // The shipped config checks once its example source exists (the postinst creates it).
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, Files.readString(root.resolve("etc/syncspool/syncspool.xml"))
        .replace("/var/lib/syncspool", tmp.resolve("state").toString()));
    Files.createDirectories(tmp.resolve("state/example/source"));
    Run check = run(env, launcher, "check-config", "-o", conf.toString());
    assertThat(check.code()).as(check.out()).isZero();
  }

  @Test
  void manPageAndCompletionComeFromTheCommandModel() throws Exception {
    Path gen = Path.of("target/generated-packaging");
    String man;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gen.resolve("syncspool.1.gz")))) {
      man = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(man).startsWith(".TH SYNCSPOOL 1").contains(".SS flush", ".SS full\\-sync",
        ".SS status", "\\fB\\-\\-timeout\\fR", ".SH EXIT STATUS");
    assertThat(Files.readString(gen.resolve("syncspool.bash")))
        .contains("complete -F _complete_syncspool", "full-sync", "--timeout");
  }

  @Test
  void unitFilesPassSystemdAnalyzeVerify() throws Exception {
    assumeTrue(installed("systemd-analyze"), "systemd-analyze not installed: unit files not verified");
    Path launcher = tmp.resolve("syncspool");
    Files.copy(Path.of("target/generated-packaging/bin/syncspool"), launcher);
    launcher.toFile().setExecutable(true);
    for (String[] unit : new String[][] {{"syncspool.service", "syncspool.service"},
        {"syncspool@.service", "syncspool@example.service"}}) {
      // verify wants ExecStart to exist: point it at a copy of the launcher
      Path copy = tmp.resolve(unit[0]);
      Files.writeString(copy, Files.readString(Path.of("packaging/systemd", unit[0]))
          .replace("/usr/bin/syncspool", launcher.toString()));
      String arg = unit[0].equals(unit[1]) ? copy.toString() : copy.resolveSibling(unit[1]).toString();
      if (!unit[0].equals(unit[1])) {
        Files.copy(copy, Path.of(arg));
      }
      Run r = run("systemd-analyze", "verify", "--man=no", arg);
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.out()).as("warnings for " + unit[0]).isBlank();
    }
    String unit = Files.readString(Path.of("packaging/systemd/syncspool.service"));
    assertThat(unit).contains("Type=notify", "Restart=on-failure", "RestartPreventExitStatus=64 78",
        "LANG=C.UTF-8", "StateDirectory=syncspool").doesNotContain("\nMemoryDenyWriteExecute");
    // /bin/kill is in procps, which a minimal Debian lacks: reload must not need it
    assertThat(unit).contains("ExecReload=/bin/systemctl kill --signal=HUP --kill-whom=main %n")
        .doesNotContain("ExecReload=/bin/kill");
  }

  /** The shipped units' exposure as systemd rates it, measured on the files (issue 15: <= 3.0). */
  @Test
  void unitFilesScoreAtMostThreeInSystemdAnalyzeSecurity() throws Exception {
    assumeTrue(installed("systemd-analyze"), "systemd-analyze not installed: exposure not measured");
    for (String unit : new String[] {"syncspool.service", "syncspool@.service"}) {
      Run r = run("systemd-analyze", "security", "--offline=yes", "--no-pager",
          Path.of("packaging/systemd", unit).toString());
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("Overall exposure level for \\S+: (\\d+\\.\\d)").matcher(r.out());
      assertThat(m.find()).as(r.out()).isTrue();
      assertThat(Double.parseDouble(m.group(1))).as(unit + "\n" + r.out()).isLessThanOrEqualTo(3.0);
    }
  }

  @Test
  void rpmListsTheSameFilesAndItsDigestsCheck() throws Exception {
    assumeTrue(installed("rpm") && installed("rpmbuild"),
        "rpm/rpmbuild not installed (apt-get install rpm): no .rpm built or checked");
    assertThat(RPM).exists();
    Run list = run("rpm", "-qpl", RPM.toString());
    assertThat(list.code()).as(list.out()).isZero();
    assertThat(list.out()).contains("/usr/share/syncspool/syncspool.jar", "/usr/bin/syncspool",
        "/etc/syncspool/syncspool.xml", "/usr/lib/systemd/system/syncspool.service",
        "/usr/lib/sysctl.d/60-syncspool.conf", "/usr/share/man/man1/syncspool.1.gz");
    Run config = run("rpm", "-qpc", RPM.toString());
    assertThat(config.out()).contains("/etc/syncspool/syncspool.xml");
    Run k = run("rpm", "-K", RPM.toString());
    assertThat(k.code()).as(k.out()).isZero();
    assertThat(k.out()).contains("digests OK");
    List<String> req = new ArrayList<>(List.of(run("rpm", "-qpR", RPM.toString()).out().split("\n")));
    assertThat(req).anyMatch(l -> l.startsWith("rsync >= 3.2.3")).anyMatch(l -> l.contains("java"))
        .anyMatch(l -> l.strip().equals("openssh-clients"));
  }
}
