package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.batch.PathKey;
import org.syncspool.config.Target;

/** keepVersions in the argv: --backup into the UTC day's folder, the folder excluded, prune. */
class VersionsArgvTest {
  private static final Target KEEPS = new Target("0:h::m", "h::m", 0, Target.Mode.DAEMON, "h",
      "m", null, null, null, null, List.of("-az"), null, true, null, true, 2 * 86_400_000L);
  private static final Target PLAIN = new Target("0:h::m", "h::m", 0, Target.Mode.DAEMON, "h",
      "m", null, null, null, null, List.of("-az"), null, true, null, true);

  private static final Target SUBDIR = new Target("0:h::m/sub", "h::m/sub", 0,
      Target.Mode.DAEMON, "h", "m/sub", null, null, null, null, List.of("-az"), null, true, null,
      true, 2 * 86_400_000L);
  private static final Target LOCAL = new Target("0:/mirror", "/mirror", 0, Target.Mode.LOCAL,
      null, null, Path.of("/mirror"), null, null, null, List.of("-az"), null, true, null, true,
      2 * 86_400_000L);

  private static RsyncCommand at(Target t, String instant) {
    return new RsyncCommand("rsync", t, "/src")
        .withClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void everyRunBacksUpIntoTodaysFolderAndLeavesTheFolderAlone() {
    RsyncCommand c = at(KEEPS, "2026-12-01T23:59:59Z");
    for (List<String> argv : List.of(c.batch(true), c.fullSync(), c.listing(), c.fuzzy())) {
      assertThat(argv).contains("--backup", "--backup-dir=.syncspool-versions/2026-12-01",
          "--exclude=/.syncspool-versions/");
      assertThat(argv.indexOf("--exclude=/.syncspool-versions/"))
          .isLessThan(argv.indexOf("/src/"));
    }
    assertThat(at(KEEPS, "2026-12-02T00:00:00Z").batch(false))
        .contains("--backup-dir=.syncspool-versions/2026-12-02");
    assertThat(at(PLAIN, "2026-12-01T12:00:00Z").batch(true)).noneMatch(a ->
        a.contains("backup") || a.contains("syncspool-versions"));
  }

  @Test
  void pruneDeletesAllButTheKeptDaysThroughRsync() {
    List<String> argv = at(KEEPS, "2026-12-01T10:00:00Z").pruneVersions(Path.of("/state/empty"));
    assertThat(argv).startsWith("rsync", "-r", "--delete", "--filter=P /2026-12-01/",
        "--filter=P /2026-11-30/", "--filter=P /2026-11-29/");
    assertThat(argv).doesNotContain("--backup").doesNotContain("--filter=P /2026-11-28/");
    assertThat(argv).endsWith("/state/empty/", "rsync://h/m/.syncspool-versions/");
  }

  @Test
  void keptDaysRoundUp() {
    LocalDate d = LocalDate.parse("2026-03-01");
    assertThat(Versions.keptDays(d, 86_400_000L)).containsExactly("2026-03-01", "2026-02-28");
    assertThat(Versions.keptDays(d, 86_400_001L)).hasSize(3);
    assertThat(Versions.keptDays(d, 30 * 86_400_000L)).hasSize(31).last()
        .isEqualTo("2026-01-30");
  }

  /**
   * A rename's --link-dest run has DEST/TO as its destination: its versions still go to the
   * top folder, under the renamed directory's path, never into DEST/TO/.syncspool-versions/.
   */
  @Test
  void aRenameRunKeepsVersionsInTheTopFolderNotInsideTheRenamedDirectory() {
    String day = "2026-12-01T10:00:00Z";
    PathKey from = PathKey.of("a/old");
    PathKey to = PathKey.of("b/new");
    // cell: target kind -> --backup-dir of the rename run
    assertThat(at(KEEPS, day).linkDest(from, to))
        .contains("--backup-dir=/.syncspool-versions/2026-12-01/b/new")
        .endsWith("/src/b/new/", "rsync://h/m/b/new/");
    assertThat(at(SUBDIR, day).linkDest(from, to))
        .contains("--backup-dir=/sub/.syncspool-versions/2026-12-01/b/new");
    assertThat(at(LOCAL, day).linkDest(from, to))
        .contains("--backup-dir=../../.syncspool-versions/2026-12-01/b/new",
            "--link-dest=../../a/old");
    assertThat(at(LOCAL, day).linkDest(from, PathKey.of("top")))
        .contains("--backup-dir=../.syncspool-versions/2026-12-01/top");
    assertThat(at(PLAIN, day).linkDest(from, to)).noneMatch(a -> a.contains("backup"));
  }

  /** The audit's runs never report the versions folder: it is excluded from each of them. */
  @Test
  void anAuditNeverSeesTheVersionsFolder() {
    RsyncCommand c = at(KEEPS, "2026-12-01T10:00:00Z");
    for (List<String> argv : List.of(c.verify(false, "%i %n"), c.verify(true, "%i %n"),
        c.recheck(false, "%i %n"), c.checksumBatch())) {
      assertThat(argv).contains("--exclude=/.syncspool-versions/");
    }
  }
}
