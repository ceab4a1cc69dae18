package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Root;
import org.syncspool.testing.FailingFileSystem;
import org.syncspool.testing.FakeFileSystem;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;

/** The start-up scan over a fake file system: what ctimes lead to which journal events. */
class RecoveryScanTest {
  private static final long SINCE = 1_000;
  private final List<String> journaled = new ArrayList<>();
  private final List<Root> roots = List.of(new Root(0, Path.of("/r"), List.of()));

  private void collect(EventBatch b) {
    b.forEach((kind, dir, root, cookie, path, off, len) -> journaled.add(kind + (dir ? "/d " : " ")
        + new String(path, off, len, StandardCharsets.UTF_8)));
  }

  private RecoveryScan.Found scan(org.syncspool.fs.FileSystem fs, PathFilter filter)
      throws IOException {
    return new RecoveryScan(fs, filter, this::collect, () -> 5_000).scan(roots, SINCE);
  }

  @Test
  void changedFilesFlatChangedDirectoriesWholeUnchangedDirectoriesEntered() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 10)
        .dir("/r/old", 10).file("/r/old/new.txt", 2_000).file("/r/old/same.txt", 10)
        .dir("/r/moved-in", 3_000).file("/r/moved-in/inner", 10)
        .file("/r/top", 10);
    RecoveryScan.Found f = scan(fs, PathFilter.NONE);
    assertThat(journaled).containsExactlyInAnyOrder("CLOSE_WRITE old/new.txt", "RESCAN/d moved-in");
    assertThat(f.files()).isEqualTo(1);
    assertThat(f.dirs()).isEqualTo(1);
    // a changed directory is not descended into: its subtree goes whole
    assertThat(f.scanned()).isEqualTo(5);
  }

  @Test
  void theEntriesCheckedAreCountedEvery1024() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 10);
    for (int i = 0; i < 2500; i++) {
      fs.file("/r/f" + i, 10);
    }
    List<Long> counts = new ArrayList<>();
    RecoveryScan.Found f = new RecoveryScan(fs, PathFilter.NONE, this::collect, () -> 5_000)
        .counting(counts::add).scan(roots, SINCE);
    assertThat(f.scanned()).isEqualTo(2500);
    assertThat(counts).containsExactly(1024L, 2048L);
  }

  @Test
  void aScanStoppedByShutdownJournalsWhatItFoundAndSaysSo() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 10);
    for (int i = 0; i < 10; i++) {
      fs.file("/r/f" + i, 2_000);
    }
    int[] asked = {0};
    RecoveryScan scan = new RecoveryScan(fs, PathFilter.NONE, this::collect, () -> 5_000)
        .stopping(() -> ++asked[0] > 3);
    assertThatThrownBy(() -> scan.scan(roots, SINCE)).isInstanceOf(RecoveryScan.Stopped.class)
        .hasMessage("stopped after 3 entries");
    // the three changed files found before the stop are in the journal, not dropped
    assertThat(journaled).hasSize(3).allMatch(e -> e.startsWith("CLOSE_WRITE f"));
  }

  @Test
  void aChangedRootIsReconciledByItsListing() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 2_000).file("/r/kept", 10);
    scan(fs, PathFilter.NONE);
    assertThat(journaled).containsExactly("LISTING/d ");
  }

  @Test
  void excludedPathsAreNeitherJournaledNorEntered() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 10).dir("/r/cache", 10)
        .file("/r/cache/x", 2_000).file("/r/a.swp", 2_000);
    scan(fs, PathFilter.of("cache", ".*\\.swp"));
    assertThat(journaled).isEmpty();
  }

  @Test
  void typesMissingFromTheListingAreAskedFor() throws Exception {
    FakeFileSystem fs = new FakeFileSystem().dir("/r", 10).dir("/r/d", 2_000).file("/r/f", 2_000)
        .unknownTypes();
    scan(fs, PathFilter.NONE);
    assertThat(journaled).containsExactlyInAnyOrder("RESCAN/d d", "CLOSE_WRITE f");
  }

  @Test
  void aDirectoryThatVanishesMidScanIsCoveredByItsParent() throws Exception {
    FakeFileSystem real = new FakeFileSystem().dir("/r", 10).dir("/r/gone", 10)
        .file("/r/gone/x", 2_000).file("/r/y", 2_000);
    scan(FailingFileSystem.vanishing(real, "/r/gone"), PathFilter.NONE);
    assertThat(journaled).containsExactly("CLOSE_WRITE y");
  }

  @Test
  void anUnreadableDirectoryEndsTheScanSoTheDaemonFallsBackToAFullSync() {
    FakeFileSystem real = new FakeFileSystem().dir("/r", 10).dir("/r/locked", 10)
        .file("/r/locked/x", 2_000);
    assertThatThrownBy(() -> scan(FailingFileSystem.unreadable(real, "/r/locked"),
        PathFilter.NONE)).isInstanceOf(IOException.class).hasMessageContaining("Permission denied");
  }

  @Test
  void aFailingStatEndsTheScanToo() {
    FakeFileSystem real = new FakeFileSystem().dir("/r", 10).file("/r/bad", 10);
    assertThatThrownBy(() -> scan(FailingFileSystem.broken(real, "/r/bad"), PathFilter.NONE))
        .isInstanceOf(IOException.class).hasMessageContaining("Input/output error");
  }
}
