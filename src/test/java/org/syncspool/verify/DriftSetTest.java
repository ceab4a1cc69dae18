package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncspool.batch.PathKey;

/** The folding of DriftSet, on the lines rsync 3.5.0 printed for each case (see the tests). */
class DriftSetTest {
  private final DriftSet set = new DriftSet(p -> p.toString().startsWith("skip"));

  private void lines(String... ls) {
    for (String l : ls) {
      set.add(ItemizedLine.parse((ItemizedLine.MARK + l).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static List<PathKey> keys(String... ps) {
    return java.util.Arrays.stream(ps).map(PathKey::of).toList();
  }

  @Test
  void aMissingDirectoryIsReportedOnceAtItsTop() {
    lines("cd+++++++++ d/", ">f+++++++++ d/a", "cd+++++++++ d/e/", ">f+++++++++ d/e/b");
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.MISSING, keys("d")));
    assertThat(set.typeCandidates()).isEqualTo(keys("d"));
  }

  @Test
  void anExtraDirectoryIsReportedOnceAtItsTop() {
    // rsync prints a deleted directory's content first
    lines("*deleting   x/z", "*deleting   x/", "*deleting   y");
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.EXTRA, keys("x", "y")));
  }

  @Test
  void aDirectoryWhereTheSourceHasAFileIsTypeAndItsContentIsFolded() {
    // target: dir2/ holding q; source: file dir2
    lines("*deleting   dir2/q", ">f+++++++++ dir2", ">f+++++++++ other");
    assertThat(set.typeCandidates()).isEqualTo(keys("dir2", "other"));
    set.resolveTypes(keys("dir2"));
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.TYPE, keys("dir2"),
        DriftKind.MISSING, keys("other")));
  }

  @Test
  void aFileWhereTheSourceHasADirectoryIsType() {
    lines("cd+++++++++ dir/", ">f+++++++++ dir/in");
    set.resolveTypes(keys("dir"));
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.TYPE, keys("dir")));
  }

  @Test
  void ignoredPathsAndDirectoryTimesAreNoDrift() {
    lines("*deleting   skip/me", ">f+++++++++ skipped", ".d..t...... ./", ".d..t...... sub/",
        ".f...p..... mode");
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.MODE, keys("mode")));
  }

  @Test
  void oneLineMayCountUnderSeveralKinds() {
    lines(">fc..p..... f");
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.CONTENT, keys("f"),
        DriftKind.MODE, keys("f")));
  }

  @Test
  void aRecheckReplacesWhatItLookedAt() {
    lines(">f+++++++++ raced", ".f...p..... kept");
    DriftSet again = new DriftSet(p -> false);
    set.removeAll(keys("raced"));
    set.addAll(again);
    assertThat(set.byKind()).isEqualTo(Map.of(DriftKind.MODE, keys("kept")));
    assertThat(set.isEmpty()).isFalse();
  }
}
