package org.syncspool.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeScheduler;

/** Deaths, restarts and their backoff at exact fake times. */
class SupervisorTest {
  private final FakeScheduler fake = new FakeScheduler();
  private final Supervisor supervisor = new Supervisor(fake);

  @Test
  void aBodyThatThrowsIsCountedAndRunAgainAfterADoublingBackoff() {
    List<Long> runs = new CopyOnWriteArrayList<>();
    AtomicInteger left = new AtomicInteger(3);
    supervisor.start("t", () -> {
      runs.add(fake.millis());
      if (left.getAndDecrement() > 0) {
        throw new StackOverflowError("boom");
      }
    });
    fake.runUntilIdle();
    assertThat(runs).containsExactly(0L);
    assertThat(supervisor.deaths("t")).isEqualTo(1);

    fake.advanceBy(10_000);
    assertThat(runs).containsExactly(0L, 1000L, 3000L, 7000L); // 1 s, 2 s, 4 s
    assertThat(supervisor.deaths("t")).isEqualTo(3);
    assertThat(fake.ended("t")).isTrue(); // the fourth run returned: ended as asked
  }

  @Test
  void aBodyThatReturnsIsNotADeath() {
    supervisor.start("t", () -> { });
    fake.runUntilIdle();
    assertThat(supervisor.deaths("t")).isZero();
    assertThat(supervisor.threads()).containsExactly("t");
    assertThat(fake.ended("t")).isTrue();
  }

  @Test
  void closeEndsTheWaitBeforeARestart() {
    supervisor.start("t", () -> {
      throw new IllegalStateException("always");
    });
    fake.advanceBy(500);
    supervisor.close();
    fake.runUntilIdle();
    assertThat(fake.ended("t")).isTrue();
    assertThat(fake.millis()).isEqualTo(500);
    assertThat(supervisor.deaths("t")).isEqualTo(1);
  }
}
