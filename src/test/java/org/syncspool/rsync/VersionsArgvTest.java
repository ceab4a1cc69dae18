package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Target;

/** keepVersions in the argv: --backup into the UTC day's folder, the folder excluded, prune. */
class VersionsArgvTest {
  private static final Target KEEPS = new Target("0:h::m", "h::m", 0, Target.Mode.DAEMON, "h",
      "m", null, null, null, null, List.of("-az"), null, true, null, true, 2 * 86_400_000L);
  private static final Target PLAIN = new Target("0:h::m", "h::m", 0, Target.Mode.DAEMON, "h",
      "m", null, null, null, null, List.of("-az"), null, true, null, true);

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
}
