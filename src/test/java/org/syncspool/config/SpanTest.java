package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "500ms, 500", "10s, 10000", "15m, 900000", "2h, 7200000", "30d, 2592000000", "0s, 0",
      "10, -1", "s, -1", "1.5h, -1", "-1s, -1", "2 h, -1", "1w, -1", "10S, -1", "'', -1",
      "999999999999d, -1",
  })
  void parses(String text, long millis) {
    assertThat(Span.millis(text)).isEqualTo(millis);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"500, 500ms", "10000, 10s", "90000, 90s", "900000, 15m", "7200000, 2h",
      "2592000000, 30d", "0, 0ms", "1001, 1001ms"})
  void formats(long millis, String text) {
    assertThat(Span.format(millis)).isEqualTo(text);
    assertThat(Span.millis(text)).isEqualTo(millis);
  }
}
