package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cursor's position survives kill -9 of the process that committed it (docs/architecture.md,
 * Journal and cursors).
 */
class KillDurabilityTest {
  @TempDir Path dir;

  @Test
  void recordsAndCommittedCursorSurviveSigkill() throws Exception {
    int n = 500;
    int k = 123;
    Process child = new ProcessBuilder(command(dir, n, k, "target-1"))
        .redirectErrorStream(true).start();
    try {
      List<String> output = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
          output.add(line);
        }
        assertThat(line).as("child output: %s", output).isEqualTo("READY");
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, nothing closed
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
    } finally {
      child.destroyForcibly();
    }

    // Restarted two hours later: the killed writer never closed its cycle with an end-of-file
    // marker, and the next record goes to a new cycle file.
    SetTimeProvider later = new SetTimeProvider(Instant.now().plus(2, ChronoUnit.HOURS));
    try (ChronicleJournal j = ChronicleJournal.open(dir, later)) {
      assertThat(j.backlog("fresh")).as("all records").isEqualTo(n);
      try (Cursor c = j.cursor("target-1")) {
        assertThat(c.backlog()).isEqualTo(n - k);
        Batches.append(j, n, n + 1);
        assertThat(c.backlog()).isEqualTo(n - k + 1);
        long t0 = System.nanoTime();
        List<String> rest = Batches.read(c, n + 1);
        assertThat(rest).hasSize(n - k + 1).startsWith("r" + k).endsWith("r" + n);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
            .as("reading past the unterminated cycle does not stall").isLessThan(2000);
      }
    }
  }

  /** The same JVM, classpath and Chronicle flags as this test JVM. */
  private static List<String> command(Path dir, int n, int k, String name) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
          || arg.startsWith("-Dchronicle.") || arg.startsWith("-Ddisable.")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(KillChild.class.getName());
    cmd.add(dir.toString());
    cmd.add(Integer.toString(n));
    cmd.add(Integer.toString(k));
    cmd.add(name);
    return cmd;
  }
}
