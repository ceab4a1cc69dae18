package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** {@code <syncspool><hook on command args timeout/>}: several, validated at their element. */
class HookConfigTest {

  private static Config parse(String syncspool) throws ConfigException {
    return Samples.parse("""
        <head>
        <sersync>
        <localpath watch="/w"><remote path="/mirror"/></localpath>
        </sersync>
        %s
        </head>
        """.formatted(syncspool), new FakeFileChecks().dir("/w", "/", "/usr/local/bin")
        .file("/usr/local/bin/alert", "rwxr-xr-x").file("/etc/notes", "rw-r--r--"));
  }

  private static ConfigException error(String syncspool) {
    return catchThrowableOfType(ConfigException.class, () -> parse(syncspool));
  }

  @Test
  void noneByDefault() throws Exception {
    assertThat(parse("").hooks()).isEmpty();
    assertThat(ConfigLoader.describe(parse(""))).contains("hooks").contains("none");
  }

  @Test
  void severalHooksInFileOrderWithArgsAndTimeouts() throws Exception {
    Config c = parse("""
        <syncspool stateDir="/s">
          <hook on="failure" command="/usr/local/bin/alert" args="--to 'ops team' -v"/>
          <changeLog path="/c.log"/>
          <hook on="batch" command="/usr/local/bin/alert" timeout="500ms"/>
          <hook on="recovered" command="/usr/local/bin/alert" timeout="2m"/>
        </syncspool>""");
    assertThat(c.hooks()).containsExactly(
        new Hook(Hook.Kind.FAILURE, Path.of("/usr/local/bin/alert"),
            List.of("--to", "ops team", "-v"), 10_000),
        new Hook(Hook.Kind.BATCH, Path.of("/usr/local/bin/alert"), List.of(), 500),
        new Hook(Hook.Kind.RECOVERED, Path.of("/usr/local/bin/alert"), List.of(), 120_000));
    assertThat(c.changeLog()).isNotNull();
    assertThat(ConfigLoader.describe(c))
        .contains("on failure: /usr/local/bin/alert --to ops team -v (timeout 10s")
        .contains("on batch: /usr/local/bin/alert (timeout 500ms");
  }

  @Test
  void errorsNameFileLineColumnAndWhatWouldBeRight() {
    ConfigException e = error("<syncspool>\n  <hook on=\"fail\" command=\"/usr/local/bin/alert\"/>"
        + "\n</syncspool>");
    assertThat(e.file()).isEqualTo(Samples.FILE);
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.problem()).isEqualTo("<hook on=\"fail\">: expected batch, failure, parked, drift "
        + "or recovered");
    assertThat(error("<syncspool><hook command=\"/usr/local/bin/alert\"/></syncspool>").problem())
        .isEqualTo("<hook> needs a non-empty on attribute");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"alert\"/></syncspool>").problem())
        .contains("must be an absolute path");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/nope\"/></syncspool>").problem())
        .isEqualTo("<hook command=\"/nope\">: no such program");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/etc/notes\"/></syncspool>")
        .problem()).contains("not an executable file").contains("never a shell");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/usr/local/bin\"/></syncspool>")
        .problem()).contains("not an executable file");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/usr/local/bin/alert\" "
        + "timeout=\"10\"/></syncspool>").problem()).isEqualTo("<hook timeout=\"10\">: expected "
        + "a whole number and a unit: 500ms, 10s, 15m, 2h, 30d, at most 1h");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/usr/local/bin/alert\" "
        + "timeout=\"2h\"/></syncspool>").problem()).contains("at most 1h");
    assertThat(error("<syncspool><hook on=\"batch\" command=\"/usr/local/bin/alert\" "
        + "shell=\"yes\"/></syncspool>").problem()).contains("shell");
  }
}
