package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.testing.FakeScheduler;

/** {@code full-sync --wait}: the judge as a table, the loop on fake time. */
class FullSyncWaitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A /status with targets given as "name:STATE:fullSyncsDone[:running]". */
  static JsonNode status(String... targets) {
    StringBuilder sb = new StringBuilder("{\"roots\":[{\"id\":0,\"targets\":[");
    for (int i = 0; i < targets.length; i++) {
      String[] f = targets[i].split(":");
      sb.append(i > 0 ? "," : "").append("{\"name\":\"").append(f[0]).append("\",\"state\":\"")
          .append(f[1]).append("\",\"lastExitCode\":10,\"fullSyncsDone\":").append(f[2])
          .append(",\"progress\":[").append(f.length > 3
              ? "{\"work\":\"full_sync\",\"paths\":5,\"bytes\":100,\"totalPaths\":10,"
                  + "\"elapsedSeconds\":2.0}" : "").append("]}");
    }
    try {
      return JSON.readTree(sb.append("]}]}").toString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "[{0}] [{1}] past deadline {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "a:1            | a:IDLE:0                | false | WAITING",
      "a:1            | a:SYNCING:0             | false | WAITING",
      "a:1            | a:IDLE:1                | false | DONE",
      "a:1            | a:IDLE:2                | false | DONE",       // a periodic one too
      "a:1            | a:SYNCING:0             | true  | TIMED_OUT",
      "a:1            | a:IDLE:1                | true  | DONE",       // done beats the deadline
      "a:1            | a:BACKING_OFF:0         | false | FAILED",
      "a:1            | a:PARKED:0              | false | FAILED",
      "a:1            | a:STOPPED:0             | true  | FAILED",
      "a:1            | a:PAUSED:0              | false | WAITING",    // resumes by itself or by hand
      "a:1            | b:IDLE:5                | false | FAILED",     // gone from the report
      "a:1,b:3        | a:IDLE:1,b:SYNCING:2    | false | WAITING",    // every target asked for
      "a:1,b:3        | a:IDLE:1,b:IDLE:3       | false | DONE",
      "a:1,b:3        | a:IDLE:1,b:PARKED:2     | false | FAILED",
      "a:1            | a:IDLE:1,b:PARKED:0     | false | DONE",       // others do not matter
  })
  void judge(String needs, String targets, boolean past, FullSyncWait.Verdict verdict) {
    Map<String, Long> n = new java.util.LinkedHashMap<>();
    for (String kv : needs.split(",")) {
      n.put(kv.split(":")[0], Long.parseLong(kv.split(":")[1]));
    }
    assertThat(FullSyncWait.judge(n, status(targets.split(",")), past)).isEqualTo(verdict);
  }

  @Test
  void needsOneMoreThanNowOrTwoWhileOneRuns() throws Exception {
    JsonNode s = status("a:IDLE:0", "b:SYNCING:4:running", "c:IDLE:7");
    assertThat(FullSyncWait.needs(s, null)).containsExactly(Map.entry("a", 1L),
        Map.entry("b", 6L), Map.entry("c", 8L));
    assertThat(FullSyncWait.needs(s, "b")).containsExactly(Map.entry("b", 6L));
  }

  @Test
  void anOlderDaemonWithoutTheCountIsRefused() throws Exception {
    JsonNode old = JSON.readTree("{\"roots\":[{\"targets\":[{\"name\":\"a\",\"state\":\"IDLE\"}]}]}");
    assertThatThrownBy(() -> FullSyncWait.needs(old, null)).isInstanceOf(FatalException.class)
        .hasMessageContaining("fullSyncsDone");
  }

  @Test
  void failureSaysWhichTargetAndWhy() {
    assertThat(FullSyncWait.failure(Map.of("a", 1L), status("a:BACKING_OFF:0")))
        .isEqualTo("target a is BACKING_OFF (rsync exit 10): its full sync is not done");
  }

  /** Runs the loop on a scheduler thread against statuses handed out one per poll. */
  private static final class Loop {
    final FakeScheduler scheduler = new FakeScheduler();
    final Deque<Object> replies = new ArrayDeque<>();
    final List<Long> polledAt = new java.util.ArrayList<>();
    final AtomicReference<Object> outcome = new AtomicReference<>();

    Loop then(Object reply) {
      replies.add(reply);
      return this;
    }

    Object run(Map<String, Long> needs, long timeoutMillis) {
      scheduler.start("wait", () -> {
        try {
          outcome.set(FullSyncWait.await(() -> {
            polledAt.add(scheduler.millis());
            Object r = replies.size() > 1 ? replies.poll() : replies.peek();
            if (r instanceof FatalException e) {
              throw e;
            }
            return (JsonNode) r;
          }, needs, scheduler, timeoutMillis, s -> { }).verdict());
        } catch (FatalException | InterruptedException e) {
          outcome.set(e);
        }
      });
      for (int i = 0; i < 1000 && outcome.get() == null; i++) {
        scheduler.advanceBy(500);
      }
      return outcome.get();
    }
  }

  @Test
  void pollsEverySecondUntilDone() {
    Loop l = new Loop().then(status("a:SYNCING:0:running")).then(status("a:SYNCING:0:running"))
        .then(status("a:IDLE:1"));
    assertThat(l.run(Map.of("a", 1L), Long.MAX_VALUE)).isEqualTo(FullSyncWait.Verdict.DONE);
    assertThat(l.polledAt).containsExactly(0L, 1000L, 2000L);
  }

  @Test
  void aTargetThatBacksOffEndsTheWaitWithFailure() {
    Loop l = new Loop().then(status("a:SYNCING:0")).then(status("a:BACKING_OFF:0"));
    assertThat(l.run(Map.of("a", 1L), Long.MAX_VALUE)).isEqualTo(FullSyncWait.Verdict.FAILED);
    assertThat(FullSyncWait.Verdict.FAILED.exitCode).isEqualTo(1);
  }

  @Test
  void theTimeoutEndsItAtItsDeadlineNotAtTheNextPoll() {
    Loop l = new Loop().then(status("a:SYNCING:0:running"));
    assertThat(l.run(Map.of("a", 1L), 2_500)).isEqualTo(FullSyncWait.Verdict.TIMED_OUT);
    assertThat(l.polledAt).containsExactly(0L, 1000L, 2000L, 2500L);
    assertThat(FullSyncWait.Verdict.TIMED_OUT.exitCode).isEqualTo(75);
  }

  @Test
  void theDaemonGoneEndsItWithTheControlClientsExitCode() {
    Loop l = new Loop().then(status("a:SYNCING:0"))
        .then(new FatalException(ExitCode.UNAVAILABLE, "no syncspool daemon answers"));
    Object o = l.run(Map.of("a", 1L), Long.MAX_VALUE);
    assertThat(o).isInstanceOf(FatalException.class);
    assertThat(((FatalException) o).exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void runningFullSyncsBecomeProgressValuesForTheBar() {
    long now = 10_000_000_000L;
    List<org.syncspool.progress.Progress> r = FullSyncCommand.running(
        status("a:SYNCING:0:running", "b:SYNCING:0:running"), java.util.Set.of("a"), now);
    assertThat(r).singleElement().satisfies(p -> {
      assertThat(p.target()).isEqualTo("a");
      assertThat(p.paths()).isEqualTo(5);
      assertThat(p.totalPaths()).isEqualTo(10);
      assertThat(p.elapsedMillis(now)).isEqualTo(2000);
      assertThat(p.secondsLeft(now)).isEqualTo(2);
    });
  }
}
