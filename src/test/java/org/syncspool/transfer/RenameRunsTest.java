package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.testing.FakeProcessRunner;
import org.syncspool.testing.FakeTreeLister;
import org.syncspool.watch.PathFilter;

/** Which rename runs a batch gets and what is left for its own run; no process started. */
class RenameRunsTest {
  private final FakeProcessRunner runner = new FakeProcessRunner();
  private final Target target = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null,
      Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  @TempDir
  Path tmp;

  private BatchRuns runs(TreeLister tree) {
    return new BatchRuns(target, new RsyncCommand("rsync", target, "/data"), runner, tree, tmp, 1, SourcePresence.ALL_PRESENT);
  }

  private static Batch dirRename(String from, String to) {
    PathKey f = PathKey.of(from);
    PathKey t = PathKey.of(to);
    return new Batch(List.of(f, PathKey.of("other.txt")), List.of(t), false, false, 0, List.of(),
        List.of(new Rename(f, t, true)));
  }

  @Test
  void aDirectoryRenameIsLinkedFirstAndTheBatchStillListsItsBothNames() throws Exception {
    runs(TreeLister.UNFILTERED).run(dirRename("a/old", "x/y/new"));

    assertThat(runner.calls()).hasSize(2);
    FakeProcessRunner.Call link = runner.call(0);
    assertThat(link.argv()).contains("-r", "--delete", "--link-dest=../../../a/old")
        .endsWith("/data/x/y/new/", "/mirror/x/y/new/");
    FakeProcessRunner.Call rest = runner.call(1);
    // the batch's own run from the root checks the linked copy (a sub-rooted run cannot get
    // everything right: symlinks sanitized by a daemon without chroot)
    assertThat(rest.paths()).containsExactly("a/old", "other.txt", "x/y/new");
    assertThat(rest.argv()).contains("-r", "--ignore-missing-args");
  }

  @Test
  void aFailedLinkRunLeavesTheDirectoryToTheBatch() throws Exception {
    runner.thenExit(23, 0);
    ProcessRunner.Result r = runs(TreeLister.UNFILTERED).run(dirRename("old", "new"));
    assertThat(r.exitCode()).isZero();
    assertThat(runner.call(1).paths()).containsExactly("old", "other.txt", "new");
  }

  @Test
  void underAFilterOrWithNamesNotFitForArgvThereIsNoLinkRun() throws Exception {
    runs(new FakeTreeLister(new PathFilter(List.of(".*\\.swp"))).dir("new")).run(dirRename("old", "new"));
    PathKey bad = PathKey.copyOf(new byte[] {(byte) 0xB2, (byte) 0xE2}, 0, 2);
    runs(TreeLister.UNFILTERED).run(new Batch(List.of(bad), List.of(PathKey.of("new")), false,
        false, 0, List.of(), List.of(new Rename(bad, PathKey.of("new"), true))));
    assertThat(runner.calls()).noneMatch(c -> c.argv().stream().anyMatch(
        a -> a.startsWith("--link-dest")));
  }

  @Test
  void renamedFilesInOneDirectoryGoInOneFuzzyRunBeforeTheBatch() throws Exception {
    PathKey log = PathKey.of("logs/app.log");
    PathKey log1 = PathKey.of("logs/app.log.1");
    PathKey moved = PathKey.of("elsewhere/b");
    runs(TreeLister.UNFILTERED).run(new Batch(List.of(log, log1, PathKey.of("a"), moved),
        List.of(), false, false, 0, List.of(), List.of(new Rename(log, log1, false),
            new Rename(PathKey.of("a"), moved, false))));

    assertThat(runner.calls()).hasSize(2);
    assertThat(runner.call(0).argv()).contains("--fuzzy", "--no-r");
    assertThat(runner.call(0).paths()).containsExactly("logs/app.log.1"); // same directory only
    assertThat(runner.call(1).paths()).contains("logs/app.log", "logs/app.log.1");
  }
}
