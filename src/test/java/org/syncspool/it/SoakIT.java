package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak of issue 17 in {@code mvn verify}: 2 minutes by default ({@code -Dsoak.minutes=N},
 * {@code -Dsoak.seed=S}; {@code bench/soak.sh} runs the 30-minute one). Its table goes to
 * stdout and to target/soak-report.md; it must show 0 differences.
 */
class SoakIT {
  /** Kept when the soak fails: the daemons' logs and the trees are the evidence. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void churnWithFaultsEndsWithExactMirrorsEveryTime() throws Exception {
    Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 2L));
    long seed = Long.getLong("soak.seed", 17L);
    SoakReport report = new Soak(tmp, length, seed).run();
    String table = report.markdown();
    System.out.println(table);
    Files.writeString(Path.of("target/soak-report.md"), table);
    assertThat(report.differences())
        .as("seed %d (replay: -Dsoak.seed=%d -Dsoak.minutes=%d): %s", seed, seed,
            length.toMinutes(), report.firstDifference())
        .isZero();
  }
}
