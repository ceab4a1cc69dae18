package org.syncspool.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each accepted form of --since, with the clock and zone as parameters. */
class SinceTimeTest {
  private static final long NOW = Instant.parse("2026-12-01T22:00:00Z").toEpochMilli();
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin"); // UTC+1 in December

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-12-01T20:30:00Z,       2026-12-01T20:30:00Z",
      "2026-12-01t20:30:00.250z,   2026-12-01T20:30:00.250Z",
      "2026-12-01T20:30:00+02:00,  2026-12-01T18:30:00Z",
      "2026-12-01T20:30,           2026-12-01T19:30:00Z",
      "2026-12-01 20:30,           2026-12-01T19:30:00Z",
      "2026-12-01 20:30:15,        2026-12-01T19:30:15Z",
      "2026-12-01,                 2026-11-30T23:00:00Z",
      "90s,                        2026-12-01T21:58:30Z",
      "15m,                        2026-12-01T21:45:00Z",
      "2h,                         2026-12-01T20:00:00Z",
      "1d,                         2026-11-30T22:00:00Z",
      "0s,                         2026-12-01T22:00:00Z",
  })
  void parses(String text, String expected) {
    assertThat(Instant.ofEpochMilli(SinceTime.parse(text, NOW, BERLIN)))
        .isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2h30m", "-2h", "15x", "2026-13-01", "22:00",
      "2026-12-01T25:00Z", "9999999999d"})
  void refusesWithTheFormsItTakes(String text) {
    assertThatThrownBy(() -> SinceTime.parse(text, NOW, BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--since " + text + ": not a time")
        .hasMessageContaining("15m");
  }
}
