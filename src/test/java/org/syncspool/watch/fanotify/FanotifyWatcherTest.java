package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.RecordingSink;
import org.syncspool.watch.inotify.NativeFs;

/**
 * Real fanotify on temporary directories (needs root, as fanotify does; skipped with the reason
 * where {@link FanotifyGroup#open} says it cannot work). The filesystem mark also sees every other
 * process's changes on the same file system: the assertions look only for our events.
 */
class FanotifyWatcherTest {
  @TempDir Path base;
  Path root;
  Path outside;

  private final RecordingSink sink = new RecordingSink();
  private FanotifyWatcher watcher;

  @BeforeEach
  void dirs() throws IOException {
    root = Files.createDirectories(base.resolve("root"));
    outside = Files.createDirectories(base.resolve("outside"));
  }

  private void start(PathFilter filter) throws Exception {
    List<Root> roots = List.of(new Root(3, root, List.of()));
    FanotifyGroup group;
    try {
      group = FanotifyGroup.open(FanotifyWatcher.realPaths(roots),
          FanotifyWatcher.mask(EventToggles.DEFAULT));
    } catch (Unsupported e) {
      org.junit.jupiter.api.Assumptions.abort("fanotify not usable here: " + e.getMessage());
      return;
    }
    watcher = new FanotifyWatcher(group, roots, EventToggles.DEFAULT, filter, sink,
        System::currentTimeMillis);
    watcher.start();
  }

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
  }

  @Test
  void createCloseWriteDeleteOfAFile() throws Exception {
    start(PathFilter.NONE);
    Files.writeString(root.resolve("f.txt"), "hello");
    Files.delete(root.resolve("f.txt"));
    eventually().until(() -> sink.lines().contains("DELETE f.txt"));
    assertThat(sink.lines()).contains("CREATE f.txt", "CLOSE_WRITE f.txt");
    assertThat(sink.events()).allMatch(e -> e.root() == 3);
  }

  @Test
  void eventsOutsideTheRootsAreDropped() throws Exception {
    start(PathFilter.NONE);
    Files.writeString(outside.resolve("elsewhere.txt"), "not ours");
    Files.writeString(root.resolve("marker"), "ours");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE marker"));
    assertThat(sink.lines()).noneMatch(l -> l.contains("elsewhere"));
  }

  @Test
  void aNewTreeNeedsNoWatchAndEventsDeepInsideCarryTheirPath() throws Exception {
    start(PathFilter.NONE);
    Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("a/b/c/f"), "x");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE a/b/c/f"));
    assertThat(sink.lines()).contains("CREATE/dir a", "CREATE/dir a/b", "CREATE/dir a/b/c");
  }

  @Test
  void aRenameIsOnePairAndLaterEventsUseTheNewName() throws Exception {
    Files.createDirectories(root.resolve("d/sub"));
    start(PathFilter.NONE);
    Files.writeString(root.resolve("d/sub/x"), "1"); // the cache learns d/sub
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE d/sub/x"));
    Files.move(root.resolve("d"), root.resolve("e"));
    Files.writeString(root.resolve("e/sub/y"), "2");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE e/sub/y"));
    var from = sink.events().stream().filter(e -> e.toString().equals("MOVED_FROM/dir@3:d"))
        .findFirst().orElseThrow();
    var to = sink.events().stream().filter(e -> e.toString().equals("MOVED_TO/dir@3:e"))
        .findFirst().orElseThrow();
    assertThat(from.cookie()).isEqualTo(to.cookie()).isNotZero();
  }

  @Test
  void movesInAndOutOfTheRootAreHalfPairs() throws Exception {
    Files.createDirectories(outside.resolve("in"));
    Files.writeString(root.resolve("leaving"), "bye");
    start(PathFilter.NONE);
    Files.move(outside.resolve("in"), root.resolve("in"));
    Files.move(root.resolve("leaving"), outside.resolve("left"));
    eventually().until(() -> sink.lines().contains("MOVED_FROM leaving"));
    assertThat(sink.lines()).contains("MOVED_TO/dir in").noneMatch(l -> l.contains("left"));
  }

  @Test
  void excludedDirectoriesAndTheirSubtreesAreDropped() throws Exception {
    Files.createDirectories(root.resolve("cache/deep"));
    start(PathFilter.of("cache", ".*\\.tmp"));
    Files.writeString(root.resolve("cache/deep/x"), "1");
    Files.writeString(root.resolve("y.tmp"), "2");
    Files.writeString(root.resolve("kept"), "3");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE kept"));
    assertThat(sink.lines()).noneMatch(l -> l.contains("cache") || l.contains("y.tmp"));
  }

  @Test
  void namesThatAreNotUtf8StayBytes() throws Exception {
    start(PathFilter.NONE);
    byte[] gbk = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't'};
    NativeFs.mkdir(NativeFs.join(root, gbk));
    byte[] inside = NativeFs.join(NativeFs.join(root, gbk), "f".getBytes(StandardCharsets.UTF_8),
        0, 1);
    NativeFs.writeFile(inside, new byte[] {1});
    byte[] want = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't', '/', 'f'};
    eventually().until(() -> sink.events().stream()
        .anyMatch(e -> java.util.Arrays.equals(e.path(), want)));
  }

  @Test
  void chmodOfADirectoryAndOfTheRootIsAnAttrib() throws Exception {
    Files.createDirectories(root.resolve("d"));
    start(PathFilter.NONE);
    Files.setPosixFilePermissions(root.resolve("d"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(root,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    eventually().until(() -> sink.lines().containsAll(List.of("ATTRIB/dir d", "ATTRIB/dir ")));
  }
}
