package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Issue 10 item 5 on the packaged daemon: each damage the attack made to a journal with a
 * backlog. Before, the daemon stalled with {@code /healthz} ok (a garbled cycle header), went
 * IDLE while the backlog grew (garbled records), exited 70 at every start (a cycle file cut to
 * 1000 bytes) or 73 with "Unable to claim exclusive lock" (garbled metadata). Now it says in one
 * line which file was damaged and where the journal went, starts a new one, and brings the
 * target up to date with a full sync (a stale file on the target, which only a full sync with
 * --delete removes, goes), then replicates on.
 */
class DamagedJournalIT {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"cycle-header", "record", "truncated", "metadata"})
  void aDamagedJournalIsMovedAsideAndTheTargetCaughtUp(String damage) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path mirror = tmp.resolve("mirror");
    Path state = tmp.resolve("state");
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, mirror, state));
    Files.writeString(source.resolve("a.txt"), "a");
    Config c = ConfigLoader.load(conf);
    try (Daemon d = new Daemon(c, false, new SystemProcessRunner(), "rsync")) {
      d.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(mirror.resolve("a.txt")));
    }
    Files.writeString(mirror.resolve("stale.txt"), "only a full sync deletes me");
    // a backlog: records the target's cursor has not passed
    try (ChronicleJournal j = ChronicleJournal.open(c.engine().journal())) {
      for (int i = 0; i < 20; i++) {
        byte[] p = ("late-" + i + ".txt").getBytes(StandardCharsets.UTF_8);
        Files.writeString(source.resolve("late-" + i + ".txt"), "late");
        EventBatch b = new EventBatch(64).reset(System.currentTimeMillis());
        b.add(EventKind.CLOSE_WRITE, false, 0, 0, p, 0, p.length);
        j.accept(b);
      }
    }
    Path bad = damage(c.engine().journal(), damage);

    Path log = tmp.resolve("run.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process run = new ProcessBuilder(java, "-jar", "target/syncspool.jar", "run", "-o",
        conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      try {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> !run.isAlive() || (Files.exists(mirror.resolve("late-19.txt"))
                && !Files.exists(mirror.resolve("stale.txt"))));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("not caught up; the daemon said:\n" + Files.readString(log), e);
      }
      assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
      Files.writeString(source.resolve("after.txt"), "after");
      await().atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(mirror.resolve("after.txt")) || !run.isAlive());
      assertThat(mirror.resolve("after.txt")).as(Files.readString(log)).hasContent("after");
    } finally {
      run.destroy();
      run.waitFor();
    }
    List<String> lines = Files.readAllLines(log);
    List<String> said = lines.stream().filter(l -> l.contains("journal damaged")).toList();
    assertThat(said).as(String.join("\n", lines)).hasSize(1);
    try (Stream<Path> s = Files.list(state)) {
      Path aside = s.filter(p -> p.getFileName().toString().startsWith("journal.damaged-"))
          .findFirst().orElseThrow();
      assertThat(said.get(0)).contains("ERROR").contains(bad.getFileName().toString())
          .contains("moved aside to " + aside).contains("every target gets a full sync");
      assertThat(aside.resolve(bad.getFileName())).exists(); // kept
    }
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
    // the new journal is private (issue 10 item 8)
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.engine().journal())))
        .isEqualTo("rwx------");
    try (Stream<Path> s = Files.list(c.engine().journal())) {
      for (Path f : s.filter(p -> p.toString().endsWith(".cq4") || p.toString().endsWith(".cq4t"))
          .toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  /** Damages the journal in {@code dir} as the attack did; returns the file damaged. */
  private static Path damage(Path dir, String how) throws IOException {
    Path cq4;
    try (Stream<Path> s = Files.list(dir)) {
      cq4 = s.filter(p -> p.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
    }
    byte[] noise = new byte[300];
    new Random(3).nextBytes(noise);
    switch (how) {
      case "cycle-header" -> write(cq4, 0, java.util.Arrays.copyOf(noise, 200));
      case "record" -> {
        long at = find(cq4, "late-7.txt") - 4; // its path length: far past its record
        write(cq4, at, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0x7f});
      }
      case "truncated" -> {
        try (RandomAccessFile f = new RandomAccessFile(cq4.toFile(), "rw")) {
          f.setLength(1000);
        }
      }
      case "metadata" -> {
        Path meta = dir.resolve("metadata.cq4t");
        write(meta, 0, noise);
        return meta;
      }
      default -> throw new IllegalArgumentException(how);
    }
    return cq4;
  }

  private static long find(Path file, String text) throws IOException {
    byte[] all = Files.readAllBytes(file);
    byte[] n = text.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= all.length; i++) {
      for (int k = 0; k < n.length; k++) {
        if (all[i + k] != n[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(text + " not found in " + file);
  }

  private static void write(Path file, long at, byte[] bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      f.write(bytes);
    }
  }
}
