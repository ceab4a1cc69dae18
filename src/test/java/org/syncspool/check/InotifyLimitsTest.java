package org.syncspool.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.syncspool.check.InotifyLimits.Assessment;

class InotifyLimitsTest {

  @Test
  void enoughIsOneOkLine() {
    Assessment a = new Assessment(1000, 192_536, 52, 16_384);
    assertThat(a.low()).isFalse();
    assertThat(a.message()).isEqualTo("inotify limits OK: 1000 directories to watch; "
        + "fs.inotify.max_user_watches=192536 (this user already holds 52), "
        + "fs.inotify.max_queued_events=16384");
  }

  @Test
  void tooFewWatchesGivesTheExactCommands() {
    Assessment a = new Assessment(250_000, 192_536, 1200, 16_384);
    assertThat(a.watchesLow()).isTrue();
    assertThat(a.queueLow()).isFalse();
    assertThat(a.recommendedWatches()).as("2 x 251200, rounded up to 64 Ki").isEqualTo(524_288);
    assertThat(a.message()).startsWith("inotify limits too low: 250000 directories")
        .contains("sysctl -w fs.inotify.max_user_watches=524288 ;")
        .contains("put 'fs.inotify.max_user_watches = 524288' in /etc/sysctl.d/90-syncspool.conf")
        .doesNotContain("max_queued_events=16384 ;").doesNotContain("\n");
  }

  @Test
  void whatOthersHoldCountsAndTenPercentRoomIsKept() {
    assertThat(new Assessment(1000, 1200, 0, 16_384).watchesLow()).isFalse();
    assertThat(new Assessment(1000, 1200, 150, 16_384).watchesLow()).isTrue();
    assertThat(new Assessment(1100, 1200, 0, 16_384).watchesLow()).as("no room to grow").isTrue();
    assertThat(new Assessment(1000, 1200, -1, 16_384).message()).contains("unknown");
  }

  @Test
  void smallQueue() {
    Assessment a = new Assessment(10, 8192, 0, 4096);
    assertThat(a.watchesLow()).isFalse();
    assertThat(a.message()).contains("sysctl -w fs.inotify.max_queued_events=16384 ;")
        .contains("'fs.inotify.max_queued_events = 16384'")
        .doesNotContain("sysctl -w fs.inotify.max_user_watches");
  }

  @Test
  void bothInOneLine() {
    Assessment a = new Assessment(100_000, 8192, 0, 4096);
    assertThat(a.message()).contains("sysctl -w fs.inotify.max_user_watches=262144 "
        + "fs.inotify.max_queued_events=16384 ;")
        .contains("'fs.inotify.max_user_watches = 262144' and 'fs.inotify.max_queued_events = 16384'");
  }
}
