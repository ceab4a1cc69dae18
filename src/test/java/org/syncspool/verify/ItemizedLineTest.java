package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bytes in, one line each (as rsync 3.5.0 printed them for these names), path bytes out. */
class ItemizedLineTest {

  private static ItemizedLine parse(String s) {
    return ItemizedLine.parse(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // printed name                  | path bytes (hex)        | dir
      "a.txt                            |612e747874               |false",
      "sub/dir/                         |7375622f646972           |true",
      "./                               |                         |true",
      "new\\#012line                    |6e65770a6c696e65         |false",  // newline
      "bad\\#377                        |626164ff                 |false",  // invalid UTF-8
      "back\\#134#012slash              |6261636b5c23303132736c617368|false", // a literal \#012
      "back\\#08                        |6261636b5c233038         |false",  // not an escape
      "ta\tb                            |746109 62                |false",
      "sp ace                           |7370206163 65            |false",
      "x -> y                           |78202d3e2079             |false",  // no %L: all name
  })
  void name(String printed, String hexPath, boolean dir) {
    ItemizedLine it = parse(ItemizedLine.MARK + ">f+++++++++ " + printed.strip());
    assertThat(hex(it.path())).isEqualTo(hexPath == null ? "" : hexPath.replace(" ", ""));
    assertThat(it.dir()).isEqualTo(dir);
    assertThat(it.flags()).isEqualTo(">f+++++++++");
  }

  @Test
  void tabInANameStaysRaw() {
    // rsync never escapes a tab; the CSV above cannot hold one reliably
    ItemizedLine it = parse(ItemizedLine.MARK + ">f+++++++++ ta\tb");
    assertThat(new String(it.path(), StandardCharsets.ISO_8859_1)).isEqualTo("ta\tb");
  }

  @Test
  void deletionLines() {
    ItemizedLine it = parse(ItemizedLine.MARK + "*deleting   extra/dir/");
    assertThat(it.deleting()).isTrue();
    assertThat(new String(it.path(), StandardCharsets.UTF_8)).isEqualTo("extra/dir");
    assertThat(it.dir()).isTrue();
  }

  @Test
  void otherLinesAreNotItems() {
    assertThat(parse("Number of files: 3 (reg: 2, dir: 1)")).isNull();
    assertThat(parse("sending incremental file list")).isNull();
    assertThat(parse(">f+++++++++ unmarked")).isNull();
    assertThat(parse(ItemizedLine.MARK + ">f+++++")).isNull();
    assertThat(parse(ItemizedLine.MARK + ">f+++++++++x")).isNull();
    assertThat(parse("")).isNull();
  }

  @Test
  void createdAndType() {
    assertThat(parse(ItemizedLine.MARK + "cd+++++++++ d/").created()).isTrue();
    assertThat(parse(ItemizedLine.MARK + ".d..t...... d/").created()).isFalse();
    assertThat(parse(ItemizedLine.MARK + "cLc.t...... l").type()).isEqualTo('L');
  }
}
