package org.syncspool.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Hook;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerState;

/** The worker's side never waits: events queue for the hook thread, overflow is dropped. */
class HookDispatcherTest {
  private static final Hook ON_BATCH = new Hook(Hook.Kind.BATCH, Path.of("/h"), List.of(), 1000);
  private static final Hook ON_FAILURE = new Hook(Hook.Kind.FAILURE, Path.of("/f"), List.of(),
      1000);

  @Test
  void aSlowHookNeverHoldsTheWorkerAndOverflowIsCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<HookEvent> ran = new CopyOnWriteArrayList<>();
    CountDownLatch entered = new CountDownLatch(1);
    HookDispatcher d = new HookDispatcher(List.of(ON_BATCH), t -> "/w", (h, e) -> {
      entered.countDown();
      release.await();
      ran.add(e);
      return new HookRunner.Result(0, false, "", 1);
    }, () -> 7, 2);
    d.start();
    try {
      d.batchEnded(HookTriggersTest.report(RsyncExit.DONE, false));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      // the hook thread is stuck in the first hook: 2 queue, the rest are dropped, none waits
      for (int i = 0; i < 5; i++) {
        d.batchEnded(HookTriggersTest.report(RsyncExit.DONE, false));
      }
      assertThat(d.dropped()).isEqualTo(3);
      release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> d.ran() == 3);
      assertThat(ran).hasSize(3).allMatch(e -> e.event().equals("batch"));
      assertThat(d.failed()).isZero();
    } finally {
      release.countDown();
      d.close();
    }
  }

  @Test
  void onlyKindsWithAHookAreQueuedAndFailuresAreCounted() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    HookDispatcher d = new HookDispatcher(List.of(ON_FAILURE), t -> "/w", (h, e) -> {
      ran.add(e.event() + " " + h.command());
      return new HookRunner.Result(1, false, "no mail server", 1);
    }, () -> 7, 10);
    d.start();
    try {
      d.batchEnded(HookTriggersTest.report(RsyncExit.DONE, false)); // batch: no hook for it
      d.stateChanged(HookTriggersTest.T, WorkerState.BACKING_OFF, "unreachable");
      d.stateChanged(HookTriggersTest.T, WorkerState.BACKING_OFF, "unreachable");
      await().atMost(Duration.ofSeconds(30)).until(() -> d.ran() == 1);
      assertThat(ran).containsExactly("failure /f");
      assertThat(d.failed()).isEqualTo(1);
      assertThat(d.dropped()).isZero();
    } finally {
      d.close();
    }
  }
}
