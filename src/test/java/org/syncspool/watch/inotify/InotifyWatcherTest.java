package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.RecordingSink;
import org.syncspool.watch.RecordingSink.Event;

/** Real inotify on temporary directories. */
class InotifyWatcherTest {
  @TempDir Path root;
  @TempDir Path outside;

  private final RecordingSink sink = new RecordingSink();
  private InotifyWatcher watcher;

  private InotifyWatcher start(PathFilter filter) throws IOException {
    watcher = new InotifyWatcher(List.of(new Root(3, root, List.of())), EventToggles.DEFAULT,
        filter, sink, System::currentTimeMillis,
          org.syncspool.time.Ticker.SYSTEM);
    watcher.start();
    return watcher;
  }

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
  }

  @Test
  void createCloseWriteDeleteOfAFile() throws IOException {
    start(PathFilter.NONE);
    Files.writeString(root.resolve("f.txt"), "hello");
    Files.delete(root.resolve("f.txt"));
    eventually().until(() -> sink.lines().contains("DELETE f.txt"));
    assertThat(sink.lines()).containsExactly("CREATE f.txt", "CLOSE_WRITE f.txt", "DELETE f.txt");
    assertThat(sink.events()).allMatch(e -> e.root() == 3);
  }

  @Test
  void watchesExistingTreeAtStart() throws IOException {
    Files.createDirectories(root.resolve("x/y"));
    Files.createDirectories(root.resolve("z"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    start(PathFilter.NONE);
    assertThat(watcher.watchCount()).isEqualTo(4); // root, x, x/y, z; not the symlink
    Files.writeString(root.resolve("x/y/deep"), "1");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE x/y/deep"));
  }

  @Test
  void newTreeIsWatchedAndJournaledAsOneDirectoryCreate() throws IOException {
    start(PathFilter.NONE);
    Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("a/b/c/f"), "x");
    eventually().until(() -> watcher.watchCount() == 4);
    eventually().until(() -> sink.lines().contains("CREATE/dir a"));
    // later changes inside the new tree are seen through the new watches
    Files.writeString(root.resolve("a/b/c/g"), "y");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE a/b/c/g"));
  }

  @Test
  void fileRenameIsAPairWithOneCookie() throws IOException {
    Files.writeString(root.resolve("old"), "x");
    start(PathFilter.NONE);
    Files.move(root.resolve("old"), root.resolve("new"));
    eventually().until(() -> sink.events().size() == 2);
    List<Event> ev = sink.events();
    assertThat(sink.lines()).containsExactly("MOVED_FROM old", "MOVED_TO new");
    assertThat(ev.get(0).cookie()).isEqualTo(ev.get(1).cookie()).isNotZero();
  }

  @Test
  void directoryRenameRewritesThePathsBelowIt() throws IOException {
    Files.createDirectories(root.resolve("d/sub"));
    start(PathFilter.NONE);
    Files.move(root.resolve("d"), root.resolve("e"));
    Files.writeString(root.resolve("e/sub/f"), "x");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE e/sub/f"));
    assertThat(sink.lines()).startsWith("MOVED_FROM/dir d", "MOVED_TO/dir e");
    assertThat(sink.lines()).noneMatch(l -> l.contains(" d/"));
    assertThat(watcher.watchCount()).isEqualTo(3);
  }

  @Test
  void directoryMovedOutAndBackIn() throws IOException {
    Files.createDirectories(root.resolve("m/n"));
    start(PathFilter.NONE);
    assertThat(watcher.watchCount()).isEqualTo(3);
    Files.move(root.resolve("m"), outside.resolve("m"));
    eventually().until(() -> sink.lines().contains("MOVED_FROM/dir m"));
    eventually().until(() -> watcher.watchCount() == 1);
    Files.writeString(outside.resolve("m/n/while-out"), "x"); // not ours any more

    Files.move(outside.resolve("m"), root.resolve("back"));
    eventually().until(() -> sink.lines().contains("MOVED_TO/dir back"));
    assertThat(watcher.watchCount()).isEqualTo(3);
    Files.writeString(root.resolve("back/n/f"), "x");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE back/n/f"));
    assertThat(sink.lines()).noneMatch(l -> l.contains("while-out"));
  }

  @Test
  void deletedTreeGivesItsWatchesBack() throws IOException {
    Files.createDirectories(root.resolve("t/u/v"));
    Files.writeString(root.resolve("t/u/v/f"), "x");
    start(PathFilter.NONE);
    assertThat(watcher.watchCount()).isEqualTo(4);
    Files.delete(root.resolve("t/u/v/f"));
    Files.delete(root.resolve("t/u/v"));
    Files.delete(root.resolve("t/u"));
    Files.delete(root.resolve("t"));
    eventually().until(() -> watcher.watchCount() == 1);
    eventually().until(() -> sink.lines().contains("DELETE/dir t"));
    assertThat(sink.lines()).contains("DELETE t/u/v/f", "DELETE/dir t/u/v", "DELETE/dir t/u");
  }

  @Test
  void excludedDirectoryIsNotWatchedNorJournaled() throws IOException {
    Files.createDirectories(root.resolve("cache/deep"));
    start(PathFilter.of("cache", ".*\\.tmp"));
    assertThat(watcher.watchCount()).isEqualTo(1);
    Files.writeString(root.resolve("cache/x"), "x");
    Files.createDirectories(root.resolve("cache/new"));
    Files.writeString(root.resolve("a.tmp"), "x");
    Files.writeString(root.resolve("done"), "x");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE done"));
    assertThat(sink.lines()).containsExactly("CREATE done", "CLOSE_WRITE done");
    assertThat(watcher.watchCount()).isEqualTo(1);
  }

  @Test
  void hiddenFilesAreReported() throws IOException {
    start(PathFilter.NONE);
    Files.writeString(root.resolve(".top"), "x");
    Files.createDirectories(root.resolve(".hidden"));
    eventually().until(() -> watcher.watchCount() == 2);
    Files.writeString(root.resolve(".hidden/.dot"), "x");
    eventually().until(() -> sink.lines().contains("CLOSE_WRITE .hidden/.dot"));
    assertThat(sink.lines()).contains("CLOSE_WRITE .top", "CREATE/dir .hidden");
  }

  @Test
  void invalidUtf8NameIsReportedAsItsBytes() throws IOException {
    start(PathFilter.NONE);
    byte[] name = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't'};
    NativeFs.writeFile(NativeFs.join(root, name), "gbk".getBytes());
    eventually().until(() -> sink.events().stream().anyMatch(e -> e.kind() == EventKind.CLOSE_WRITE));
    List<Event> ev = sink.events();
    assertThat(ev).extracting(Event::kind).containsExactly(EventKind.CREATE, EventKind.CLOSE_WRITE);
    assertThat(ev).allSatisfy(e -> assertThat(e.path()).containsExactly(name));
  }

  @Test
  void aBurstOf20kFilesDoesNotOverflow() throws IOException {
    start(PathFilter.NONE);
    Files.createDirectories(root.resolve("burst"));
    // files created before the new directory's watch lands are covered by its CREATE/dir, not
    // reported one by one: wait for the watch so that every file must be reported
    eventually().until(() -> watcher.watchCount() == 2);
    int n = 20_000;
    byte[] content = {1};
    for (int i = 0; i < n; i++) {
      Files.write(root.resolve("burst/f" + i), content);
    }
    eventually().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> closeWrites(sink.events()).size() == n);
    assertThat(sink.events()).noneMatch(e -> e.kind() == EventKind.RESCAN);
    assertThat(sink.batchCount()).isLessThan(2 * n); // batched, not one record per event
  }

  private static Set<String> closeWrites(List<Event> events) {
    return events.stream().filter(e -> e.kind() == EventKind.CLOSE_WRITE)
        .map(Event::pathString).collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void closeIsIdempotentAndStopsTheThread() throws IOException {
    start(PathFilter.NONE);
    watcher.close();
    watcher.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("syncspool-inotify") && t.isAlive());
  }
}
