package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;

/** IN_Q_OVERFLOW handling, driven directly (shrinking the kernel queue would hit other users). */
class OverflowTest {
  @TempDir Path a;
  @TempDir Path b;

  private final int fd = Native.C.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

  @AfterEach
  void close() {
    Native.C.close(fd);
  }

  @Test
  void overflowJournalsARescanPerRootAndResyncsTheWatches() throws IOException {
    Files.createDirectories(a.resolve("old"));
    WatchTable table = new WatchTable();
    Watches watches = new Watches(new SystemWatchKernel(fd, TREE), new byte[][] {NativeFs.bytes(a), NativeFs.bytes(b)},
        new int[] {0, 7}, PathFilter.NONE, table, () -> 0L);
    EventTranslator tr = new EventTranslator(table, watches, EventToggles.DEFAULT,
        PathFilter.NONE, new int[] {0, 7});
    EventBatch batch = new EventBatch().reset(0);
    tr.into(batch);
    watches.addTree(0, new byte[0], batch);
    watches.addTree(1, new byte[0], batch);
    assertThat(table.size()).isEqualTo(3);

    // what the lost events would have told us
    Files.delete(a.resolve("old"));
    Files.createDirectories(b.resolve("new/deeper"));

    tr.overflow();
    List<String> got = new ArrayList<>();
    batch.forEach((kind, dir, root, cookie, path, off, len) ->
        got.add(kind + (dir ? "/dir@" : "@") + root + ":" + new String(path, off, len)));
    assertThat(got).containsExactly("RESCAN/dir@0:", "RESCAN/dir@7:");
    assertThat(table.size()).isEqualTo(4); // a, b, b/new, b/new/deeper
  }
}
