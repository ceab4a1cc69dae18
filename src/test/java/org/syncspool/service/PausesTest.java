package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.worker.Pause;

/** The pause files: written by pause and resume, read back by a restart and by check-config. */
class PausesTest {
  @TempDir Path state;
  private static final Target T = new Target("0:h::m/a", "h::m/a", 0, Target.Mode.DAEMON, "h",
      "m/a", null, null, null, null, List.of("-az"), null, true);

  @Test
  void checkConfigReadsEachStateWithoutChangingIt() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000L);
    Pauses p = new Pauses(state.resolve(Pauses.DIR), now::get);
    // cell: no file -> not paused
    assertThat(Pauses.describeFromDisk(state, T, now.get())).isNull();
    // cell: forever
    p.pause(T, Pause.FOREVER);
    assertThat(Pauses.describeFromDisk(state, T, now.get())).isEqualTo("paused until resumed");
    // cell: timed, not yet over
    p.pause(T, 2_000_000L);
    assertThat(Pauses.describeFromDisk(state, T, now.get()))
        .isEqualTo("paused until 1970-01-01T00:33:20Z");
    // cell: timed and over: not paused, and the file stays for the daemon to remove
    assertThat(Pauses.describeFromDisk(state, T, 2_000_000L)).isNull();
    try (var files = Files.list(state.resolve(Pauses.DIR))) {
      assertThat(files.filter(f -> !f.getFileName().toString().startsWith(".")).count())
          .isEqualTo(1);
    }
    // cell: resumed
    p.resume(T);
    assertThat(Pauses.describeFromDisk(state, T, now.get())).isNull();
    // a restart reads the pause back; one whose end passed is over and its file removed
    p.pause(T, 2_000_000L);
    assertThat(new Pauses(state.resolve(Pauses.DIR), now::get).of(T).until())
        .isEqualTo(2_000_000L);
    now.set(3_000_000L);
    assertThat(new Pauses(state.resolve(Pauses.DIR), now::get).of(T).until()).isZero();
    try (var files = Files.list(state.resolve(Pauses.DIR))) {
      assertThat(files.count()).isZero();
    }
  }
}
