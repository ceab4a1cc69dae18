package org.syncspool.cli;

import org.syncspool.text.PathEscape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.http.ControlServer;
import org.syncspool.service.http.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool status}: the running daemon's {@code /status}, as a table or as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show each root and target of the running daemon: state, backlog, lag, last "
        + "success, failed-list size.",
        "Asks the daemon's endpoint (<host hostip port> of the config). When none answers, shows "
            + "each target's journal backlog and failed list from disk (state NOT_RUNNING) and "
            + "exits 69."})
final class StatusCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--json", description = "Print the daemon's /status JSON as it is.")
  boolean json;

  @Option(names = "--page", description = "Print the status page's address with the control "
      + "token (its buttons need it; readable by the daemon's user only) and exit.")
  boolean page;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory, when no daemon answers; overrides <syncspool stateDir> (as "
          + "given to run).")
  Path stateDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    if (page) {
      return printPage(c);
    }
    ControlClient client = new ControlClient(c.http(), c.engine().stateDir());
    String body;
    int code = 0;
    try {
      ControlClient.Reply r = client.get("/status");
      if (r.code() != 200) {
        throw new FatalException(ExitCode.FAILURE, "/status answered " + r.code() + ": " + r.body());
      }
      body = r.body();
    } catch (FatalException e) {
      if (e.exitCode() != ExitCode.UNAVAILABLE) {
        throw e;
      }
      // No daemon: still say what is waiting on disk, and exit 69 so scripts see it is down.
      spec.commandLine().getErr().println("syncspool: " + e.getMessage()
          + "; showing the journal and failed lists on disk");
      body = ControlServer.JSON.writeValueAsString(StatusReport.offline(c, version())) + "\n";
      code = ExitCode.UNAVAILABLE.code();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(body);
    } else {
      out.print(table(new ObjectMapper().readTree(body)));
    }
    out.flush();
    return code;
  }

  private int printPage(Config c) throws Exception {
    java.util.Optional<org.syncspool.service.http.ControlToken> token;
    try {
      token = org.syncspool.service.http.ControlToken.read(c.engine().stateDir());
    } catch (java.io.IOException e) {
      throw new FatalException(ExitCode.NOPERM, "cannot read the control token in "
          + c.engine().stateDir() + " (run this as the daemon's user): " + e.getMessage());
    }
    if (token.isEmpty()) {
      throw new FatalException(ExitCode.UNAVAILABLE, "no control token in "
          + c.engine().stateDir() + ": is the daemon running with this state directory?");
    }
    String host = c.http().host().contains(":") ? "[" + c.http().host() + "]" : c.http().host();
    spec.commandLine().getOut().println("http://" + host + ":" + c.http().port() + "/?token="
        + token.get().value());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String version() {
    String v = StatusCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** One line per target under a header per root; pure, for tests. */
  static String table(JsonNode s) {
    StringBuilder sb = new StringBuilder();
    if (s.path("pid").asLong() == 0) {
      sb.append(String.format("syncspool %s is not running; from the state directory:%n",
          s.path("version").asText()));
    } else {
      sb.append(String.format("syncspool %s, pid %d, up since %s, %d watches%n",
          s.path("version").asText(), s.path("pid").asLong(), s.path("startedAt").asText(),
          s.path("watches").asInt()));
    }
    int width = 6; // "TARGET"
    for (JsonNode root : s.path("roots")) {
      for (JsonNode t : root.path("targets")) {
        width = Math.max(width, PathEscape.text(t.path("name").asText()).length());
      }
    }
    String fmt = "  %-" + width + "s  %-11s %8s %9s  %-24s %4s %7s%n";
    for (JsonNode root : s.path("roots")) {
      sb.append(String.format("%nroot %d: %s%n", root.path("id").asInt(),
          PathEscape.text(root.path("watch").asText())));
      sb.append(String.format(fmt, "TARGET", "STATE", "BACKLOG", "LAG", "LAST SUCCESS", "EXIT",
          "FAILED"));
      for (JsonNode t : root.path("targets")) {
        String last = t.path("lastSuccess").isNull() ? "never" : t.path("lastSuccess").asText();
        String state = t.path("pausedUntil").isTextual()
            ? "PAUSED" : t.path("state").asText();
        sb.append(String.format(fmt, PathEscape.text(t.path("name").asText()), state,
            t.path("backlog").asLong(), String.format("%.1fs", t.path("lagSeconds").asDouble()),
            last, t.path("lastExitCode").asInt(), t.path("failed").asLong()));
        for (JsonNode p : t.path("progress")) {
          sb.append(String.format("    %s running: %s%n",
              p.path("work").asText().replace('_', ' '), p.path("text").asText()));
        }
        JsonNode lane = t.path("bigLane");
        if (lane.isObject() && !lane.path("state").asText().equals("IDLE")) {
          sb.append(String.format("    big-file lane %s: %d sending, %d queued%s%n",
              lane.path("state").asText(), lane.path("sending").asInt(),
              lane.path("queued").asInt(), lane.path("path").isTextual()
                  ? " (" + lane.path("path").asText() + ")" : "")); // escaped already
        }
        JsonNode a = t.path("lastAudit");
        if (a.isObject()) {
          StringBuilder kinds = new StringBuilder();
          a.path("drift").fields().forEachRemaining(e -> kinds.append(kinds.length() > 0
              ? ", " : "").append(e.getKey()).append(' ').append(e.getValue().asInt()));
          sb.append(String.format("    last audit %s: %s%s%n", a.path("finished").asText(),
              a.path("outcome").asText(), kinds.length() > 0 ? " (" + kinds + ")"
                  : a.path("detail").asText().isEmpty() ? ""
                  : " (" + PathEscape.text(a.path("detail").asText()) + ")"));
        }
      }
    }
    return sb.toString();
  }
}
