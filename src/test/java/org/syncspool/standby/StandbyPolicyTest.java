package org.syncspool.standby;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.config.Target;

class StandbyPolicyTest {

  private static Target withTimeout(Integer seconds) {
    return new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null, Path.of("/m"), null, null,
        null, List.of("-a"), seconds, true);
  }

  @ParameterizedTest(name = "client --timeout={0} -> replaced at {1} ms")
  @CsvSource(nullValues = "none", value = {
      "none, 25000", // no client timeout: the default age (below a 30 s daemon timeout)
      "0, 25000", // --timeout=0 is no timeout
      "100, 25000", // sersync's usual 100 s: the default is shorter
      "30, 15000", // half the client timeout
      "1, 1000", // never below a second
      "3, 1500"})
  void maxAge(Integer timeout, long age) {
    assertThat(StandbyPolicy.of(withTimeout(timeout)).maxAgeMillis()).isEqualTo(age);
  }

  @ParameterizedTest(name = "{0} deaths in a row -> next standby after {1} ms")
  @CsvSource({"0, 0", "1, 1000", "2, 2000", "3, 4000", "6, 32000", "7, 60000", "100, 60000"})
  void backoff(int deaths, long delay) {
    assertThat(StandbyPolicy.of(withTimeout(null)).delayAfter(deaths)).isEqualTo(delay);
  }
}
