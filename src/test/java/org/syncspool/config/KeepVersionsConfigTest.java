package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** {@code <remote keepVersions>} and the shared default {@code <syncspool keepVersions>}. */
class KeepVersionsConfigTest {
  private static Config parse(String remoteAttrs, String syncspool) throws ConfigException {
    return Samples.parse("""
        <head>
        <sersync>
        <localpath watch="/w">
          <remote path="/mirror" %s/>
          <remote path="/other"/>
        </localpath>
        </sersync>
        %s
        </head>
        """.formatted(remoteAttrs, syncspool), new FakeFileChecks().dir("/w", "/"));
  }

  @Test
  void offByDefaultSharedDefaultAndOverride() throws Exception {
    assertThat(parse("", "").targets()).allMatch(t -> t.keepVersionsMillis() == 0);
    Config shared = parse("", "<syncspool keepVersions=\"30d\"/>");
    assertThat(shared.targets()).allMatch(t -> t.keepVersionsMillis() == 30 * 86_400_000L);
    Config over = parse("keepVersions=\"off\"", "<syncspool keepVersions=\"7d\"/>");
    assertThat(over.targets().get(0).keepVersionsMillis()).isZero();
    assertThat(over.targets().get(1).keepVersionsMillis()).isEqualTo(7 * 86_400_000L);
    assertThat(ConfigLoader.describe(over)).containsPattern("keepVersions +off")
        .containsPattern("keepVersions +7d \\(overwritten and deleted files");
  }

  @Test
  void lessThanADayOrNotASpanIsAnErrorAtTheElement() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> parse("keepVersions=\"12h\"", ""));
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.problem()).startsWith("<remote keepVersions=\"12h\">: expected off or a whole "
        + "number of days");
    assertThat(catchThrowableOfType(ConfigException.class,
        () -> parse("", "<syncspool keepVersions=\"forever\"/>")).problem())
        .startsWith("<syncspool keepVersions=\"forever\">");
  }
}
