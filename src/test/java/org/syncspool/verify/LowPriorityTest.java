package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduled audit's rsync argv at low CPU and I/O priority: both cells of LowPriority. */
class LowPriorityTest {
  private static final List<String> RSYNC = List.of("rsync", "-an", "--delete", "src/", "dst/");

  @Test
  void niceAndIoniceIdleClass() {
    assertThat(LowPriority.wrap(true).apply(RSYNC)).containsExactly(
        "nice", "-n", "19", "ionice", "-c", "3", "rsync", "-an", "--delete", "src/", "dst/");
  }

  @Test
  void niceAloneWithoutIonice() {
    assertThat(LowPriority.wrap(false).apply(RSYNC)).containsExactly(
        "nice", "-n", "19", "rsync", "-an", "--delete", "src/", "dst/");
  }
}
