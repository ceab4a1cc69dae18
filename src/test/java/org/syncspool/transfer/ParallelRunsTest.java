package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.testing.FakeProcessRunner;

/** -n N inside BatchRuns: a large batch runs as up to N concurrent rsyncs, one result. */
class ParallelRunsTest {
  private final FakeProcessRunner runner = new FakeProcessRunner();
  @TempDir
  Path tmp;

  private BatchRuns runs(int parallel) {
    Target t = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null, Path.of("/mirror"),
        null, null, null, List.of("-a"), null, true);
    return new BatchRuns(t, new RsyncCommand("rsync", t, "/data"), runner, TreeLister.UNFILTERED,
        tmp, parallel, SourcePresence.ALL_PRESENT);
  }

  private static Batch files(int n) {
    List<PathKey> flat = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      flat.add(PathKey.of(String.format("f%05d", i)));
    }
    return new Batch(flat, List.of(), false, false, 0);
  }

  @Test
  void groupsRunAtTheSameTimeAndEveryPathIsSentOnce() throws Exception {
    FakeProcessRunner.Gate first = runner.blockNext();
    FakeProcessRunner.Gate second = runner.blockNext();
    CompletableFuture<ProcessRunner.Result> done = CompletableFuture.supplyAsync(() -> {
      try {
        return runs(2).run(files(1000));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Both runs are inside rsync at once: neither can finish before the other started.
    assertThat(first.awaitEntered(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.awaitEntered(10, TimeUnit.SECONDS)).isTrue();
    first.release();
    second.release();

    assertThat(done.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    assertThat(runner.calls()).hasSize(2);
    List<String> sent = new ArrayList<>();
    runner.calls().forEach(c -> sent.addAll(c.paths()));
    assertThat(sent).hasSize(1000).doesNotHaveDuplicates();
  }

  @Test
  void oneFailedGroupFailsTheBatchWithItsCode() throws Exception {
    runner.thenExit(0, 23, 0);
    ProcessRunner.Result r = runs(3).run(files(1000));
    assertThat(runner.calls()).hasSize(3);
    assertThat(r.exitCode()).isEqualTo(23);
  }

  @Test
  void anUnreachableGroupOutranksAPartialOne() throws Exception {
    runner.thenExit(23, 10);
    assertThat(runs(2).run(files(1000)).exitCode()).isEqualTo(10);
  }

  @Test
  void withoutParallelismOrForASmallBatchThereIsOneRun() throws Exception {
    runs(1).run(files(1000));
    runs(4).run(files(10));
    assertThat(runner.calls()).hasSize(2);
  }
}
