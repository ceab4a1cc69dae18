package org.syncspool.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ChangeLog;
import org.syncspool.config.Config;
import org.syncspool.config.Crontab;
import org.syncspool.config.Engine;
import org.syncspool.config.EventToggles;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerListener.BatchReport;

/** The writer on a real file: which attempts are written, the derived events, reopen. */
class ChangeLogWriterTest {
  @TempDir
  Path tmp;

  private static final long T = 1_795_608_127_500L; // 2026-11-25 12:02:07.5 UTC

  @Test
  void writesOutcomesNotRetriesDerivesEventsFromTheSourceAndReopens() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "a");
    Files.createDirectories(src.resolve("d"));
    Target t = new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null, Path.of("/m"), null,
        null, null, List.of(), null, true);
    Path file = tmp.resolve("log/changes.log");
    Config c = new Config(tmp.resolve("c.xml"), HttpEndpoint.DEFAULT, false, List.of(),
        EventToggles.DEFAULT, List.of(new Root(0, src, List.of(t))), null, Crontab.OFF,
        Engine.defaults(), new ChangeLog(file, "%H:%M:%S"));
    Batch b = new Batch(List.of(PathKey.of("a.txt"), PathKey.of("gone"), PathKey.of("d")),
        List.of(), true, false, 0);
    try (ChangeLogWriter w = new ChangeLogWriter(c, ZoneOffset.UTC)) {
      w.batchEnded(report(t, b, 10, 1, false));
      w.batchEnded(report(t, b, 10, 2, false)); // a retry: not written
      w.batchEnded(report(t, b, 23, 3, true)); // given up: written
      w.batchEnded(report(t, b, 0, 4, false));
      assertThat(Files.readString(file)).isEqualTo("""
          12:02:07 /m MODIFY,FAILED a.txt
          12:02:07 /m DELETE,FAILED gone
          12:02:07 /m ATTRIB,ISDIR,FAILED d
          12:02:07 /m MODIFY,FAILED a.txt
          12:02:07 /m DELETE,FAILED gone
          12:02:07 /m ATTRIB,ISDIR,FAILED d
          12:02:07 /m MODIFY a.txt
          12:02:07 /m DELETE gone
          12:02:07 /m ATTRIB,ISDIR d
          """);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-r-----");

      Path rotated = tmp.resolve("log/changes.log.1");
      Files.move(file, rotated);
      w.reopen();
      w.batchEnded(report(t, new Batch(List.of(), List.of(PathKey.of("d")), false, false, 0), 0,
          1, false));
      assertThat(Files.readString(file)).isEqualTo("12:02:07 /m CREATE,ISDIR d\n");
      assertThat(Files.readString(rotated)).doesNotContain("CREATE");
    }
  }

  /** Issue 10 item 1: root appended to a 0600 file through a link planted at the change list. */
  @Test
  void aSymlinkAtTheChangeListIsNotAppendedThrough() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "a");
    Target t = new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null, Path.of("/m"), null,
        null, null, List.of(), null, true);
    Path victim = Files.writeString(tmp.resolve("victim"), "secret");
    Path file = Files.createDirectories(tmp.resolve("log")).resolve("changes.log");
    Files.createSymbolicLink(file, victim);
    Config c = new Config(tmp.resolve("c.xml"), HttpEndpoint.DEFAULT, false, List.of(),
        EventToggles.DEFAULT, List.of(new Root(0, src, List.of(t))), null, Crontab.OFF,
        Engine.defaults(), new ChangeLog(file, "%H:%M:%S"));
    // run stops at start with this line (exit 73), before any batch
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChangeLogWriter(c,
        ZoneOffset.UTC)).hasMessageStartingWith("refusing " + file + ": it is a symbolic link");
    assertThat(victim).hasContent("secret");
  }

  private static BatchReport report(Target t, Batch b, int exit, int attempt, boolean gaveUp) {
    return new BatchReport(t, b, exit, RsyncExit.classify(exit), attempt, gaveUp, T - 10, T, "");
  }
}
