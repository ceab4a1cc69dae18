package org.syncspool.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cell by cell: each kind of byte and how it is printed. */
class PathEscapeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "61 2f 62 | a/b",                         // plain ASCII
      "61 20 62 | a b",                         // a space stays (PATH is the rest of the line)
      "5c | \\\\",                              // backslash doubled: unambiguous
      "0a | \\n",
      "09 | \\x09",
      "7f | \\x7f",
      "c3 a4 | ä",                              // valid 2-byte UTF-8 as it is
      "e2 82 ac | €",                           // 3 bytes
      "f0 9f 98 80 | 😀",                       // 4 bytes
      "ff | \\xff",                             // never valid
      "c3 | \\xc3",                             // truncated sequence
      "c3 41 | \\xc3A",                         // bad continuation: the lead alone is escaped
      "c0 af | \\xc0\\xaf",                     // overlong '/'
      "e0 80 af | \\xe0\\x80\\xaf",             // overlong, 3 bytes
      "ed a0 80 | \\xed\\xa0\\x80",             // a surrogate
      "f4 90 80 80 | \\xf4\\x90\\x80\\x80",     // above U+10FFFF
      "e4 bd a0 ff | 你\\xff",
      // issue 10 item 6: nothing a terminal or log viewer takes as a line break or a command
      "1b 5b 33 31 6d | \\x1b[31m",          // ESC: no colours, no cursor moves
      "0d | \\x0d",                           // CR: no overwritten line
      "c2 85 | \\xc2\\x85",                 // NEL, a C1 control
      "c2 9b | \\xc2\\x9b",                 // CSI, a C1 control
      "c2 a0 | \u00a0",                       // NBSP is not C1: as it is
      "e2 80 a8 | \\xe2\\x80\\xa8",       // LINE SEPARATOR
      "e2 80 a9 | \\xe2\\x80\\xa9",       // PARAGRAPH SEPARATOR
      "e2 80 a7 | \u2027",                    // its neighbour is plain text
      "5c 6e | \\\\n",                      // a backslash and an n: not a newline's escape
      "0a 45 52 52 4f 52 | \\nERROR",         // a forged line stays on this one
  })
  void escapes(String hex, String printed) {
    String[] parts = hex.trim().split(" ");
    byte[] b = new byte[parts.length + 2];
    for (int i = 0; i < parts.length; i++) {
      b[i + 1] = (byte) Integer.parseInt(parts[i], 16);
    }
    // offset and length are honoured: the bytes around are not printed
    assertThat(PathEscape.escape(b, 1, parts.length)).isEqualTo(printed.trim());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "plain/name.txt | plain/name.txt",
      "a\\b | a\\\\b",
      "x\u001b[2J | x\\x1b[2J",
      "x\u0085y | x\\xc2\\x85y",
      "x\u2028y | x\\xe2\\x80\\xa8y",
  })
  void textIsEscapedAsItsUtf8Bytes(String in, String printed) {
    assertThat(PathEscape.text(in.trim())).isEqualTo(printed.trim());
  }

  @org.junit.jupiter.api.Test
  void aNewlineInTextIsTheSameAsInBytes() {
    assertThat(PathEscape.text("a\nb")).isEqualTo("a\\nb")
        .isEqualTo(PathEscape.escape("a\nb".getBytes(StandardCharsets.UTF_8)));
  }

  @org.junit.jupiter.api.Test
  void theEmptyPathIsEmpty() {
    assertThat(PathEscape.escape("x".getBytes(StandardCharsets.UTF_8), 0, 0)).isEmpty();
  }
}
