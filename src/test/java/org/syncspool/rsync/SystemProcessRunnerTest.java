package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real runner with small real processes (no shell involved, which is the point). */
class SystemProcessRunnerTest {
  private final SystemProcessRunner runner = new SystemProcessRunner();

  @Test
  void argumentsReachTheChildVerbatimWithoutAShell() throws Exception {
    String nasty = "x`id`$(id); rm -rf / \"'*";
    ProcessRunner.Result r = runner.run(List.of("printf", "%s", nasty), ProcessRunner.StdinWriter.NONE);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(nasty);
  }

  @Test
  void lineSinkHearsEveryLineAndCarriageReturnLinesStayOutOfStdout() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProcessRunner.Result r = runner.run(List.of("printf", "%s", "one\rtwo\rkept\nlast"),
        ProcessRunner.StdinWriter.NONE, heard::add);
    assertThat(r.exitCode()).isZero();
    assertThat(heard).containsExactly("one", "two", "kept");
    assertThat(r.stdout()).isEqualTo("kept\nlast");
  }

  /** A real full sync's progress2 lines reach the sink; --stats stays readable in stdout. */
  @Test
  void rsyncProgress2LinesReachTheSink(@TempDir Path tmp) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    for (int i = 0; i < 50; i++) {
      Files.write(src.resolve("f" + i), new byte[1000]);
    }
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProcessRunner.Result r = runner.run(List.of("rsync", "-a", "--stats", "--info=progress2",
        src + "/", tmp.resolve("dst") + "/"), ProcessRunner.StdinWriter.NONE, heard::add);
    assertThat(r.exitCode()).isZero();
    List<Progress2.Line> lines = heard.stream().map(Progress2::parse)
        .filter(java.util.Objects::nonNull).toList();
    assertThat(lines).isNotEmpty();
    Progress2.Line last = lines.get(lines.size() - 1);
    assertThat(last.bytes()).isEqualTo(50_000);
    assertThat(last.checked()).isEqualTo(51); // 50 files and the directory
    assertThat(RsyncStats.bytesSent(r.stdout())).isPositive();
    assertThat(r.stdout()).doesNotContain("\r");
  }

  @Test
  void stdinIsFedAndClosed() throws Exception {
    byte[] in = "a\0b c\0".getBytes(StandardCharsets.UTF_8);
    ProcessRunner.Result r = runner.run(List.of("cat"), out -> out.write(in));
    assertThat(r.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(in);
  }

  @Test
  void aChildThatIgnoresStdinDoesNotBreakTheRun() throws Exception {
    byte[] big = new byte[8 * 1024 * 1024];
    ProcessRunner.Result r = runner.run(List.of("true"), out -> out.write(big));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void stderrTailAndExitCodeAreKept() throws Exception {
    ProcessRunner.Result r = runner.run(List.of("rsync", "--no-such-option"),
        ProcessRunner.StdinWriter.NONE);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(SystemProcessRunner.oneLine(r.stderrTail())).contains("no-such-option")
        .doesNotContain("\n");
  }

  /**
   * Deterministic: the child ({@code cat FIFO}) cannot exit until the test writes the FIFO, so
   * the interrupt lands while the run waits for it, and the run must still be in flight after.
   * No sleeps and no timing assertions (a {@code sleep 0.3} child made this flaky under load).
   */
  @Test
  void anInterruptWaitsForTheRunInFlightAndIsPassedOn(@TempDir Path tmp) throws Exception {
    Path fifo = tmp.resolve("release");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    AtomicReference<ProcessRunner.Result> result = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try {
        result.set(runner.run(List.of("cat", fifo.toString()), ProcessRunner.StdinWriter.NONE));
        flagAfter.set(Thread.currentThread().isInterrupted());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    t.start();
    // Parked in Process.waitFor: the child is running and blocked on the FIFO.
    await().atMost(Duration.ofSeconds(60)).until(() -> t.getState() == Thread.State.WAITING
        && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("waitFor")));
    t.interrupt();
    // The child cannot have exited (nobody wrote the FIFO): the run is still waiting for it.
    assertThat(result.get()).isNull();
    assertThat(t.isAlive()).isTrue();
    Files.writeString(fifo, "released"); // opens the FIFO for writing: cat reads it and exits
    t.join();
    assertThat(result.get()).isNotNull();
    assertThat(result.get().exitCode()).isZero();
    assertThat(result.get().stdout()).isEqualTo("released");
    assertThat(flagAfter).isTrue();
  }
}
