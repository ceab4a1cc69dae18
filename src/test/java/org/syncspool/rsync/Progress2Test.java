package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One row per kind of {@code --info=progress2} line, as rsync 3.5.0 and 3.2.7 print them (copied
 * from {@code rsync -a --info=progress2 src/ dst/ | tr '\r' '\n'}), and the lines that are not.
 */
class Progress2Test {

  @ParameterizedTest(name = "[{0}] -> {1} bytes, {2}%, xfr {3}, left {4} of {5}, complete {6}")
  @CsvSource(delimiter = '|', value = {
      // before the file list: no xfr/chk part
      "         32,768   0%    0.00kB/s    0:00:00  | 32768 | 0 | -1 | -1 | -1 | false",
      // complete file list (to-chk)
      "      1,140,000   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/321)| 1140000 | 2 | 8 | 292 | 321 | true",
      // incremental recursion still listing (ir-chk)
      "              0   0%    0.00kB/s    0:00:00 (xfr#0, ir-chk=1000/2345)| 0 | 0 | 0 | 1000 | 2345 | false",
      // the last line, trailing blank
      "              0   0%    0.00kB/s    0:00:00 (xfr#0, to-chk=0/321) | 0 | 0 | 0 | 0 | 321 | true",
      // a locale grouping with dots
      "  1.234.567.890 100%   45.10MB/s    0:00:26 (xfr#12, to-chk=0/20)| 1234567890 | 100 | 12 | 0 | 20 | true",
      // no grouping at all, hours in the time cell
      "123456789  99%    1.00GB/s  123:04:05 (xfr#1, to-chk=1/2)| 123456789 | 99 | 1 | 1 | 2 | true",
  })
  void reads(String line, long bytes, int percent, long xfr, long left, long listed,
             boolean complete) {
    Progress2.Line l = Progress2.parse(line);
    assertThat(l).isNotNull();
    assertThat(l.bytes()).isEqualTo(bytes);
    assertThat(l.percent()).isEqualTo(percent);
    assertThat(l.transferred()).isEqualTo(xfr);
    assertThat(l.toCheck()).isEqualTo(left);
    assertThat(l.listed()).isEqualTo(listed);
    assertThat(l.complete()).isEqualTo(complete);
  }

  @ParameterizedTest(name = "left {0} of {1} -> {2} checked")
  @CsvSource({"292, 321, 29", "0, 321, 321", "-1, -1, 0", "2345, 2345, 0"})
  void checkedIsListedMinusLeft(long left, long listed, long checked) {
    assertThat(new Progress2.Line(0, 0, "0.00kB/s", "0:00:00", 0, left, listed, true).checked())
        .isEqualTo(checked);
  }

  @ParameterizedTest(name = "not a progress line: [{0}]")
  @ValueSource(strings = {
      "",
      "   ",
      "sending incremental file list",
      "d0/f100",
      "Number of files: 321 (reg: 300, dir: 21)",
      "Total bytes sent: 4,933",
      "sent 4,933 bytes  received 32 bytes  9,930.00 bytes/sec",
      // -h in commonParams: human-readable sizes are not read
      "          1.23M   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/321)",
      // a cut line (the drain split mid-write cannot happen, but garbage can)
      "      1,140,000   2%  117.33MB/s",
      "      1,140,000   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/",
      // more left than listed
      "              0   0%    0.00kB/s    0:00:00 (xfr#0, to-chk=400/321)",
      // too long for a long
      "99999999999999999999   0%    0.00kB/s    0:00:00",
      // a name that looks like one, in -v output, with text after
      "      1,140,000   2%  117.33MB/s    0:00:00 (xfr#8, to-chk=292/321) name.txt",
      "1000%   0.00kB/s    0:00:00",
  })
  void ignores(String line) {
    assertThat(Progress2.parse(line)).isNull();
  }
}
