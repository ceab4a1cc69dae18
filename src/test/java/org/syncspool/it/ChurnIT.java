package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.testing.TreeAssert;

/**
 * Thousands of random operations, some runs with a kill -9 and a restart inside, ending in an
 * exact comparison of the source and both targets. A failure names its seed; replay it with
 * {@code -Dchurn.seed=N}.
 */
class ChurnIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;

  @AfterEach
  void cleanUp() throws Exception {
    if (f != null) {
      f.close(); // kills the daemon process too
    }
  }

  @ParameterizedTest(name = "seed {0}, kill -9 inside: {1}")
  @CsvSource({"20261125, false", "4711, true"})
  void randomChurnEndsWithExactMirrors(long defaultSeed, boolean kill) throws Exception {
    long seed = Long.getLong("churn.seed", defaultSeed);
    f = new ReplicationFixture(tmp.resolve("f"));
    f.writeConfig("", true);
    Churn churn = new Churn(f.source, seed);
    if (kill) {
      f.startJar(tmp.resolve("first.log"));
      await().atMost(Duration.ofSeconds(30)).until(() ->
          Files.readString(tmp.resolve("first.log")).contains("replicating to 2 target(s)"));
    } else {
      f.start(false);
    }
    churn.run(1500);
    if (kill) {
      f.killJar();
      churn.run(500); // while nobody watches
      f.startJar(tmp.resolve("second.log"));
    }
    churn.run(1500);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> {
            TreeAssert.assertMirrors(f.source, f.mirror);
            TreeAssert.assertMirrors(f.source, f.rsyncd.moduleDir());
          });
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder();
      for (String name : new String[] {"first.log", "second.log"}) {
        Path log = tmp.resolve(name);
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log);
          logs.append("\n--- last lines of ").append(name).append(":\n").append(String.join("\n",
              lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
      }
      throw new AssertionError("churn seed " + seed + " (replay: -Dchurn.seed=" + seed
          + "), kill=" + kill + ": " + e.getMessage() + logs, e);
    }
  }
}
