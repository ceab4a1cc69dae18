package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up scan's mark: a scan cut short makes the next one start at least as early. */
class ScanMarkTest {
  @TempDir Path state;

  @Test
  void noMarkLeavesTheSinceAlone() {
    assertThat(new ScanMark(state).since(5_000)).isEqualTo(5_000);
  }

  @Test
  void aMarkLeftByAScanCutShortWinsWhenOlder() throws Exception {
    ScanMark m = new ScanMark(state);
    m.set(3_000);
    assertThat(m.since(9_000)).as("live events moved the journal on: the older time").isEqualTo(3_000);
    assertThat(m.since(2_000)).as("already older").isEqualTo(2_000);
    assertThat(Files.readString(state.resolve(ScanMark.FILE))).isEqualTo("3000\n");
    assertThat(state.resolve(ScanMark.FILE + ".new")).doesNotExist();
  }

  @Test
  void aScanThatEndedClearsIt() throws Exception {
    ScanMark m = new ScanMark(state);
    m.set(3_000);
    m.clear();
    assertThat(m.since(9_000)).isEqualTo(9_000);
    m.clear(); // twice is fine
  }

  @Test
  void anUnreadableMarkIsIgnored() throws Exception {
    Files.writeString(state.resolve(ScanMark.FILE), "30");
    assertThat(new ScanMark(state).since(9_000)).isEqualTo(30);
    Files.writeString(state.resolve(ScanMark.FILE), "3x0\n");
    assertThat(new ScanMark(state).since(9_000)).isEqualTo(9_000);
  }
}
