package org.syncspool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.syncspool.config.Span;
import org.syncspool.progress.Progress;
import org.syncspool.progress.Work;
import org.syncspool.time.SystemScheduler;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool full-sync}: ask the running daemon for a full sync, now. */
@Command(name = "full-sync", mixinStandardHelpOptions = true,
    description = {"Queue a full sync of every root to every target (or to one target) in the "
        + "running daemon; it runs before that target's next batch.",
        "Returns at once (the log says 'full sync done' per target), or with --wait when it is "
            + "done: exit 0 done, 1 a target is backing off or parked, 75 --timeout passed, 69 "
            + "no daemon answers."})
final class FullSyncCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Only this target, as named in the log and in status (e.g. 10.0.0.2::www).")
  String target;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory, where the daemon's control token is; overrides "
          + "<syncspool stateDir> (as given to run).")
  Path stateDir;

  @Option(names = "--wait", description = "Wait until the full sync is done on every target asked "
      + "for, showing its progress (a bar on a terminal, a line every 5 s otherwise).")
  boolean await;

  @Option(names = "--timeout", paramLabel = "SPAN", description = "With --wait: give up after "
      + "SPAN (30s, 10m, 2h) with exit 75; the full sync goes on. Default: no limit.")
  String timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    long timeoutMillis = Long.MAX_VALUE;
    if (timeout != null) {
      timeoutMillis = Span.millis(timeout);
      if (timeoutMillis < 0 || !await) {
        throw new FatalException(ExitCode.USAGE, !await ? "--timeout needs --wait"
            : "--timeout " + timeout + ": expected " + Span.FORMS);
      }
    }
    ControlClient client = new ControlClient(c.http(), c.engine().stateDir());
    Map<String, Long> needs = await ? FullSyncWait.needs(status(client), target) : Map.of();
    String q = target == null ? "" : "?target=" + ControlClient.param(target);
    ControlClient.Reply r = client.post("/full-sync" + q, Duration.ofSeconds(30));
    if (r.code() == 202) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(r.body());
      out.flush();
      return await ? waitFor(client, needs, timeoutMillis, out) : 0;
    }
    if (r.code() == 404) {
      throw new FatalException(ExitCode.USAGE, "no such target: " + r.body().strip());
    }
    throw new FatalException(ExitCode.FAILURE, "/full-sync answered " + r.code() + ": " + r.body());
  }

  private int waitFor(ControlClient client, Map<String, Long> needs, long timeoutMillis,
                      PrintWriter out) throws FatalException, InterruptedException {
    ProgressDisplay display = ProgressDisplay.forConsole(out);
    FullSyncWait.Result res = FullSyncWait.await(() -> status(client), needs,
        SystemScheduler.INSTANCE, timeoutMillis,
        s -> display.show(running(s, needs.keySet(), System.nanoTime()), System.nanoTime()));
    display.clear();
    switch (res.verdict()) {
      case DONE -> out.println("full sync done: " + String.join(", ", needs.keySet()));
      case FAILED -> spec.commandLine().getErr().println("syncspool: "
          + FullSyncWait.failure(needs, res.status()));
      default -> spec.commandLine().getErr().println("syncspool: timed out after " + timeout
          + " waiting for the full sync (it goes on in the daemon)");
    }
    out.flush();
    spec.commandLine().getErr().flush();
    return res.verdict().exitCode;
  }

  private static JsonNode status(ControlClient client)
      throws FatalException, InterruptedException {
    ControlClient.Reply r = client.get("/status");
    if (r.code() != 200) {
      throw new FatalException(ExitCode.FAILURE, "/status answered " + r.code() + ": " + r.body());
    }
    try {
      return new ObjectMapper().readTree(r.body());
    } catch (java.io.IOException e) {
      throw new FatalException(ExitCode.FAILURE, "/status is not JSON: " + e.getMessage());
    }
  }

  /** The full syncs running for {@code names} in {@code status}, as progress values at now. */
  static List<Progress> running(JsonNode status, Set<String> names, long now) {
    List<Progress> out = new ArrayList<>();
    FullSyncWait.targets(status).forEach((name, t) -> {
      if (!names.contains(name)) {
        return;
      }
      for (JsonNode p : t.path("progress")) {
        if ("full_sync".equals(p.path("work").asText())) {
          long started = now - (long) (p.path("elapsedSeconds").asDouble() * 1e9);
          out.add(new Progress(Work.FULL_SYNC, name, p.path("paths").asLong(),
              p.path("bytes").asLong(-1), p.path("totalPaths").asLong(-1), started));
        }
      }
    });
    return out;
  }
}
