package org.syncspool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;

/**
 * {@code full-sync --wait}: after the request, polls the daemon's {@code /status} until each
 * target asked for has one more full sync done ({@code fullSyncsDone}, service.http.StatusReport)
 * than before it. {@link #judge} is the pure part, a table; {@link #await} the loop, whose waits
 * are on a {@link Scheduler} (tests run it on fake time). The daemon gone mid-wait ends it with
 * the control client's exit code (69), as every control command.
 */
final class FullSyncWait {
  /** How often /status is asked. */
  static final long POLL_MILLIS = 1000;
  /** States in which a full sync cannot complete until someone (or time) fixes the target. */
  static final Set<String> FAILING = Set.of("BACKING_OFF", "PARKED", "STOPPED");

  enum Verdict {
    WAITING(-1), DONE(0), FAILED(1), TIMED_OUT(75);

    final int exitCode;

    Verdict(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private FullSyncWait() {}

  /**
   * Per target (all, or {@code only}), the {@code fullSyncsDone} that means "ours is done": one
   * more than now, two when a full sync runs now (a request during one is served after it,
   * worker.TargetWorker#requestFullSync).
   */
  static Map<String, Long> needs(JsonNode status, @Nullable String only) throws FatalException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (JsonNode root : status.path("roots")) {
      for (JsonNode t : root.path("targets")) {
        String name = t.path("name").asText();
        if (only != null && !only.equals(name)) {
          continue;
        }
        if (!t.path("fullSyncsDone").isNumber()) {
          throw new FatalException(ExitCode.FAILURE, "the daemon's /status has no fullSyncsDone "
              + "(an older syncspool): restart it with this version to use --wait");
        }
        boolean running = false;
        for (JsonNode p : t.path("progress")) {
          running |= "full_sync".equals(p.path("work").asText());
        }
        out.put(name, t.path("fullSyncsDone").asLong() + (running ? 2 : 1));
      }
    }
    return out;
  }

  /**
   * The table: any target asked for in a {@link #FAILING} state: FAILED; else every one at its
   * need: DONE; else past the deadline: TIMED_OUT; else WAITING. A target missing from the
   * report (the configuration was reloaded without it) counts as failed.
   */
  static Verdict judge(Map<String, Long> needs, JsonNode status, boolean pastDeadline) {
    Map<String, JsonNode> byName = targets(status);
    boolean all = true;
    for (Map.Entry<String, Long> n : needs.entrySet()) {
      JsonNode t = byName.get(n.getKey());
      if (t == null || FAILING.contains(t.path("state").asText())) {
        return Verdict.FAILED;
      }
      all &= t.path("fullSyncsDone").asLong() >= n.getValue();
    }
    return all ? Verdict.DONE : pastDeadline ? Verdict.TIMED_OUT : Verdict.WAITING;
  }

  /** Why {@link #judge} said FAILED, for the one line on stderr. */
  static String failure(Map<String, Long> needs, JsonNode status) {
    Map<String, JsonNode> byName = targets(status);
    for (String name : needs.keySet()) {
      JsonNode t = byName.get(name);
      if (t == null) {
        return "target " + name + " is no longer in the daemon's status";
      }
      if (FAILING.contains(t.path("state").asText())) {
        return "target " + name + " is " + t.path("state").asText() + " (rsync exit "
            + t.path("lastExitCode").asInt() + "): its full sync is not done";
      }
    }
    return "failed";
  }

  static Map<String, JsonNode> targets(JsonNode status) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode root : status.path("roots")) {
      for (JsonNode t : root.path("targets")) {
        out.put(t.path("name").asText(), t);
      }
    }
    return out;
  }

  /** Reads the daemon's status; throws the control client's errors (69 when it is gone). */
  @FunctionalInterface
  interface Source {
    JsonNode status() throws FatalException, InterruptedException;
  }

  /**
   * Polls {@code source} every {@link #POLL_MILLIS} until {@link #judge} decides, showing each
   * status read to {@code show}; returns the last status and the verdict.
   */
  static Result await(Source source, Map<String, Long> needs, Scheduler scheduler,
                      long timeoutMillis, Consumer<JsonNode> show)
      throws FatalException, InterruptedException {
    long deadline = scheduler.deadlineAfterMillis(timeoutMillis);
    Waiter waiter = scheduler.waiter();
    while (true) {
      JsonNode s = source.status();
      show.accept(s);
      Verdict v = judge(needs, s, deadline != Waiter.NEVER && deadline - scheduler.nanos() <= 0);
      if (v != Verdict.WAITING) {
        return new Result(v, s);
      }
      long next = scheduler.deadlineAfterMillis(POLL_MILLIS);
      long until = deadline != Waiter.NEVER && deadline - next < 0 ? deadline : next;
      while (until - scheduler.nanos() > 0) {
        waiter.await(until);
      }
    }
  }

  record Result(Verdict verdict, JsonNode status) {}
}
