package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeProcessRunner.Call;
import org.syncspool.testing.FakeTreeLister;
import org.syncspool.watch.PathFilter;

/** How one batch becomes rsync runs: argv and stdin of each run, no process started. */
class BatchRunsTest {
  private final FakeProcessRunner runner = new FakeProcessRunner();
  /** Only the filtered mode writes here (the deletion-only run's exclude rules). */
  @TempDir
  Path tmp;

  private static Target local(boolean delete) {
    return new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null, Path.of("/mirror"), null,
        null, null, List.of("-artuz"), null, delete);
  }

  private static RsyncCommand command(Target t) {
    return new RsyncCommand("rsync", t, "/data");
  }

  private BatchRuns runs(Target t, TreeLister tree) {
    return new BatchRuns(t, command(t), runner, tree, tmp, 1, SourcePresence.ALL_PRESENT);
  }

  private static List<PathKey> keys(String... paths) {
    List<PathKey> out = new ArrayList<>();
    for (String p : paths) {
      out.add(PathKey.of(p));
    }
    return out;
  }

  private static Batch batch(List<PathKey> flat, List<PathKey> subtrees, boolean flatDirs) {
    return new Batch(flat, subtrees, flatDirs, false, 0);
  }

  /** Runs whose source lacks {@code gone}: the deletion run's cells. */
  private BatchRuns runsWithout(Target t, String... gone) {
    java.util.Set<PathKey> missing = new java.util.HashSet<>(keys(gone));
    return new BatchRuns(t, command(t), runner, TreeLister.UNFILTERED, tmp, 1, missing::contains);
  }

  /** The rules file the deletion run merged, read while the fake run is recorded. */
  private List<String> rulesOf(Call c) {
    assertThat(c.argv()).anyMatch(a -> a.startsWith("--filter=merge "));
    return List.of(new String(lastRules, StandardCharsets.UTF_8).split("\0"));
  }

  private byte[] lastRules = new byte[0];

  @Test
  void aFullSyncFollowedForProgressRunsWithProgress2AndFeedsItsLines() throws Exception {
    Target t = local(true);
    List<String> heard = new ArrayList<>();
    runner.printing("  1,000 1%  1.00kB/s  0:00:01 (xfr#1, to-chk=9/10)");
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    runs(t, TreeLister.UNFILTERED).run(full, false, heard::add);
    runs(t, TreeLister.UNFILTERED).run(full, true, heard::add); // crontab's periodic one
    runs(t, TreeLister.UNFILTERED).run(full); // nobody listening: as before
    assertThat(runner.call(0).argv()).contains("--info=progress2").contains("-r");
    assertThat(runner.call(1).argv()).contains("--info=progress2");
    assertThat(runner.call(2).argv()).doesNotContain("--info=progress2");
    assertThat(heard).hasSize(2);
  }

  @Test
  void aBatchNeverRunsWithProgress2() throws Exception {
    Target t = local(true);
    runs(t, TreeLister.UNFILTERED).run(batch(keys("a"), List.of(), false), false, l -> { });
    assertThat(runner.calls()).allSatisfy(c -> assertThat(c.argv())
        .doesNotContain("--info=progress2"));
  }

  @Test
  void aDeletionAfterAnExistingPathGoesToItsOwnRunOverTheParents() throws Exception {
    Target t = local(true);
    runner.onRun(call -> call.argv().stream().filter(a -> a.startsWith("--filter=merge ")).findFirst()
        .ifPresent(a -> {
          try {
            lastRules = Files.readAllBytes(Path.of(a.substring("--filter=merge ".length())));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
    runsWithout(t, "one.txt", "d/e/gone").run(batch(keys("new1.txt", "one.txt", "d/e/gone"),
        List.of(), false));

    assertThat(runner.calls()).hasSize(2);
    assertThat(runner.call(0).argv()).isEqualTo(command(t).batch(false));
    assertThat(runner.call(0).paths()).containsExactly("new1.txt");
    Call del = runner.call(1);
    assertThat(del.argv()).contains("-d", "--delete").doesNotContain("--delete-missing-args");
    assertThat(del.stdinText()).isEqualTo("/.\\0/d/e/.\\0");
    assertThat(rulesOf(del)).containsExactly("+ /one.txt", "+ /d/e/gone", "+ /d/e/", "+ /d/",
        "- /*", "- /d/e/*");
    assertThat(Files.list(tmp).toList()).as("rules file removed").isEmpty();
  }

  @Test
  void aBatchOfDeletionsOnlyIsOneDeletionRunAndWithDeletesOffNone() throws Exception {
    runsWithout(local(true), "x").run(batch(keys("x"), List.of(), false));
    assertThat(runner.calls()).hasSize(1);
    assertThat(runner.call(0).argv()).contains("-d", "--delete");
    runsWithout(local(false), "x").run(batch(keys("x"), List.of(), false));
    assertThat(runner.calls()).hasSize(1);
  }

  @Test
  void namesThatRsyncWouldReadAsCommentsAreSentWithALeadingSlash() throws Exception {
    Target t = local(true);
    runs(t, TreeLister.UNFILTERED).run(batch(keys("#notes", ";x"), keys("#dir"), false));
    assertThat(runner.call(0).stdinText()).isEqualTo("/#notes\\0/;x\\0/#dir\\0");
  }

  @Test
  void aFailedCopyRunIsNotFollowedByTheDeletionRun() throws Exception {
    runner.thenExit(23);
    ProcessRunner.Result r = runsWithout(local(true), "x").run(batch(keys("a", "x"), List.of(),
        false));
    assertThat(r.exitCode()).isEqualTo(23);
    assertThat(runner.calls()).hasSize(1);
  }

  @Test
  void flatOnlyBatchIsOneNonRecursiveRun() throws Exception {
    Target t = local(true);
    runs(t, TreeLister.UNFILTERED).run(batch(keys("a.txt", "d/b.txt"), List.of(), false));

    assertThat(runner.calls()).hasSize(1);
    Call c = runner.call(0);
    assertThat(c.argv()).isEqualTo(command(t).batch(false)).contains("--no-r").doesNotContain("-r");
    assertThat(c.paths()).containsExactly("a.txt", "d/b.txt");
  }

  @Test
  void subtreesWithoutFlatDirsOrFilterShareOneRecursiveRun() throws Exception {
    Target t = local(true);
    runs(t, TreeLister.UNFILTERED).run(batch(keys("f.txt"), keys("new", "x/y"), false));

    assertThat(runner.calls()).hasSize(1);
    Call c = runner.call(0);
    assertThat(c.argv()).isEqualTo(command(t).batch(true)).contains("-r", "--delete");
    assertThat(c.paths()).containsExactly("f.txt", "new", "x/y");
  }

  @Test
  void subtreesAndAnAttribChangedDirGoInTwoRuns() throws Exception {
    Target t = local(true);
    ProcessRunner.Result r = runs(t, TreeLister.UNFILTERED)
        .run(batch(keys("big-dir", "f.txt"), keys("new"), true));

    assertThat(runner.calls()).hasSize(2);
    Call recursive = runner.call(0);
    assertThat(recursive.argv()).isEqualTo(command(t).batch(true));
    assertThat(recursive.paths()).containsExactly("new");
    Call flat = runner.call(1);
    assertThat(flat.argv()).isEqualTo(command(t).batch(false));
    assertThat(flat.paths()).containsExactly("big-dir", "f.txt");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void aFailedRecursiveRunIsNotFollowedByTheFlatRun() throws Exception {
    runner.thenExit(23);
    ProcessRunner.Result r = runs(local(true), TreeLister.UNFILTERED)
        .run(batch(keys("big-dir"), keys("new"), true));

    assertThat(runner.calls()).hasSize(1);
    assertThat(r.exitCode()).isEqualTo(23);
  }

  /** A tree under a filter: *.swp files and the new/cache directory are excluded. */
  private static FakeTreeLister filteredTree() {
    return new FakeTreeLister(PathFilter.of(".*\\.swp", "new/cache"))
        .file("top.txt", "new/a.txt", "new/b.swp", "new/sub/c.txt", "new/cache/x.bin");
  }

  @Test
  void filteredNewSubtreeIsListedExplicitlyThenCleanedByADeletionOnlyRun() throws Exception {
    Target t = local(true);
    List<String> rulesDuringRun = new ArrayList<>();
    runner.onRun(call -> {
      String file = call.option("--exclude-from");
      if (file != null && !file.equals("-")) {
        rulesDuringRun.add(read(Path.of(file)));
      }
    });
    runs(t, filteredTree()).run(batch(keys("top.txt"), keys("new"), false));

    assertThat(runner.calls()).hasSize(2);
    Call send = runner.call(0);
    assertThat(send.argv()).isEqualTo(command(t).batch(false));
    assertThat(send.paths())
        .containsExactly("top.txt", "new", "new/a.txt", "new/sub", "new/sub/c.txt");

    Call delete = runner.call(1);
    String rules = delete.option("--exclude-from");
    assertThat(rules).startsWith(tmp.toString());
    assertThat(delete.argv()).isEqualTo(command(t).deleteOnly(Path.of(rules)))
        .contains("--existing", "--ignore-existing", "--delete");
    assertThat(delete.paths()).containsExactly("new");
    assertThat(rulesDuringRun).containsExactly("- /new/b.swp\0- /new/cache\0");
    assertThat(Path.of(rules)).doesNotExist(); // private rules do not outlive the run
  }

  @Test
  void filteredNewSubtreeWithDeletesOffIsOnlyTheListedRun() throws Exception {
    Target t = local(false);
    runs(t, filteredTree()).run(batch(keys("top.txt"), keys("new"), false));

    assertThat(runner.calls()).hasSize(1);
    assertThat(runner.call(0).argv()).isEqualTo(command(t).batch(false));
    assertThat(runner.call(0).paths())
        .containsExactly("top.txt", "new", "new/a.txt", "new/sub", "new/sub/c.txt");
  }

  @Test
  void theRootIsNeverListedAsDotInANonRecursiveRun() throws Exception {
    Target t = local(true);
    // chmod of the watched directory itself, alone and next to a new subtree
    runs(t, TreeLister.UNFILTERED).run(batch(keys("", "a.txt"), List.of(), true));
    runs(t, TreeLister.UNFILTERED).run(batch(keys("", "a.txt"), keys("new"), true));

    List<Call> nonRecursive = runner.calls().stream().filter(c -> c.has("--no-r")).toList();
    assertThat(nonRecursive).hasSize(2);
    for (Call c : nonRecursive) {
      assertThat(c.paths()).as(c.toString()).containsExactly("a.txt");
    }
  }

  @Test
  void filteredFullSyncListsIncludedPathsWithoutTheRoot() throws Exception {
    Target t = local(true);
    FakeTreeLister tree = new FakeTreeLister(PathFilter.of(".*\\.swp")).file("a.txt", "b.swp");
    runs(t, tree).run(new Batch(List.of(), List.of(), false, true, 0));

    assertThat(runner.call(0).has("--no-r")).isTrue();
    assertThat(runner.call(0).paths()).containsExactly("a.txt");
    // the deletion-only run is recursive: there the root is meant whole
    assertThat(runner.call(1).has("--existing")).isTrue();
    assertThat(runner.call(1).paths()).containsExactly(".");
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
