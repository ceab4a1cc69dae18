package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** {@code <syncspool><changeLog path timeFormat/>}: off by default, errors at the element. */
class ChangeLogConfigTest {

  private static String withSyncspool(String syncspool) {
    return """
        <head>
        <sersync>
        <localpath watch="/w"><remote path="/mirror"/></localpath>
        </sersync>
        %s
        </head>
        """.formatted(syncspool);
  }

  private static Config parse(String syncspool) throws ConfigException {
    return Samples.parse(withSyncspool(syncspool), new FakeFileChecks().dir("/w", "/", "/var/log"));
  }

  private static ConfigException error(String syncspool) {
    return catchThrowableOfType(ConfigException.class, () -> parse(syncspool));
  }

  @Test
  void offByDefault() throws Exception {
    assertThat(parse("").changeLog()).isNull();
    assertThat(parse("<syncspool stateDir=\"/s\"/>").changeLog()).isNull();
    assertThat(parse("<syncspool><changeLog start=\"false\" path=\"/x\"/></syncspool>")
        .changeLog()).isNull();
  }

  @Test
  void pathAndDefaultTimeFormat() throws Exception {
    Config c = parse("<syncspool stateDir=\"/s\">\n  <changeLog path=\"/var/log/changes.log\"/>\n"
        + "</syncspool>");
    assertThat(c.changeLog()).isEqualTo(
        new ChangeLog(Path.of("/var/log/changes.log"), "%Y-%m-%d %H:%M:%S"));
    assertThat(c.engine().stateDir()).isEqualTo(Path.of("/s"));
    assertThat(ConfigLoader.describe(c)).contains("changeLog").contains("/var/log/changes.log");
  }

  @Test
  void ownTimeFormat() throws Exception {
    assertThat(parse("<syncspool><changeLog path=\"/c\" timeFormat=\"%d/%m/%Y %H%M%S %%\"/>"
        + "</syncspool>").changeLog().timeFormat()).isEqualTo("%d/%m/%Y %H%M%S %%");
  }

  @Test
  void unknownTokenIsAnErrorAtTheElement() {
    ConfigException e = error("<syncspool>\n   <changeLog path=\"/c\" timeFormat=\"%y-%m\"/>\n"
        + "</syncspool>");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.column()).isEqualTo(4);
    assertThat(e.problem()).isEqualTo("<changeLog timeFormat=\"%y-%m\">: unknown token %y; use "
        + "%Y %m %d %H %M %S, or %% for a percent sign");
  }

  @Test
  void relativePathDirectoryAndUnknownAttribute() {
    assertThat(error("<syncspool><changeLog path=\"changes.log\"/></syncspool>").problem())
        .contains("must be an absolute path");
    assertThat(error("<syncspool><changeLog path=\"/var/log\"/></syncspool>").problem())
        .contains("is a directory");
    assertThat(error("<syncspool><changeLog path=\"/c\" format=\"x\"/></syncspool>").problem())
        .contains("format");
    assertThat(error("<syncspool><changeLog/></syncspool>").problem())
        .contains("needs a non-empty path");
  }
}
