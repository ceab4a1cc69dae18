package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
