package org.syncspool.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.failures.FailedListTest.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.TreeLister;
import org.syncspool.testing.FakeProcessRunner;

class ReplayerTest {
  @TempDir
  Path dir;
  private final FakeProcessRunner runner = new FakeProcessRunner();
  private final List<String> said = new ArrayList<>();

  private Replayer replayer(int chunk) {
    Target t = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null, Path.of("/mirror"),
        null, null, null, List.of("-a"), null, true);
    BatchRuns runs = new BatchRuns(t, new RsyncCommand("rsync", t, "/data"), runner,
        TreeLister.UNFILTERED, dir, 1, SourcePresence.ALL_PRESENT);
    return new Replayer(runs, chunk, () -> 1_000_000L, said::add);
  }

  @Test
  void aHundredThousandEntriesGoInBatchesNotOneRsyncPerPath() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    List<FailedEntry> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(entry("d" + (i % 100) + "/f" + i, false));
    }
    list.append(many);
    runner.otherwiseExit(0);

    Replayer.Outcome o = replayer(10_000).replay(list, false);

    assertThat(o.listed()).isEqualTo(100_000);
    assertThat(o.succeeded()).isEqualTo(100_000);
    assertThat(runner.calls()).hasSize(10);
    assertThat(runner.calls().get(0).paths()).hasSize(10_000);
    assertThat(runner.calls().get(0).has("--ignore-missing-args")).isTrue();
    assertThat(list.size()).isZero();
  }

  @Test
  void aReplayCountsEntriesDoneAfterEachBatchAndLeavesTheBoardAfter() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("a", false), entry("b", false), entry("c", false)));
    runner.thenExit(0, 23);
    List<String> seen = new ArrayList<>();
    org.syncspool.progress.ProgressBoard board = new org.syncspool.progress.ProgressBoard(
        () -> 0L, p -> seen.add(p.work().key() + " " + p.paths() + "/" + p.totalPaths()));
    replayer(2).withProgress(board, "/mirror").replay(list, false);
    assertThat(seen).containsExactly("replay 0/3", "replay 2/3", "replay 3/3");
    assertThat(board.all()).isEmpty();
    replayer(2).withProgress(board, "/mirror").replay(list, true); // a dry run reports none
    assertThat(seen).hasSize(3);
  }

  @Test
  void whatFailsStaysWithItsAttemptCountRaised() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("a", false), entry("b", false), entry("new", true)));
    runner.thenExit(0, 23); // chunk of 2: [new(subtree), a] ok ... then [b] fails
    Replayer.Outcome o = replayer(2).replay(list, false);

    assertThat(o.succeeded()).isEqualTo(2);
    assertThat(o.left()).isEqualTo(1);
    List<FailedEntry> left = list.read().entries();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).attempts()).isEqualTo(4);
    assertThat(left.get(0).exit()).isEqualTo(23);
    assertThat(said).anyMatch(s -> s.startsWith("still failing: 1 path(s): "));
  }

  @Test
  void dryRunShowsAndChangesNothing() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("a", false), entry("a", false), entry("", true)));
    Replayer.Outcome o = replayer(100).replay(list, true);
    assertThat(o.listed()).isEqualTo(2); // the duplicate path is replayed once
    assertThat(runner.calls()).isEmpty();
    assertThat(said).containsExactly("would sync the whole root");
    assertThat(list.size()).isEqualTo(3);
  }

  @Test
  void subtreesRecurseAndFlatPathsDoNot() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("dir", true), entry("attr-changed-dir", false)));
    runner.otherwiseExit(0);
    replayer(100).replay(list, false);
    assertThat(runner.calls()).hasSize(2);
    assertThat(runner.calls().get(0).has("-r")).isTrue();
    assertThat(runner.calls().get(0).paths()).containsExactly("dir");
    assertThat(runner.calls().get(1).has("--no-r")).isTrue();
    assertThat(runner.calls().get(1).paths()).containsExactly("attr-changed-dir");
  }
}
