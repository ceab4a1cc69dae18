package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.hook.HookDispatcher;
import org.syncspool.hook.HookRunner;

/**
 * Hooks fed by the real workers: a batch reaches both targets and each batch hook gets its JSON;
 * the rsync daemon goes down (one failure event, not one per retry) and comes back (recovered);
 * a hook that hangs is killed and replication goes on meanwhile.
 */
class HooksIT {
  @TempDir Path tmp;

  private Path recorder(String name) throws IOException {
    Path p = tmp.resolve(name);
    // appends its stdin as one line to <name>.log; the hang variant never returns
    Files.writeString(p, "#!/bin/sh\ncat >> " + p + ".log\n" + (name.contains("hang")
        ? "exec sleep 600\n" : ""));
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static List<JsonNode> events(Path hook) throws IOException {
    Path log = Path.of(hook + ".log");
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(log)) {
      ObjectMapper m = new ObjectMapper();
      for (String l : Files.readAllLines(log)) {
        out.add(m.readTree(l));
      }
    }
    return out;
  }

  @Test
  void batchFailureAndRecoveredReachTheirHooksWithoutHoldingReplication() throws Exception {
    Path batch = recorder("on-batch-hang");
    Path failure = recorder("on-failure");
    Path recovered = recorder("on-recovered");
    try (ReplicationFixture f = new ReplicationFixture(tmp.resolve("f"))) {
      f.engineElements = """
          <hook on="batch" command="%s" timeout="1s"/>
          <hook on="failure" command="%s"/>
          <hook on="recovered" command="%s"/>
          """.formatted(batch, failure, recovered);
      f.writeConfig("", true);
      HookDispatcher hooks = new HookDispatcher(ConfigLoader.load(f.configFile).hooks(),
          t -> f.source.toString(), new HookRunner(f.state.resolve("tmp"))::run,
          System::currentTimeMillis, HookDispatcher.QUEUE);
      hooks.start();
      try {
        f.start(true, d -> d.addListener(hooks));
        f.awaitMirrored();
        Files.writeString(f.source.resolve("a.txt"), "one");
        f.awaitMirrored();
        // each batch hook hangs until killed after 1 s: replication went on meanwhile
        await().atMost(Duration.ofSeconds(60)).until(() -> events(batch).stream()
            .filter(e -> e.path("paths").toString().contains("a.txt")).count() == 2);
        JsonNode e = events(batch).stream()
            .filter(j -> j.path("paths").toString().contains("a.txt")).findFirst().orElseThrow();
        assertThat(e.path("event").asText()).isEqualTo("batch");
        assertThat(e.path("outcome").asText()).isEqualTo("DONE");
        assertThat(e.path("root").asText()).isEqualTo(f.source.toString());
        assertThat(e.path("pathCount").asInt()).isPositive();

        f.rsyncd.stop();
        Files.writeString(f.source.resolve("b.txt"), "two");
        await().atMost(Duration.ofSeconds(60)).until(() -> !events(failure).isEmpty());
        JsonNode down = events(failure).get(0);
        assertThat(down.path("target").asText()).contains("::");
        assertThat(down.path("event").asText()).isEqualTo("failure");
        f.rsyncd.restart();
        f.awaitMirrored();
        await().atMost(Duration.ofSeconds(60)).until(() -> !events(recovered).isEmpty());
        assertThat(events(recovered).get(0).path("target").asText())
            .isEqualTo(down.path("target").asText());
        assertThat(events(failure)).as("one failure per outage, not one per retry").hasSize(1);
        assertThat(hooks.failed()).as("the hanging batch hooks were killed").isPositive();
      } finally {
        f.stopDaemon();
        hooks.close();
      }
    }
  }
}
