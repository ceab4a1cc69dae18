package org.syncspool.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

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

  @Test
  void anInterruptWaitsForTheRunInFlightAndIsPassedOn() throws Exception {
    AtomicReference<ProcessRunner.Result> result = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try {
        result.set(runner.run(List.of("sleep", "0.3"), ProcessRunner.StdinWriter.NONE));
        flagAfter.set(Thread.currentThread().isInterrupted());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    t.start();
    org.awaitility.Awaitility.await().until(() -> t.getState() == Thread.State.WAITING
        || t.getState() == Thread.State.TIMED_WAITING);
    t.interrupt();
    t.join(5000);
    assertThat(result.get()).isNotNull();
    assertThat(result.get().exitCode()).isZero();
    assertThat(result.get().millis()).isGreaterThanOrEqualTo(250);
    assertThat(flagAfter).isTrue();
  }
}
