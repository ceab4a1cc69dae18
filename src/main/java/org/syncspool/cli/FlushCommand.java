package org.syncspool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
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

/** {@code syncspool flush}: wait until every change made before it is on every target. */
@Command(name = "flush", mixinStandardHelpOptions = true,
    description = {"Return once everything changed under the roots before this command started "
        + "is on every target.",
        "Writes a cookie file (.syncspool-flush-*, never synced) in each root and waits until "
            + "every target's worker is past it. Exit 0 when flushed, 75 on timeout."})
final class FlushCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
      description = "Give up after S seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory, where the daemon's control token is; overrides "
          + "<syncspool stateDir> (as given to run).")
  Path stateDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    if (timeoutSeconds < 0) {
      throw new FatalException(ExitCode.USAGE, "--timeout must not be negative");
    }
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    ControlClient client = new ControlClient(c.http(), c.engine().stateDir());
    ControlClient.Reply r = client.post("/flush?timeout=" + timeoutSeconds,
        Duration.ofSeconds(timeoutSeconds + 30)); // the daemon answers at its own deadline
    JsonNode body = r.code() == 200 || r.code() == 504 ? new ObjectMapper().readTree(r.body()) : null;
    if (r.code() == 200) {
      spec.commandLine().getOut().println("flushed in " + body.path("millis").asLong() + " ms");
      return 0;
    }
    if (r.code() == 504) {
      StringBuilder sb = new StringBuilder("flush timed out after " + timeoutSeconds + " s:");
      body.path("behind").forEach(b -> sb.append(' ').append(b.asText()).append(';'));
      throw new FatalException(ExitCode.TEMPFAIL, sb.toString());
    }
    throw new FatalException(ExitCode.FAILURE, "/flush answered " + r.code() + ": " + r.body());
  }
}
