package org.syncspool.standby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.ProcessRunner.StdinWriter;

/** The standby's lifecycle on a fake runner and a fake clock. */
class StandbyRunnerTest {
  private static final List<String> BATCH = List.of("rsync", "-a", "--no-r", "--from0",
      "--files-from=-", "/src/", "/dst/");
  private static final List<String> RECURSIVE = List.of("rsync", "-a", "-r", "--from0",
      "--files-from=-", "/src/", "/dst/");
  private static final StandbyPolicy POLICY = new StandbyPolicy(10_000, 1_000, 8_000);
  private static final StdinWriter PATHS =
      out -> out.write("a.txt\0b.txt\0".getBytes(StandardCharsets.UTF_8));

  private final StandbyFakeRunner runner = new StandbyFakeRunner();
  private final FakeStandbyTimer timer = new FakeStandbyTimer();
  private StandbyRunner standby;

  @BeforeEach
  void open() {
    standby = new StandbyRunner(runner, BATCH, timer, POLICY, "t");
    standby.open();
    timer.advance(0);
  }

  @Test
  void aStandbyIsStartedAheadWithTheBatchCommandAndHoldsNoPaths() {
    assertThat(runner.started).hasSize(1);
    assertThat(runner.last().argv).isEqualTo(BATCH);
    assertThat(runner.last().stdin).as("nothing written before a batch").isNull();
    assertThat(runner.cold).isEmpty();
  }

  @Test
  void aBatchIsHandedToTheStandbyAndANewOneStartsRightAfter() throws Exception {
    StandbyFakeRunner.Proc first = runner.last();
    ProcessRunner.Result r = standby.run(BATCH, PATHS);
    assertThat(r.exitCode()).isZero();
    assertThat(first.stdin).isEqualTo("a.txt\0b.txt\0");
    assertThat(runner.cold).isEmpty();
    timer.advance(0);
    assertThat(runner.started).hasSize(2);
    assertThat(runner.last().stdin).isNull();
    assertThat(standby.counts()).isEqualTo(new StandbyRunner.Counts(2, 1, 0, 0, 0));
  }

  @Test
  void aBatchWithAnotherCommandRunsAloneAndANewStandbyFollows() throws Exception {
    var first = runner.last();
    standby.run(RECURSIVE, PATHS);
    assertThat(runner.cold).extracting(StandbyFakeRunner.Cold::argv).containsExactly(RECURSIVE);
    assertThat(first.cancelled).as("ended: rrsync's lock allows one session at a time").isTrue();
    assertThat(first.stdin).as("it was given no paths").isNull();
    timer.advance(0);
    assertThat(runner.started).hasSize(2);
    assertThat(standby.ready()).isTrue();
  }

  @Test
  void withNoStandbyReadyTheBatchRunsCold() throws Exception {
    standby.run(BATCH, PATHS);
    timer.close(); // the replacement never starts
    standby.run(BATCH, PATHS);
    assertThat(runner.cold).hasSize(1);
    assertThat(runner.cold.get(0).stdin()).isEqualTo("a.txt\0b.txt\0");
  }

  @Test
  void aWaitingStandbyIsReplacedAtItsAgeBeforeATimeoutCanEndIt() {
    StandbyFakeRunner.Proc first = runner.last();
    timer.advance(9_999);
    assertThat(first.cancelled).isFalse();
    timer.advance(1);
    assertThat(first.cancelled).as("ended with an empty file list").isTrue();
    assertThat(first.stdin).isNull();
    assertThat(runner.started).hasSize(2);
    timer.advance(10_000);
    assertThat(runner.started).hasSize(3);
    assertThat(standby.counts().replaced()).isEqualTo(2);
  }

  @Test
  void aStandbyUsedBeforeItsAgeIsNotRetiredLater() throws Exception {
    timer.advance(5_000);
    standby.run(BATCH, PATHS);
    timer.advance(0);
    StandbyFakeRunner.Proc second = runner.last();
    timer.advance(5_000); // the first one's retirement falls due: it was used, nothing happens
    assertThat(second.cancelled).isFalse();
    assertThat(runner.started).hasSize(2);
    timer.advance(5_000);
    assertThat(second.cancelled).isTrue();
  }

  @Test
  void aStandbyThatExitedWhileWaitingNeverFailsTheBatch() throws Exception {
    runner.last().alive = false; // e.g. connection refused at start
    ProcessRunner.Result r = standby.run(BATCH, PATHS);
    assertThat(r.exitCode()).isZero();
    assertThat(runner.cold).hasSize(1);
    assertThat(standby.counts().died()).isEqualTo(1);
    timer.advance(999);
    assertThat(runner.started).as("backoff before the next standby").hasSize(1);
    timer.advance(1);
    assertThat(runner.started).hasSize(2);
  }

  @Test
  void aStandbyWhoseConnectionWasEndedRerunsTheBatchCold() throws Exception {
    runner.last().exit = 12; // the daemon's timeout closed it: seen only at hand-over
    runner.coldExit = 0;
    ProcessRunner.Result r = standby.run(BATCH, PATHS);
    assertThat(r.exitCode()).as("the cold run's result").isZero();
    assertThat(runner.cold).extracting(StandbyFakeRunner.Cold::stdin)
        .containsExactly("a.txt\0b.txt\0");
    assertThat(standby.counts().died()).isEqualTo(1);
  }

  @Test
  void deathsInARowBackOffAndAUseResetsTheBackoff() throws Exception {
    runner.last().alive = false;
    standby.run(BATCH, PATHS);
    timer.advance(1_000);
    runner.last().alive = false;
    standby.run(BATCH, PATHS);
    timer.advance(1_999);
    assertThat(runner.started).hasSize(2);
    timer.advance(1);
    assertThat(runner.started).hasSize(3);
    standby.run(BATCH, PATHS); // used: the backoff starts over
    timer.advance(0);
    assertThat(runner.started).hasSize(4);
    assertThat(standby.counts()).isEqualTo(new StandbyRunner.Counts(4, 1, 0, 2, 2));
  }

  @Test
  void aBatchThatFailsOnTheTargetIsNotRunTwice() throws Exception {
    runner.last().exit = 23; // the target refused a path: a cold run would fail the same way
    assertThat(standby.run(BATCH, PATHS).exitCode()).isEqualTo(23);
    assertThat(runner.cold).isEmpty();
    assertThat(standby.counts().died()).isZero();
  }

  @Test
  void aStandbyThatCannotBeStartedIsRetriedWithBackoff() throws Exception {
    standby.run(BATCH, PATHS);
    runner.startFailure = new IOException("no rsync");
    timer.advance(0);
    runner.startFailure = null;
    timer.advance(999);
    assertThat(runner.started).hasSize(1);
    timer.advance(1);
    assertThat(runner.started).hasSize(2);
  }

  @Test
  void closeEndsTheWaitingStandbyAndStartsNoMore() throws Exception {
    StandbyFakeRunner.Proc first = runner.last();
    standby.close();
    assertThat(first.cancelled).isTrue();
    assertThat(first.stdin).as("it has sent nothing").isNull();
    timer.advance(100_000);
    assertThat(runner.started).hasSize(1);
    standby.run(BATCH, PATHS);
    assertThat(runner.cold).as("after close every batch runs on its own").hasSize(1);
  }
}
