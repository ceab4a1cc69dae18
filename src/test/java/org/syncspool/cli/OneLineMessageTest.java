package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10 item 6: the net under every log message, cell by cell. */
class OneLineMessageTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "cannot list /w/a: Permission denied | cannot list /w/a: Permission denied",
      "x<NL>y | x\\x0ay",
      "x\u001b[31mERROR | x\\x1b[31mERROR",
      "a\u0085b | a\\xc2\\x85b",
      "a\u2028b\u2029c | a\\xe2\\x80\\xa8b\\xe2\\x80\\xa9c",
      "already\\\\nescaped | already\\\\nescaped",
  })
  void oneLine(String in, String out) {
    String message = in.trim().replace("<NL>", "\n");
    assertThat(OneLineMessage.oneLine(message)).isEqualTo(out.trim());
  }
}
