package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** {@code <syncspool><verify every checksum repair/>}: off by default, errors at the element. */
class AuditConfigTest {

  private static Config parse(String syncspool) throws ConfigException {
    return Samples.parse("""
        <head>
        <sersync>
        <localpath watch="/w"><remote path="/mirror"/></localpath>
        </sersync>
        %s
        </head>
        """.formatted(syncspool), new FakeFileChecks().dir("/w", "/"));
  }

  @Test
  void offByDefault() throws Exception {
    assertThat(parse("").audit()).isNull();
    assertThat(parse("<syncspool stateDir=\"/s\"/>").audit()).isNull();
    assertThat(parse("<syncspool><verify start=\"false\" every=\"1h\"/></syncspool>").audit())
        .isNull();
  }

  @Test
  void everyWithDefaults() throws Exception {
    Config c = parse("<syncspool><verify every=\"24h\"/></syncspool>");
    assertThat(c.audit()).isEqualTo(new AuditSchedule(Duration.ofHours(24), false, false));
    assertThat(ConfigLoader.describe(c)).contains("verify").contains("every 1d");
    assertThat(parse("<syncspool><verify every=\"90m\" checksum=\"true\" repair=\"true\"/>"
        + "</syncspool>").audit()).isEqualTo(new AuditSchedule(Duration.ofMinutes(90), true, true));
  }

  @ParameterizedTest
  @CsvSource({"90s, PT90S", "30m, PT30M", "6h, PT6H", "7d, PT168H"})
  void units(String every, String iso) throws Exception {
    assertThat(parse("<syncspool><verify every=\"" + every + "\"/></syncspool>").audit().every())
        .isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "24|a number and a unit",
      "h|a number and a unit",
      "1w|a number and a unit",
      "-1h|a number and a unit",
      "30s|at least 1m",
  })
  void badEveryIsAnErrorAtTheElement(String every, String problem) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> parse("<syncspool>\n   <verify every=\"" + every + "\"/>\n</syncspool>"));
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.problem()).isEqualTo("<verify every=\"" + every + "\">: " + problem
        + (problem.startsWith("a n") ? " (s, m, h or d), e.g. 24h" : ""));
  }

  @Test
  void everyIsRequired() {
    assertThat(catchThrowableOfType(ConfigException.class,
        () -> parse("<syncspool><verify/></syncspool>")).problem()).contains("every");
  }
}
