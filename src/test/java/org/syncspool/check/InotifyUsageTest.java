package org.syncspool.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.PathFilter;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.testing.FailingFileSystem;
import org.syncspool.testing.FakeFileSystem;

/** Against the real file system and the real /proc. */
class InotifyUsageTest {
  @TempDir
  Path tmp;

  @Test
  void countsDirectoriesLikeTheWatcherNotFollowingLinksSkippingExcluded() throws Exception {
    Files.createDirectories(tmp.resolve("a/b/c"));
    Files.createDirectories(tmp.resolve("Cache/x/y"));
    Files.writeString(tmp.resolve("a/file"), "not a directory");
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("a"));
    byte[] root = FileSystem.bytes(tmp);
    NativeFileSystem fs = NativeFileSystem.INSTANCE;
    assertThat(InotifyUsage.countDirectories(fs, root, PathFilter.NONE)).isEqualTo(7);
    assertThat(InotifyUsage.countDirectories(fs, root, PathFilter.of("(?i)cache"))).isEqualTo(4);
  }

  @Test
  void aListingWithoutTypesIsResolvedByLstat() {
    FakeFileSystem fs = new FakeFileSystem().dir("/r/a/b", 0).file("/r/a/f", 0)
        .symlink("/r/l", 0).unknownTypes();
    assertThat(InotifyUsage.countDirectories(fs, "/r".getBytes(), PathFilter.NONE)).isEqualTo(3);
  }

  @Test
  void anUnreadableDirectoryIsCountedButNotEntered() {
    FakeFileSystem real = new FakeFileSystem().dir("/r/a/b/c", 0).dir("/r/d", 0);
    FailingFileSystem fs = FailingFileSystem.unreadable(real, "/r/a");
    // r, a (unreadable: counted, its subtree not), d; the watcher reports a itself
    assertThat(InotifyUsage.countDirectories(fs, "/r".getBytes(), PathFilter.NONE)).isEqualTo(3);
  }

  @Test
  void countsTheWatchesOfAnInotifyInstance() throws Exception {
    Path self = Path.of("/proc/self");
    long before = InotifyUsage.inotifyWatches(self);
    // The JDK's WatchService on Linux is one inotify instance, one watch per registered dir.
    try (WatchService ws = FileSystems.getDefault().newWatchService()) {
      for (String d : new String[] {"w1", "w2", "w3"}) {
        Files.createDirectories(tmp.resolve(d)).register(ws, StandardWatchEventKinds.ENTRY_CREATE);
      }
      assertThat(InotifyUsage.inotifyWatches(self)).isEqualTo(before + 3);
      assertThat(InotifyUsage.heldWatches()).isGreaterThanOrEqualTo(3);
    }
    // The kernel's floor for both is far above 1 (a short read once returned "1").
    assertThat(InotifyUsage.sysctl("max_user_watches")).isGreaterThan(1);
    assertThat(InotifyUsage.sysctl("max_queued_events")).isGreaterThan(1);
  }
}
