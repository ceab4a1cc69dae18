package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path bytes (hex) in; the table's form and the JSON literal out, one row per case. */
class PathTextTest {

  static byte[] bytes(String hex) {
    if (hex == null) {
      return new byte[0];
    }
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      // bytes (hex)            | table                 | json
      "612f622e747874           |a/b.txt                |\"a/b.txt\"",
      "                         |.                      |\".\"",
      "6e65770a6c696e65         |\"new\\nline\"         |\"new\\nline\"",
      "626164ff                 |\"bad\\xff\"           |\"bad\\udcff\"",
      "5c786666                 |\"\\\\xff\"            |\"\\\\xff\"",       // a literal \xff
      "7370206163 65            |\"sp ace\"             |\"sp ace\"",
      "22712221                 |\"\\\"q\\\"!\"         |\"\\\"q\\\"!\"",
      "7461 09 62               |\"ta\\tb\"             |\"ta\\tb\"",
      "01                       |\"\\x01\"              |\"\\u0001\"",
      "c3a9                     |é                      |\"é\"",            // valid UTF-8 stays
      "c0af                     |\"\\xc0\\xaf\"         |\"\\udcc0\\udcaf\"", // overlong '/'
      "eda080                   |\"\\xed\\xa0\\x80\"    |\"\\udced\\udca0\\udc80\"", // a surrogate
  })
  void cell(String hex, String table, String json) {
    byte[] b = bytes(hex == null ? null : hex.replace(" ", ""));
    assertThat(PathText.quoted(b)).isEqualTo(table);
    assertThat(PathText.json(b)).isEqualTo(json);
  }

  @ParameterizedTest
  @CsvSource({"e282ac, 3", "f09f9880, 4", "ff, 0", "c2, 0", "41, 1", "e282, 0"})
  void utf8Length(String hex, int n) {
    assertThat(PathText.utf8Length(bytes(hex), 0)).isEqualTo(n);
    assertThat(new String(bytes(hex), StandardCharsets.UTF_8)).isNotNull();
  }
}
