package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.rsync.RsyncExit.BATCH_FAILED;
import static org.syncspool.rsync.RsyncExit.DONE;
import static org.syncspool.rsync.RsyncExit.FATAL;
import static org.syncspool.rsync.RsyncExit.UNREACHABLE;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One row per exit code of rsync(1) EXIT VALUES, plus ssh's 255 and unknowns. */
class RsyncExitTest {

  @ParameterizedTest(name = "exit {0} -> {1}")
  @CsvSource({
      "0, DONE",
      "24, DONE",
      "1, FATAL",
      "2, FATAL",
      "4, FATAL",
      "126, FATAL",
      "127, FATAL",
      "3, UNREACHABLE",
      "5, UNREACHABLE",
      "6, UNREACHABLE",
      "10, UNREACHABLE",
      "12, UNREACHABLE",
      "14, UNREACHABLE",
      "20, UNREACHABLE",
      "21, UNREACHABLE",
      "30, UNREACHABLE",
      "35, UNREACHABLE",
      "255, UNREACHABLE",
      "11, BATCH_FAILED",
      "13, BATCH_FAILED",
      "22, BATCH_FAILED",
      "23, BATCH_FAILED",
      "25, BATCH_FAILED",
  })
  void everyDocumentedCode(int code, RsyncExit expected) {
    assertThat(RsyncExit.classify(code)).isEqualTo(expected);
    assertThat(RsyncExit.describe(code)).isNotEqualTo("unknown exit code");
  }

  @Test
  void unknownCodesAreBatchFailuresNeverSuccess() {
    for (int code : new int[] {7, 8, 9, 15, 19, 26, 99, 137, 143, 254, -1}) {
      assertThat(RsyncExit.classify(code)).as("exit %d", code).isEqualTo(BATCH_FAILED);
    }
    assertThat(RsyncExit.describe(137)).isEqualTo("killed by signal 9");
    assertThat(RsyncExit.describe(99)).isEqualTo("unknown exit code");
  }

  @Test
  void onlyZeroAndVanishedAreDone() {
    for (int code = -1; code < 300; code++) {
      if (code != 0 && code != 24) {
        assertThat(RsyncExit.classify(code)).isNotEqualTo(DONE);
      }
    }
    assertThat(FATAL).isNotEqualTo(UNREACHABLE);
  }
}
