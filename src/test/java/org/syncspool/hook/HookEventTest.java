package org.syncspool.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Hook.Kind;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerListener.BatchReport;

class HookEventTest {
  private static JsonNode json(HookEvent e) throws Exception {
    String s = e.toJson();
    assertThat(s).doesNotContain("\n");
    return new ObjectMapper().readTree(s);
  }

  @Test
  void aBatchWithItsPathsBytesLagAndOutcome() throws Exception {
    Batch b = new Batch(List.of(PathKey.of("a.txt"), PathKey.copyOf(new byte[] {'x', (byte) 0xff},
        0, 2)), List.of(PathKey.of("dir")), false, false, 1_000);
    JsonNode j = json(HookEvent.of(Kind.BATCH, new BatchReport(HookTriggersTest.T, b, 0,
        RsyncExit.DONE, 1, false, 1_200, 1_500, "", 4321), "/srv/www", 1_600));
    assertThat(j.path("event").asText()).isEqualTo("batch");
    assertThat(j.path("time").asText()).isEqualTo("1970-01-01T00:00:01.600Z");
    assertThat(j.path("target").asText()).isEqualTo("/m");
    assertThat(j.path("targetId").asText()).isEqualTo("0:/m");
    assertThat(j.path("root").asText()).isEqualTo("/srv/www");
    assertThat(j.path("outcome").asText()).isEqualTo("DONE");
    assertThat(j.path("exitCode").asInt()).isZero();
    assertThat(j.path("paths").toString()).isEqualTo("[\"dir/**\",\"a.txt\",\"x\\\\xff\"]");
    assertThat(j.path("pathCount").asInt()).isEqualTo(3);
    assertThat(j.path("bytes").asLong()).isEqualTo(4321);
    assertThat(j.path("lagMillis").asLong()).isEqualTo(500);
    assertThat(j.path("reason").isNull()).isTrue();
  }

  @Test
  void pathsAreCappedInNumberAndSizeAndCountedInFull() throws Exception {
    List<PathKey> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(PathKey.of("f" + i));
    }
    Batch b = new Batch(many, List.of(), false, false, 0);
    JsonNode j = json(HookEvent.of(Kind.FAILURE, new BatchReport(HookTriggersTest.T, b, 23,
        RsyncExit.BATCH_FAILED, 3, true, 0, 1, "rsync: line one\nrsync error: some files", -1),
        "/w", 2));
    assertThat(j.path("paths")).hasSize(HookEvent.MAX_PATHS);
    assertThat(j.path("pathCount").asInt()).isEqualTo(500);
    assertThat(j.path("reason").asText()).isEqualTo("rsync: line one rsync error: some files");
    assertThat(j.path("bytes").asLong()).isEqualTo(-1);

    String longName = "n".repeat(4000);
    List<PathKey> big = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      big.add(PathKey.of(longName + i));
    }
    String doc = HookEvent.of(Kind.BATCH, new BatchReport(HookTriggersTest.T,
        new Batch(big, List.of(), false, false, 0), 0, RsyncExit.DONE, 1, false, 0, 1, ""), "/w",
        2).toJson();
    assertThat(doc.getBytes(StandardCharsets.UTF_8).length).isLessThan(20 * 1024);
    assertThat(new ObjectMapper().readTree(doc).path("pathCount").asInt()).isEqualTo(20);
  }

  @Test
  void aStateChangeHasNoBatch() throws Exception {
    JsonNode j = json(HookEvent.of(Kind.PARKED, HookTriggersTest.T, "/w", "rsync exit 1", 0, 5));
    assertThat(j.path("event").asText()).isEqualTo("parked");
    assertThat(j.path("outcome").isNull()).isTrue();
    assertThat(j.path("exitCode").asInt()).isEqualTo(-1);
    assertThat(j.path("paths")).isEmpty();
    assertThat(j.path("reason").asText()).isEqualTo("rsync exit 1");
  }
}
