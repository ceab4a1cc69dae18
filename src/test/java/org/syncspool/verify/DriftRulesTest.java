package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per cell of the DriftRules table; the flags as rsync 3.5.0 and 3.2.7 print them. */
class DriftRulesTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      "*deleting  |EXTRA",
      ">f+++++++++|MISSING",
      "cd+++++++++|MISSING",
      "cL+++++++++|MISSING",
      "cD+++++++++|MISSING",
      "cS+++++++++|MISSING",
      ">fc........|CONTENT",          // --checksum found other bytes
      ">fcst......|CONTENT SIZE_TIME",  // each column its kind: -c and the quick check agree
      ">fcs.......|CONTENT SIZE_TIME",  // a longer file under -c (rsync 3.5.0 and 3.2.7)
      ">fc.t......|CONTENT SIZE_TIME",
      ">f.st......|SIZE_TIME",        // quick check: size and time differ
      ">f..t......|SIZE_TIME",
      ">f.s.......|SIZE_TIME",
      ".f..t......|SIZE_TIME",        // -c: same bytes, other mtime
      ">f.........|SIZE_TIME",        // a transfer with nothing flagged (-I, --size-only)
      "hf.........|SIZE_TIME",        // -H: would be hard-linked anew
      ".f...p.....|MODE",
      ".d...p.....|MODE",
      ".L...p.....|MODE",
      ".f.......a.|MODE",             // -A
      ".f........x|MODE",             // -X
      ".f....o....|OWNER",
      ".f.....g...|OWNER",
      ".d....og...|OWNER",
      "cLc.t......|SYMLINK",
      "cLc........|SYMLINK",
      ".L..t......|SIZE_TIME",
      "cDc........|CONTENT",          // device numbers
      "cSc........|CONTENT",
      ".D..t......|SIZE_TIME",
      ".d..t......|",                 // a directory's mtime: no drift (see DriftRules)
      ".d..T......|",
      ".f..T......|",                 // no -t: "now" would be set, nothing to compare
      ".f......u..|",                 // access time
      ".f......n..|",                 // create time
      ".f......b..|",
      ".d.........|",
      ">fcstp.g...|CONTENT SIZE_TIME MODE OWNER",
      ".d..tpog...|MODE OWNER",
  })
  void cell(String flags, String kinds) {
    Set<DriftKind> want = kinds == null ? EnumSet.noneOf(DriftKind.class)
        : Arrays.stream(kinds.split(" ")).map(DriftKind::valueOf)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DriftKind.class)));
    assertThat(DriftRules.kinds(flags)).isEqualTo(want);
  }
}
