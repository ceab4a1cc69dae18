package org.syncspool.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.config.Hook.Kind;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerListener.BatchReport;
import org.syncspool.worker.WorkerState;

/**
 * Sequences of what a worker reports, and what they fire: ok = batch done, gaveup = batch paths
 * to the failed list, retry = failed attempt kept for another try, and the states.
 */
class HookTriggersTest {
  static final Target T = new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null, Path.of("/m"),
      null, null, null, List.of(), null, true);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "ok                                   | batch",
      "ok ok                                | batch batch",
      "retry                                | -",
      "retry gaveup                         | failure",
      "gaveup ok                            | failure recovered batch",
      "BACKING_OFF                          | failure",
      "BACKING_OFF retry BACKING_OFF SYNCING retry BACKING_OFF | failure",
      "BACKING_OFF SYNCING ok IDLE           | failure recovered batch",
      "BACKING_OFF ok BACKING_OFF ok         | failure recovered batch failure recovered batch",
      "PARKED PARKED                         | parked",
      "BACKING_OFF PARKED ok                 | failure parked recovered batch",
      "gaveup BACKING_OFF                    | failure failure",
      "gaveup gaveup                         | failure failure",
      "STARTING SYNCING IDLE STOPPED         | -",
  })
  void fires(String sequence, String fired) {
    HookTriggers t = new HookTriggers();
    List<String> out = new ArrayList<>();
    for (String step : sequence.trim().split("\\s+")) {
      List<Kind> kinds = switch (step) {
        case "ok" -> t.batchEnded(report(RsyncExit.DONE, false));
        case "retry" -> t.batchEnded(report(RsyncExit.UNREACHABLE, false));
        case "gaveup" -> t.batchEnded(report(RsyncExit.BATCH_FAILED, true));
        default -> t.stateChanged(T.id(), WorkerState.valueOf(step));
      };
      kinds.forEach(k -> out.add(k.attribute()));
    }
    assertThat(out.isEmpty() ? "-" : String.join(" ", out)).isEqualTo(fired.trim());
  }

  static BatchReport report(RsyncExit outcome, boolean gaveUp) {
    return new BatchReport(T, new Batch(List.of(), List.of(), false, true, 0), 0, outcome, 1,
        gaveUp, 0, 1, "");
  }
}
