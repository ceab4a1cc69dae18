package org.syncspool.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rate, percent and time left from (counts, elapsed): one row per cell. Time is a parameter. */
class ProgressTest {
  private static final long S = 1_000_000_000L;

  @ParameterizedTest(name = "{0} paths of {1}, {2} bytes, {3} ms -> {4} B/s, {5} paths/s, {6}%, {7} s left")
  @CsvSource({
      // paths, total, bytes, elapsed ms, B/s, paths/s, percent, s left
      "0, 100, 0, 0, -1, -1, 0, -1",                 // just begun: nothing to measure
      "10, 100, 1000, 999, -1, -1, 10, -1",          // under a second: no rate, no estimate
      "10, 100, 1000, 1000, 1000, 10, 10, 9",        // 10% in 1 s: 9 s left
      "50, 100, 1048576, 2000, 524288, 25, 50, 2",   // half in 2 s: 2 s left
      "1, 3, 0, 1000, 0, 1, 33, 2",                  // a third: 2 s left
      "1, 7, 0, 1000, 0, 1, 14, 6",
      "2, 3, 0, 1001, 0, 1, 66, 1",                  // 0.5005 s rounds up to 1
      "100, 100, 5, 4000, 1, 25, 100, 0",            // all done
      "120, 100, 5, 4000, 1, 30, 100, 0",            // more than the total (the list grew)
      "0, 100, 0, 5000, 0, 0, 0, -1",                // nothing done after 5 s: no estimate
      "10, -1, 1000, 1000, 1000, 10, -1, -1",        // total unknown: no percent, no estimate
      "10, -1, -1, 1000, -1, 10, -1, -1",            // bytes unknown (a replay)
      "0, 0, 0, 1000, 0, 0, 100, -1",                // an empty total is done
  })
  void cells(long paths, long total, long bytes, long elapsedMillis, long rate, long pathRate,
             int percent, long left) {
    long start = 7 * S; // any origin: the ticker's is arbitrary
    Progress p = Progress.begun(Work.FULL_SYNC, "t", total, start).counted(paths, bytes, total);
    long now = start + elapsedMillis * 1_000_000;
    assertThat(p.bytesPerSecond(now)).as("bytes/s").isEqualTo(rate);
    assertThat(p.pathsPerSecond(now)).as("paths/s").isEqualTo(pathRate);
    assertThat(p.percent()).as("percent").isEqualTo(percent);
    assertThat(p.secondsLeft(now)).as("seconds left").isEqualTo(left);
  }

  @ParameterizedTest(name = "started {0}, now {1} -> {2} ms")
  @CsvSource({"0, 0, 0", "0, 1500000000, 1500", "-5000000000, -4000000000, 1000",
      "10, 5, 0"})  // a reading before the start (cannot happen) is 0, never negative
  void elapsed(long started, long now, long millis) {
    assertThat(Progress.begun(Work.REPLAY, "t", -1, started).elapsedMillis(now)).isEqualTo(millis);
  }
}
