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
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.syncspool.testing.TreeAssert;

/**
 * Thousands of random operations, some runs with a kill -9 and a restart inside, ending in an
 * exact comparison of the source and both targets. A failure names its seed; replay it with
 * {@code -Dchurn.seed=N}. {@code mvn verify} runs 5 seeds of 3000 operations (every other one
 * with a kill -9); the bench mode, {@code bench/churn.sh}, runs more and longer ones through
 * {@code -Dchurn.seeds=50 -Dchurn.ops=5000}.
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

  static Stream<Arguments> seeds() {
    Long one = Long.getLong("churn.seed");
    if (one != null) {
      return Stream.of(Arguments.of(one, Boolean.getBoolean("churn.kill")));
    }
    long base = Long.getLong("churn.base", 20261201L);
    return LongStream.range(0, Long.getLong("churn.seeds", 5L))
        .mapToObj(i -> Arguments.of(base + i, i % 2 == 1));
  }

  @ParameterizedTest(name = "seed {0}, kill -9 inside: {1}")
  @MethodSource("seeds")
  void randomChurnEndsWithExactMirrors(long seed, boolean kill) throws Exception {
    int ops = Integer.getInteger("churn.ops", 3000);
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
    churn.run(ops / 2);
    if (kill) {
      f.killJar();
      churn.run(ops / 6); // while nobody watches
      f.startJar(tmp.resolve("second.log"));
    }
    churn.run(ops - ops / 2);
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
          + " -Dchurn.kill=" + kill + " -Dchurn.ops=" + ops + "): " + e.getMessage() + logs, e);
    }
  }
}
