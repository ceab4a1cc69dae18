package org.syncspool.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncspool.changelog.ChangeLines.SourceType;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerListener.BatchReport;

class ChangeLinesTest {
  private static final Target MIRROR = new Target("0:/mirror", "/mirror", 0, Target.Mode.LOCAL,
      null, null, Path.of("/mirror"), null, null, null, List.of(), null, true);
  /** 2026-11-25 12:02:07.5 UTC. */
  private static final long T = 1_795_608_127_500L;

  @Test
  void strftimeTokens() {
    ZoneId utc = ZoneOffset.UTC;
    assertThat(new TimeFormat("%Y-%m-%d %H:%M:%S").format(T, utc)).isEqualTo("2026-11-25 12:02:07");
    assertThat(new TimeFormat("%d/%m/%Y %H%M%S 100%%").format(T, utc))
        .isEqualTo("25/11/2026 120207 100%");
    assertThat(new TimeFormat("%H:%M").format(T, ZoneOffset.ofHours(8))).isEqualTo("20:02");
  }

  private static BatchReport report(Batch b, int exit, int attempt) {
    return new BatchReport(MIRROR, b, exit, RsyncExit.classify(exit), attempt, false, T - 50, T,
        "");
  }

  @Test
  void oneLinePerPathWithTheDerivedEvent() {
    Batch b = new Batch(List.of(PathKey.of("a.txt"), PathKey.of("gone"), PathKey.of("d")),
        List.of(PathKey.of("new/dir")), true, false, 0);
    Map<String, SourceType> source = Map.of("a.txt", SourceType.OTHER, "gone",
        SourceType.MISSING, "d", SourceType.DIRECTORY);
    StringBuilder out = new StringBuilder();
    ChangeLines.append(out, "TIME", report(b, 0, 1), p -> source.get(p.toString()));
    assertThat(out.toString()).isEqualTo("""
        TIME /mirror CREATE,ISDIR new/dir
        TIME /mirror MODIFY a.txt
        TIME /mirror DELETE gone
        TIME /mirror ATTRIB,ISDIR d
        """);
  }

  @Test
  void failuresAreMarkedAndFullSyncIsOneLine() {
    StringBuilder out = new StringBuilder();
    ChangeLines.append(out, "T", report(new Batch(List.of(PathKey.of("x\ny")), List.of(), false,
        false, 0), 23, 1), p -> SourceType.OTHER);
    ChangeLines.append(out, "T", report(new Batch(List.of(), List.of(), false, true, 0), 10, 1),
        p -> SourceType.OTHER);
    assertThat(out.toString()).isEqualTo("T /mirror MODIFY,FAILED x\\ny\nT /mirror FULL_SYNC,FAILED .\n");
  }
}
