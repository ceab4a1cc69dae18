package org.syncspool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy defaults = new RetryPolicy(1000, 300_000);

  @Test
  void doublesFromOneSecondUpToFiveMinutes() {
    List<Long> seq = new ArrayList<>();
    for (int n = 1; n <= 11; n++) {
      seq.add(defaults.baseMillis(n));
    }
    assertThat(seq).containsExactly(1000L, 2000L, 4000L, 8000L, 16_000L, 32_000L, 64_000L,
        128_000L, 256_000L, 300_000L, 300_000L);
  }

  @Test
  void jitterOnlyShortensAndStaysWithinItsFraction() {
    assertThat(defaults.delayMillis(1, 0.0)).isEqualTo(1000);
    assertThat(defaults.delayMillis(1, 0.5)).isEqualTo(900);
    assertThat(defaults.delayMillis(1, 0.999_999)).isEqualTo(801);
    assertThat(defaults.delayMillis(20, 0.0)).isEqualTo(300_000);
  }

  @Test
  void aFixedRandomSourceGivesAFixedSequence() {
    Random r1 = new Random(42);
    Random r2 = new Random(42);
    for (int n = 1; n < 30; n++) {
      long d = defaults.delayMillis(n, r1.nextDouble());
      assertThat(d).isEqualTo(defaults.delayMillis(n, r2.nextDouble()));
      assertThat(d).isBetween((long) (defaults.baseMillis(n) * 0.8), defaults.baseMillis(n));
    }
  }

  @Test
  void hugeFailureCountsNeitherOverflowNorLoop() {
    RetryPolicy p = new RetryPolicy(1, Long.MAX_VALUE, 0);
    assertThat(p.baseMillis(Integer.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(p.baseMillis(63)).isEqualTo(1L << 62);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(10, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, 5, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
