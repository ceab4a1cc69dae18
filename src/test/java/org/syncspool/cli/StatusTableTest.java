package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code syncspool status}'s table from the daemon's /status JSON. */
class StatusTableTest {
  private static String table(String bigLane) throws Exception {
    String json = """
        {"version":"1","pid":7,"startedAt":"2026-12-04T18:00:00Z","watches":3,"roots":[
         {"id":0,"watch":"/w","targets":[{"name":"h::m","state":"SYNCING","backlog":2,
          "lagSeconds":1.5,"lastSuccess":null,"lastExitCode":0,"failed":0,"pausedUntil":null,
          "lastAudit":null,"fullSyncsDone":0,"progress":[],"bigLane":%s}]}]}
        """.formatted(bigLane);
    return StatusCommand.table(new ObjectMapper().readTree(json));
  }

  @Test
  void aBigFileLaneAtWorkGetsALineUnderItsTarget() throws Exception {
    assertThat(table("{\"state\":\"SENDING\",\"sending\":1,\"queued\":2,\"path\":\"d/big.iso\","
        + "\"thresholdBytes\":67108864}"))
        .contains("    big-file lane SENDING: 1 sending, 2 queued (d/big.iso)\n");
  }

  @Test
  void anIdleOrAbsentLaneGetsNone() throws Exception {
    assertThat(table("{\"state\":\"IDLE\",\"sending\":0,\"queued\":0,\"path\":null,"
        + "\"thresholdBytes\":67108864}")).doesNotContain("big-file lane");
    assertThat(table("null")).doesNotContain("big-file lane");
  }
}
