package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM lists of pom.xml (jvm.add-exports, jvm.add-opens, chronicle.quiet; docs/architecture.md,
 * JVM settings) reach every place that needs them unchanged: the shaded jar's manifest, the
 * launcher the packages install, cli.Main's jvm.properties, and the test JVMs themselves (this
 * one runs with failsafe's argLine). Runs after {@code package}.
 */
class JvmFlagsIT {
  private static final Path JAR = Path.of("target/syncspool.jar");
  private static final Path LAUNCHER = Path.of("target/generated-packaging/bin/syncspool");

  @Test
  void manifestLauncherMainAndTestJvmsAgree() throws Exception {
    Manifest m;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      m = jar.getManifest();
    }
    List<String> exports = words(m.getMainAttributes().getValue("Add-Exports"));
    List<String> opens = words(m.getMainAttributes().getValue("Add-Opens"));
    assertThat(exports).contains("java.base/sun.nio.ch", "jdk.unsupported/sun.misc");
    assertThat(opens).contains("java.base/java.lang", "java.base/java.nio");

    Properties main = new Properties();
    try (JarFile jar = new JarFile(JAR.toFile());
         InputStream in = jar.getInputStream(jar.getEntry("org/syncspool/cli/jvm.properties"))) {
      main.load(in);
    }
    assertThat(words(main.getProperty("add-exports"))).isEqualTo(exports);
    assertThat(words(main.getProperty("add-opens"))).isEqualTo(opens);
    List<String> quiet = words(main.getProperty("quiet"));
    assertThat(quiet).contains("-Dchronicle.analytics.disable=true");

    String launcher = Files.readString(LAUNCHER);
    assertThat(launcher).doesNotContain("@jvm.", "@chronicle.");
    assertThat(words(shellValue(launcher, "ADD_EXPORTS"))).isEqualTo(exports);
    assertThat(words(shellValue(launcher, "ADD_OPENS"))).isEqualTo(opens);
    assertThat(launcher).contains("FLAGS=\"$FLAGS " + String.join(" ", quiet) + "\"");
    assertThat(launcher).contains("\"$@\""); // the filter left the shell's own @ alone

    List<String> expected = new ArrayList<>();
    exports.forEach(e -> expected.add("--add-exports=" + e + "=ALL-UNNAMED"));
    opens.forEach(o -> expected.add("--add-opens=" + o + "=ALL-UNNAMED"));
    expected.addAll(quiet);
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle.")
            || a.startsWith("-Ddisable.")).toList();
    assertThat(jvm).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * The launcher's class data sharing archive (packaging/bin/syncspool): made with
   * SYNCSPOOL_CDS_DUMP as postinst does, its classes then load from it; one that others could
   * write is never mapped; one made for another jar is refused quietly and the command works.
   */
  @Test
  void theLauncherMapsOnlyARootOwnedArchiveMadeForThisJar(@org.junit.jupiter.api.io.TempDir
      Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "the archive must be root's");
    Path dir = Files.createDirectories(tmp.resolve("cache"));
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions
        .fromString("rwxr-xr-x"));
    Path jsa = dir.resolve("syncspool.jsa");
    assertThat(launch(JAR, Map.of("SYNCSPOOL_CDS_DUMP", jsa.toString()), tmp, "--version").code)
        .isZero();
    assertThat(jsa).isNotEmptyFile();

    Run used = launch(JAR, Map.of("SYNCSPOOL_CDS", jsa.toString()), tmp, "--version");
    assertThat(used.code).isZero();
    assertThat(used.err).isEmpty();
    assertThat(used.fromArchive).as("classes loaded from the archive").isGreaterThan(100);

    Files.setPosixFilePermissions(jsa, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-rw-r--"));
    assertThat(launch(JAR, Map.of("SYNCSPOOL_CDS", jsa.toString()), tmp, "--version")
        .fromArchive).as("group-writable: not mapped").isZero();
    Files.setPosixFilePermissions(jsa, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-r--r--"));

    Path other = tmp.resolve("other.jar");
    Files.copy(JAR, other);
    Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));
    Run stale = launch(other, Map.of("SYNCSPOOL_CDS", jsa.toString()), tmp, "--version");
    assertThat(stale.code).isZero();
    assertThat(stale.err).as("a stale archive is refused without a word").isEmpty();
    assertThat(stale.out).startsWith("syncspool ");
    assertThat(stale.fromArchive).isZero();
  }

  private record Run(int code, String out, String err, long fromArchive) {}

  private static Run launch(Path jar, Map<String, String> env, Path tmp, String... args)
      throws Exception {
    Path log = Files.createTempFile(tmp, "classes", ".log");
    List<String> argv = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.environment().put("SYNCSPOOL_JAR", jar.toString());
    pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    long shared;
    try (var lines = Files.lines(log)) {
      shared = lines.filter(l -> l.contains("shared objects file (top)")).count();
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err), shared);
  }

  private static List<String> words(String s) {
    assertThat(s).isNotNull();
    return Arrays.asList(s.strip().split("\\s+", -1));
  }

  private static String shellValue(String script, String name) {
    Matcher mt = Pattern.compile("(?m)^" + name + "=\"([^\"]*)\"$").matcher(script);
    assertThat(mt.find()).as(name + " in the launcher").isTrue();
    return mt.group(1);
  }
}
