package org.syncspool.worker;

import org.syncspool.rsync.RsyncExit;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.worker.Verdict.Step;

/**
 * {@link Verdict}, one row per cell: exit code, failed runs of this batch so far (this one
 * included; 3 attempts allowed), more than one path, a failed list, the target answers a
 * listing -> the step.
 */
class VerdictTest {

  @ParameterizedTest(name = "exit {0}, failure {1}, split {2}, list {3}, answers {4} -> {5}")
  @CsvSource({
      // Delivered: whatever else holds.
      "0,   0, true,  true,  true,  COMMIT",
      "0,   0, false, false, false, COMMIT",
      "24,  0, true,  true,  true,  COMMIT",
      // The target or the road to it: hold the cursor, never list, never split.
      "10,  1, true,  true,  true,  BACK_OFF",
      "5,   9, true,  true,  false, BACK_OFF",
      "255, 1, false, true,  true,  BACK_OFF",
      "35,  3, true,  true,  true,  BACK_OFF",
      // Paths refused: retry, then list; without a failed list retried for ever.
      "23,  1, true,  true,  true,  RETRY",
      "23,  2, true,  true,  true,  RETRY",
      "23,  3, true,  true,  true,  LIST_FAILED",
      "23,  3, false, true,  true,  LIST_FAILED",  // a full sync too: it then counts as done
      "23,  3, true,  false, true,  RETRY",
      "11,  3, true,  true,  true,  LIST_FAILED",
      "137, 1, true,  true,  true,  RETRY",
      // Refused as a whole (1, 2, 4) while the target answers: split, or list the last path.
      "1,   1, true,  true,  true,  SPLIT",
      "2,   1, true,  true,  true,  SPLIT",
      "4,   1, true,  false, true,  SPLIT",
      "1,   1, false, true,  true,  LIST_FAILED",
      "2,   1, false, true,  true,  LIST_FAILED",
      "4,   1, false, false, true,  PARK",
      // ...while the target refuses a listing too: our settings, park.
      "1,   1, true,  true,  false, PARK",
      "2,   1, false, true,  false, PARK",
      "4,   1, true,  true,  false, PARK",
      // rsync cannot be run at all: park, the listing is not asked.
      "126, 1, true,  true,  true,  PARK",
      "127, 1, false, true,  true,  PARK",
  })
  void cell(int exit, int failures, boolean splittable, boolean listable, boolean answers,
            Step expected) {
    assertThat(Verdict.decide(exit, failures, 3, splittable, listable, answers))
        .isEqualTo(expected);
  }

  @Test
  void onlyWholeRunRefusalsAskTheTarget() {
    for (int code = 0; code < 256; code++) {
      assertThat(Verdict.asksTarget(code)).as("exit %d", code)
          .isEqualTo(code == 1 || code == 2 || code == 4);
    }
  }

  @Test
  void noExitCodeCommitsUnlessRsyncSaysDone() {
    for (int code = 0; code < 256; code++) {
      Step s = Verdict.decide(code, 3, 3, true, true, true);
      assertThat(s == Step.COMMIT).as("exit %d", code)
          .isEqualTo(RsyncExit.classify(code) == RsyncExit.DONE);
    }
  }
}
