package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RsyncStatsTest {
  @Test
  void readsTheTotalOfOneRun() {
    assertThat(RsyncStats.bytesSent("Number of files: 1\nTotal bytes sent: 108\nTotal bytes "
        + "received: 35\n\nsent 108 bytes  received 35 bytes  286.00 bytes/sec\n")).isEqualTo(108);
  }

  @Test
  void groupedDigitsAndTwoRunsAddUp() {
    assertThat(RsyncStats.bytesSent("Total bytes sent: 1,234,567\n...\nTotal bytes sent: 1.000\n"))
        .isEqualTo(1_235_567);
  }

  @Test
  void unknownWhenMissingOrHumanReadable() {
    assertThat(RsyncStats.bytesSent("")).isEqualTo(-1);
    assertThat(RsyncStats.bytesSent(null)).isEqualTo(-1);
    assertThat(RsyncStats.bytesSent("Total bytes sent: 1.23M\n")).isEqualTo(-1);
  }
}
