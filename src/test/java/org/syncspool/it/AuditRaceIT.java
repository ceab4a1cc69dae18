package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.batch.PathKey;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.service.TargetParts;
import org.syncspool.verify.Auditor;
import org.syncspool.verify.ChangeFeed;
import org.syncspool.verify.SystemLineRunner;
import org.syncspool.verify.TargetAudit;
import org.syncspool.watch.PathFilter;

/**
 * Issue 13 item 4 with a real rsync and a local target: a path that changes on the source while
 * the audit runs is not drift when a journaled event covers it and the daemon has delivered it
 * by the end (the one re-check of such paths finds it equal); a covered path that is still
 * different at the re-check is drift, and so is every path no event covers. The journal is the
 * seam here ({@link ChangeFeed}): the fake one plays the daemon, delivering {@code x.txt} to
 * the target between the whole-root dry run and the re-check, as a worker would.
 */
class AuditRaceIT {
  @TempDir
  Path tmp;
  Path source;
  Path target;
  Config config;

  @BeforeEach
  void trees() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    target = Files.createDirectories(tmp.resolve("target"));
    for (String n : List.of("x.txt", "y.txt", "sub/z.txt")) {
      Files.createDirectories(source.resolve(n).getParent());
      Files.createDirectories(target.resolve(n).getParent());
      Files.writeString(source.resolve(n), "new content of " + n);
      Files.writeString(target.resolve(n), "old " + n); // other size: the quick check sees it
    }
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(source, target, tmp.resolve("state")));
    config = ConfigLoader.load(conf);
  }

  /** A journal that saw {@code changed} during the audit; {@code deliver} runs as it is asked. */
  private static ChangeFeed feed(Set<String> changed, Runnable deliver) {
    return new ChangeFeed() {
      @Override
      public long mark() {
        return 41;
      }

      @Override
      public Set<PathKey> since(long mark, int rootId) {
        assertThat(mark).isEqualTo(41);
        deliver.run();
        return changed.stream().map(PathKey::of).collect(java.util.stream.Collectors.toSet());
      }
    };
  }

  private Map<String, List<String>> audit(ChangeFeed feed) throws Exception {
    Root root = config.roots().get(0);
    Target t = root.targets().get(0);
    PathFilter filter = new PathFilter(config.excludes());
    TargetAudit a = new Auditor(new SystemLineRunner(Map.of()), filter,
        TargetParts.tree(root, filter), tmp.resolve("state/tmp"), feed,
        System::currentTimeMillis).audit(t, TargetParts.command(config, root, t, "rsync"),
        false);
    Map<String, List<String>> kinds = new TreeMap<>();
    a.drift().forEach((k, ps) -> kinds.put(k.label(), ps.stream()
        .map(p -> new String(p.bytes(), StandardCharsets.UTF_8)).sorted().toList()));
    return kinds;
  }

  /** As a worker would: rsync copies the file (with its mtime to the nanosecond). */
  private void deliver(String name) {
    try {
      Process p = new ProcessBuilder(List.of("rsync", "-a", source.resolve(name).toString(),
          target.resolve(name).toString())).inheritIO().start();
      assertThat(p.waitFor()).isZero();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutEventsEveryDifferenceIsDrift() throws Exception {
    assertThat(audit(ChangeFeed.NONE)).containsExactly(
        Map.entry("size-time", List.of("sub/z.txt", "x.txt", "y.txt")));
  }

  @Test
  void aChangeCoveredByAnEventAndDeliveredMeanwhileIsNotDrift() throws Exception {
    assertThat(audit(feed(Set.of("x.txt"), () -> deliver("x.txt")))).containsExactly(
        Map.entry("size-time", List.of("sub/z.txt", "y.txt")));
  }

  @Test
  void anEventOnADirectoryCoversThePathsBelowIt() throws Exception {
    assertThat(audit(feed(Set.of("sub"), () -> deliver("sub/z.txt")))).containsExactly(
        Map.entry("size-time", List.of("x.txt", "y.txt")));
  }

  @Test
  void aCoveredPathStillDifferentAtTheRecheckIsDrift() throws Exception {
    assertThat(audit(feed(Set.of("x.txt"), () -> { }))).containsExactly(
        Map.entry("size-time", List.of("sub/z.txt", "x.txt", "y.txt")));
  }
}
