package org.syncspool.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The log line, the sizes, durations and the width-aware bar: one row per cell. */
class ProgressTextTest {
  private static final long S = 1_000_000_000L;

  @ParameterizedTest(name = "{0} B -> {1}")
  @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "10240, 10 KiB",
      "1048575, 1.0 MiB", "47185920, 45 MiB", "1288490189, 1.2 GiB",
      "1073741823, 1.0 GiB", "9223372036854775807, 8.0 EiB"})
  void sizes(long bytes, String text) {
    assertThat(ProgressText.size(bytes)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} s -> {1}")
  @CsvSource({"0, 0:00", "38, 0:38", "60, 1:00", "725, 12:05", "3723, 1:02:03",
      "360000, 100:00:00"})
  void durations(long seconds, String text) {
    assertThat(ProgressText.duration(seconds)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} of {1}, {2} B after {3} s -> {4}")
  @CsvSource(delimiter = '|', value = {
      "123456 | -1 | 1288490189 | 0 | target www: full sync: 123,456 paths, 1.2 GiB",
      "123456 | -1 | 1288490189 | 27 | target www: full sync: 123,456 paths, 1.2 GiB, 45 MiB/s",
      "100000 | 200000 | 1288490189 | 27 | target www: full sync: 100,000 of 200,000 paths, 1.2 GiB, 45 MiB/s, ~0:27 left",
      "100000 | 200000 | -1 | 27 | target www: full sync: 100,000 of 200,000 paths, ~0:27 left",
  })
  void logLine(long paths, long total, long bytes, long seconds, String line) {
    Progress p = Progress.begun(Work.FULL_SYNC, "www", total, 0).counted(paths, bytes, total);
    assertThat(ProgressText.line(p, seconds * S)).isEqualTo(line);
  }

  @org.junit.jupiter.api.Test
  void workOfNoOneTargetHasNoPrefix() {
    Progress p = Progress.begun(Work.SCAN, "", -1, 0).counted(524_288, -1, -1);
    assertThat(ProgressText.line(p, 10 * S))
        .isEqualTo("start-up scan: 524,288 paths, 0:10 so far");
  }

  @org.junit.jupiter.api.Test
  void anAuditCountsDifferencesAndSaysHowLongItHasRun() {
    Progress p = Progress.begun(Work.AUDIT, "www", -1, 0).counted(3, -1, -1);
    assertThat(ProgressText.line(p, 65 * S))
        .isEqualTo("target www: audit: 3 differences, 1:05 so far");
    assertThat(ProgressText.line(p.counted(0, -1, -1), 0))
        .isEqualTo("target www: audit: 0 differences, 0:00 so far");
  }

  @ParameterizedTest(name = "width {0} -> [{1}]")
  @CsvSource(delimiter = '|', value = {
      "200 | www: full sync [##########----------]  50% 100 of 200 paths, 1.0 MiB, 512 KiB/s, ~0:02 left",
      // the time left goes first, then the rate, then the bytes: whole fields, never half a number
      "80  | www: full sync [##########----------]  50% 100 of 200 paths, 1.0 MiB, 512 KiB/s",
      "70  | www: full sync [##########----------]  50% 100 of 200 paths, 1.0 MiB",
      "60  | www: full sync [##########----------]  50% 100 of 200 paths",
      "50  | www: full sync [##########----------]  50%",
      "30  | www: full sync",
      "5   | www: full sync",
  })
  void barFitsTheWidth(int width, String bar) {
    Progress p = Progress.begun(Work.FULL_SYNC, "www", 200, 0).counted(100, 1 << 20, 200);
    String s = ProgressText.bar(p, 2 * S, width);
    assertThat(s).isEqualTo(bar);
  }

  @ParameterizedTest(name = "{0} of {1} -> [{2}]")
  @CsvSource(delimiter = '|', value = {
      "0 | 4 | r: replay [--------------------]   0% 0 of 4 paths",
      "1 | 4 | r: replay [#####---------------]  25% 1 of 4 paths",
      "4 | 4 | r: replay [####################] 100% 1 of 4 paths",
      "3 | -1 | r: replay 3 paths, 0:00 so far",
  })
  void barWithoutBytes(long paths, long total, String bar) {
    Progress p = Progress.begun(Work.REPLAY, "r", total, 0).counted(paths, -1, total);
    String s = ProgressText.bar(p, 0, 200);
    assertThat(s).isEqualTo(bar.replace("1 of 4 paths", paths + " of 4 paths"));
  }
}
