package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Splitting a batch for -n N and combining the group results; pure. */
class BatchSplitTest {
  private static List<PathKey> keys(String prefix, int n) {
    List<PathKey> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PathKey.of(String.format("%s%05d", prefix, i)));
    }
    return out;
  }

  @Test
  void aSmallBatchIsNotSplit() {
    Batch b = new Batch(keys("f", BatchSplit.MIN_GROUP * 2 - 1), List.of(), false, false, 0);
    assertThat(BatchSplit.split(b, 4)).containsExactly(b);
  }

  @Test
  void aFullSyncIsNeverSplit() {
    Batch b = new Batch(List.of(), List.of(), false, true, 0);
    assertThat(BatchSplit.split(b, 4)).containsExactly(b);
  }

  @Test
  void aLargeBatchSplitsIntoContiguousEvenGroupsCoveringEveryPathOnce() {
    List<PathKey> flat = keys("a/f", 1000);
    List<PathKey> sub = keys("b/d", 10);
    Batch b = new Batch(flat, sub, false, false, 42);
    List<Batch> groups = BatchSplit.split(b, 3);

    assertThat(groups).hasSize(3);
    List<PathKey> seen = new ArrayList<>();
    for (Batch g : groups) {
      assertThat(g.size()).isBetween(336, 337);
      assertThat(g.oldestEventMillis()).isEqualTo(42);
      seen.addAll(g.flat());
      seen.addAll(g.subtrees());
    }
    List<PathKey> all = new ArrayList<>(flat);
    all.addAll(sub);
    assertThat(seen).containsExactlyElementsOf(all);
    assertThat(groups.get(2).subtrees()).containsExactlyElementsOf(sub); // kept as subtrees
    assertThat(groups.get(0).flat().get(0)).isEqualTo(flat.get(0)); // sorted ranges
  }

  @Test
  void onlyGroupsWithFlatPathsKeepTheFlatDirFlag() {
    Batch b = new Batch(keys("a", 64), keys("z", 64), true, false, 0);
    List<Batch> groups = BatchSplit.split(b, 2);
    assertThat(groups.get(0).flatDirs()).isTrue();
    assertThat(groups.get(1).flatDirs()).isFalse();
  }

  @Test
  void groupsAreCappedByN() {
    Batch b = new Batch(keys("f", 10_000), List.of(), false, false, 0);
    assertThat(BatchSplit.split(b, 4)).hasSize(4);
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
      "0, 0, 0",
      "0, 24, 24",
      "24, 23, 23",
      "23, 10, 10",
      "10, 1, 1",
      "1, 23, 1",
      "10, 0, 10",
  })
  void theWorstExitCodeDecides(int a, int b, int worst) {
    ProcessRunner.Result r = BatchSplit.combine(List.of(
        new ProcessRunner.Result(a, "x", "err" + a, 5), new ProcessRunner.Result(b, "y", "err" + b, 7)));
    assertThat(r.exitCode()).isEqualTo(worst);
    assertThat(r.stderrTail()).isEqualTo("err" + worst);
    assertThat(r.stdout()).isEqualTo("xy");
    assertThat(r.millis()).isEqualTo(7);
  }
}
