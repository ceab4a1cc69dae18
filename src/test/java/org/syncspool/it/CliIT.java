package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator meets it: the shaded jar, run with plain {@code java -jar}. */
class CliIT {
  @TempDir
  Path tmp;

  private static final Path JAR = Path.of("target/syncspool.jar");

  record Run(int code, String out, String err) {}

  static Run syncspool(String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).start();
    p.getOutputStream().close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException ignored) {
        // process gone
      }
    });
    t.start();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    t.join();
    return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** A minimal config: one root, one local target, state under the test's temp dir. */
  private Path localConfig(Path watch, Path mirror) throws IOException {
    Path conf = tmp.resolve("confxml.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync>
            <localpath watch="%s">
              <remote path="%s"/>
            </localpath>
          </sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(org.syncspool.testing.RsyncDaemon.freePort(), watch, mirror,
        tmp.resolve("state")));
    return conf;
  }

  @Test
  void versionAndHelpWorkWithoutJvmFlags() throws Exception {
    Run v = syncspool("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("syncspool ");
    for (String cmd : new String[] {"run", "check-config", "check-targets", "demo"}) {
      Run h = syncspool(cmd, "--help");
      assertThat(h.code()).as(cmd).isZero();
      assertThat(h.out()).as(cmd).contains("Usage: syncspool " + cmd);
    }
  }

  @Test
  void aBadConfigIsOneLineAndExit78() throws Exception {
    Path conf = tmp.resolve("confxml.xml");
    Files.writeString(conf, """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <head version="2.5">
          <sersync>
            <localpath watch="/no/such/dir/anywhere">
              <remote ip="127.0.0.1" name="m"/>
            </localpath>
          </sersync>
        </head>
        """);
    for (String[] args : new String[][] {{"check-config", "-o", conf.toString()},
        {"run", "-o", conf.toString()}, {"-r", "-o", conf.toString()}}) {
      Run r = syncspool(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(78);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("syncspool: " + conf + ":4:").contains("/no/such/dir/anywhere");
    }
  }

  @Test
  void checkConfigPrintsTheEffectiveConfiguration() throws Exception {
    Path watch = Files.createDirectories(tmp.resolve("data"));
    Path conf = localConfig(watch, tmp.resolve("mirror"));
    Run r = syncspool("check-config", "-o", conf.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(watch.toString()).contains(tmp.resolve("mirror").toString());
    // The start-up inotify limits check, OK or not depending on the machine; one directory here.
    assertThat(r.out()).containsPattern("inotify limits (OK|too low): 1 directories to watch; "
        + "fs.inotify.max_user_watches=[0-9]+ ");
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    Run r = syncspool("run", "--no-such-option");
    assertThat(r.code()).isEqualTo(64);
  }

  @Test
  void demoMirrorsTheDemoDirectory() throws Exception {
    Path demo = tmp.resolve("demo");
    Run r = syncspool("demo", "--dir", demo.toString(), "--seconds", "3");
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    org.syncspool.testing.TreeAssert.assertMirrors(demo.resolve("source"), demo.resolve("mirror"));
    assertThat(demo.resolve("mirror/docs/hello.txt")).exists();
    assertThat(r.out()).contains("full sync done");
  }

  @Test
  void sersyncStyleInvocationRunsUntilSigtermThenExitsZero() throws Exception {
    Path watch = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(watch.resolve("seed.txt"), "present before start");
    Path mirror = tmp.resolve("mirror");
    Path conf = localConfig(watch, mirror);
    List<String> argv = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString(),
        "-d", "-r", "-o", conf.toString()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("out.log").toFile()).start();
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> Files.exists(mirror.resolve("seed.txt")));
      Files.writeString(watch.resolve("live.txt"), "changed while running");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> Files.exists(mirror.resolve("live.txt")));
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(tmp.resolve("out.log"));
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("-d ignored").contains("stopped").doesNotContain("Exception");
  }
}
