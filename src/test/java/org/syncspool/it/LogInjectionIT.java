package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.Nobody;
import org.syncspool.testing.RsyncDaemon;

/**
 * Issue 10 item 6 on the packaged daemon: {@code nobody} makes a directory whose absolute path
 * just passes PATH_MAX, named with a newline, a forged log line and ESC. The watcher cannot
 * watch it and says so ("cannot watch", before the daemon's first-start line); before the fix
 * that message carried the raw name, and the daemon's log held a line of the attacker's:
 * {@code ... ERROR Forged: ...}. ("cannot list" goes through the same escaping:
 * NativeFsEscapeTest.)
 */
class LogInjectionIT {
  private static final String FORGED = "2026-12-02 16:00:00.000 ERROR Forged: pwned";

  @TempDir
  Path tmp;

  @Test
  void aNameWithANewlineAndEscCannotForgeALogLine() throws Exception {
    Path source = Nobody.writableDir(tmp, "source");
    String evil = "x\n" + FORGED + "\u001b[31m";
    // a chain of 200-byte names, then a filler, so that the evil directory's absolute path is
    // at least PATH_MAX (4096) and its parent's is not
    String d = "d".repeat(200);
    int room = 4070 - source.toString().length() - 1; // for the chain and the filler
    int k = (room - 255 + 200) / 201; // the filler then fits NAME_MAX (255)
    int filler = room - k * 201;
    String script = "cd \"$1\" && i=0 && while [ $i -lt $2 ]; do mkdir \"$3\" && cd \"$3\" || "
        + "exit 1; i=$((i+1)); done && mkdir \"$4\" && cd \"$4\" && mkdir \"$5\"";
    Nobody.run("sh", "-c", script, "sh", source.toString(), String.valueOf(k), d,
        "f".repeat(filler), evil);
    Path conf = tmp.resolve("syncspool.xml");
    // inotify: its "cannot watch" line is the one that names the directory (fanotify has no
    // per-directory watch to fail)
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s" watcher="inotify"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, tmp.resolve("mirror"),
        tmp.resolve("state")));
    Path log = tmp.resolve("run.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process run = new ProcessBuilder(java, "-jar", "target/syncspool.jar", "run", "-o",
        conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive()
          || Files.readString(log, StandardCharsets.ISO_8859_1).contains("first start"));
    } finally {
      run.destroy();
      run.waitFor();
      // JUnit cannot delete a tree deeper than PATH_MAX; GNU rm walks it relatively
      new ProcessBuilder("rm", "-rf", source.toString(), tmp.resolve("mirror").toString())
          .inheritIO().start().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.ISO_8859_1);
    List<String> lines = out.lines().toList();
    assertThat(lines).as(out).anyMatch(l -> l.contains("WARN") && l.contains("cannot watch")
        && l.contains("x\\n" + FORGED + "\\x1b[31m"));
    assertThat(lines).as(out).noneMatch(l -> l.startsWith(FORGED));
    assertThat(out).doesNotContain("\u001b");
    // every line is one of ours: a stamp, a level, a logger (rsync's own stderr, logged with a
    // failed attempt, escapes the name its own way: \#012)
    assertThat(lines).as(out).allMatch(l -> l.matches(
        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|WARN|ERROR) +\\w+: .*"));
  }
}
