package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.batch.PathKey;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.service.TargetParts;
import org.syncspool.watch.PathFilter;

/**
 * The audit shared out over parallel dry runs ({@link Partition}): each run gets the rules for
 * its share, their findings fold into one report, one failed run fails the audit. The process
 * runner is the seam: a dry run that prints, for each top directory it is not told to hide, a
 * file there as missing, and for every run the same extra file beside the shares.
 */
class AuditorParallelTest {
  @TempDir Path dir;
  Config config;
  Root root;
  final List<List<String>> runs = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void tree() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    for (String d : List.of("a", "b", "c", "d")) {
      Files.createDirectories(source.resolve(d));
    }
    Files.createDirectories(dir.resolve("mirror"));
    Path xml = dir.resolve("syncspool.xml");
    Files.writeString(xml, """
        <head version="2.5"><sersync>
          <localpath watch="%s"><remote path="%s"/></localpath>
          <rsync><commonParams params="-a"/></rsync>
        </sersync><syncspool stateDir="%s"/></head>
        """.formatted(source, dir.resolve("mirror"), dir.resolve("state")));
    config = ConfigLoader.load(xml);
    root = config.roots().get(0);
  }

  private TargetAudit audit(int parts, int failingExit) throws Exception {
    LineRunner runner = (argv, in, line) -> {
      if (argv.contains("--no-r")) {
        return new ProcessRunner.Result(0, "", "", 1); // the type probe: the target has none
      }
      runs.add(argv);
      for (String d : List.of("a", "b", "c", "d")) {
        if (!argv.contains("--filter=H /" + d + "/*")) {
          print(line, ">f+++++++++ " + d + "/f");
        }
      }
      print(line, "*deleting   extra-top");
      boolean second = argv.contains("--filter=H /a/*");
      return new ProcessRunner.Result(second ? failingExit : 0, "", second && failingExit != 0
          ? "rsync: connection refused" : "", 1);
    };
    PathFilter filter = PathFilter.NONE;
    return new Auditor(runner, filter, TargetParts.tree(root, filter), dir.resolve("tmp"),
        ChangeFeed.NONE, () -> 1_000L)
        .parallel(parts, new SourceDirs(root.watch(), filter))
        .audit(root.targets().get(0), TargetParts.command(config, root, root.targets().get(0),
            "rsync"), false);
  }

  private static void print(java.util.function.Consumer<byte[]> line, String s) {
    line.accept((ItemizedLine.MARK + s).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void twoRunsEachHideAndProtectTheOthersShareAndTheirFindingsFoldIntoOne() throws Exception {
    TargetAudit a = audit(2, 0);
    assertThat(runs).hasSize(2);
    assertThat(runs).anySatisfy(argv -> assertThat(argv.subList(1, 5)).containsExactly(
        "--filter=H /c/*", "--filter=P /c/*", "--filter=H /d/*", "--filter=P /d/*"));
    assertThat(runs).anySatisfy(argv -> assertThat(argv.subList(1, 5)).containsExactly(
        "--filter=H /a/*", "--filter=P /a/*", "--filter=H /b/*", "--filter=P /b/*"));
    assertThat(a.outcome()).isEqualTo(TargetAudit.Outcome.DRIFT);
    assertThat(a.drift()).isEqualTo(Map.of(
        DriftKind.MISSING, List.of(PathKey.of("a/f"), PathKey.of("b/f"), PathKey.of("c/f"),
            PathKey.of("d/f")),
        DriftKind.EXTRA, List.of(PathKey.of("extra-top"))));
  }

  @Test
  void oneRunHasNoRulesOfItsOwn() throws Exception {
    TargetAudit a = audit(1, 0);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0)).noneMatch(s -> s.startsWith("--filter=H"));
    assertThat(a.drift().get(DriftKind.MISSING)).hasSize(4);
  }

  @Test
  void oneFailedRunFailsTheAuditWithItsReason() throws Exception {
    TargetAudit a = audit(2, 10);
    assertThat(a.outcome()).isEqualTo(TargetAudit.Outcome.UNREACHABLE);
    assertThat(a.detail()).contains("rsync exit 10").contains("connection refused");
    assertThat(a.drift()).isEmpty();
  }
}
