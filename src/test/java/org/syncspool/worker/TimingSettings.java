package org.syncspool.worker;

import java.nio.file.Path;
import java.util.List;
import org.syncspool.config.Engine;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;
import org.syncspool.rsync.RsyncCommand;

/**
 * The target and settings the fake-time worker tests share (WorkerTimingTest,
 * BigLaneTimingTest): a local target; quiet window 20 ms, batches at most 1000 ms old, backoff
 * 1000 ms doubling to 8000 ms, 3 attempts.
 */
final class TimingSettings {
  static final Target TARGET = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null,
      null, Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
  static final String CURSOR = CursorNames.of(TARGET.id());
  static final RsyncCommand COMMAND = new RsyncCommand("rsync", TARGET, "/data");
  static final Engine ENGINE = new Engine(Path.of("/unused"), null, 20, 1000, 10_000,
      1000, 8000, 3, 1_000_000, 72, 1);

  private TimingSettings() {}
}
