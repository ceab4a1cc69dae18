package org.syncspool.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Hook;

/** Real processes: an executable script written by the test plays the operator's hook. */
class HookRunnerTest {
  @TempDir Path tmp;

  private Path script(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static HookEvent event() {
    return HookEvent.of(Hook.Kind.PARKED, HookTriggersTest.T, "/w", "why", 0, 0);
  }

  @Test
  void argvAsGivenJsonOnStdinAndAnEnvironmentWithoutTheDaemons() throws Exception {
    Path out = tmp.resolve("seen");
    Path hook = script("hook", "cat > " + out + ".stdin\nprintf '%s\\n' \"$@\" > " + out
        + ".args\nenv | sort > " + out + ".env\necho done; echo oops >&2\n");
    HookRunner.Result r = new HookRunner(tmp.resolve("tmp")).run(new Hook(Hook.Kind.PARKED, hook,
        List.of("a b", "$HOME", "; rm -rf /"), 5_000), event());
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(r.output()).isEqualTo("done | oops");
    assertThat(Files.readString(Path.of(out + ".stdin"))).isEqualTo(event().toJson() + "\n");
    assertThat(Files.readAllLines(Path.of(out + ".args"))).containsExactly("a b", "$HOME",
        "; rm -rf /");
    List<String> env = Files.readAllLines(Path.of(out + ".env"));
    assertThat(env).contains("PATH=" + HookRunner.PATH, "SYNCSPOOL_EVENT=parked",
        "SYNCSPOOL_TARGET=/m");
    assertThat(env).allMatch(l -> l.matches("(PATH|HOME|LANG|TZ|SYNCSPOOL_EVENT|"
        + "SYNCSPOOL_TARGET|PWD|SHLVL|_)=.*"), "only what the runner passes (and what sh adds)");
    assertThat(tmp.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void theEnvironmentKeepsNoSecret() {
    Map<String, String> env = HookRunner.environment(Map.of("RSYNC_PASSWORD", "s3cret", "HOME",
        "/root", "AWS_SECRET_ACCESS_KEY", "x", "PATH", "/opt/evil", "LANG", "de_DE.UTF-8"),
        event());
    assertThat(env).containsOnlyKeys("PATH", "HOME", "LANG", "SYNCSPOOL_EVENT",
        "SYNCSPOOL_TARGET").containsEntry("PATH", HookRunner.PATH).containsEntry("HOME", "/root")
        .containsEntry("LANG", "de_DE.UTF-8");
  }

  @Test
  void killedWithItsChildrenAfterItsTimeout() throws Exception {
    Path pid = tmp.resolve("child.pid");
    Path hook = script("slow", "sleep 300 &\necho $! > " + pid + "\nwait\n");
    HookRunner.Result r = new HookRunner(tmp).run(new Hook(Hook.Kind.PARKED, hook, List.of(),
        300), event());
    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.describe(new Hook(Hook.Kind.PARKED, hook, List.of(), 300)))
        .startsWith("killed after its 300ms timeout");
    long child = Long.parseLong(Files.readString(pid).strip());
    await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(child)
        .map(h -> !h.isAlive()).orElse(true));
  }

  @Test
  void aFailingOrMissingProgramIsAResultNotAThrow() throws Exception {
    HookRunner runner = new HookRunner(tmp);
    Hook fails = new Hook(Hook.Kind.PARKED, script("fails", "echo bad; exit 3\n"), List.of(),
        5_000);
    HookRunner.Result r = runner.run(fails, event());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.describe(fails)).startsWith("exit 3 in ").endsWith(": bad");
    Hook gone = new Hook(Hook.Kind.PARKED, tmp.resolve("gone"), List.of(), 5_000);
    HookRunner.Result g = runner.run(gone, event());
    assertThat(g.ok()).isFalse();
    assertThat(g.describe(gone)).startsWith("could not be started");
  }
}
