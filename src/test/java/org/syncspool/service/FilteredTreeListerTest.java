package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.fs.FileSystem;
import org.syncspool.batch.PathKey;
import org.syncspool.testing.FailingFileSystem;
import org.syncspool.testing.FakeFileSystem;
import org.syncspool.watch.PathFilter;

/** The daemon's tree lister over a fake file system. */
class FilteredTreeListerTest {
  private final List<String> included = new ArrayList<>();
  private final List<String> excluded = new ArrayList<>();

  private void walk(FileSystem fs, PathFilter filter, String under) throws IOException {
    new FilteredTreeLister(fs, "/r".getBytes(StandardCharsets.UTF_8), filter).walk(
        PathKey.of(under),
        p -> included.add(new String(p, StandardCharsets.UTF_8)),
        p -> excluded.add(new String(p, StandardCharsets.UTF_8)));
  }

  private static FakeFileSystem tree() {
    return new FakeFileSystem().dir("/r", 0).file("/r/a/keep", 0).file("/r/a/x.tmp", 0)
        .file("/r/cache/big", 0).symlink("/r/link", 0);
  }

  @Test
  void splitsByTheFilterAndNeverEntersAnExcludedDirectoryOrASymlink() throws Exception {
    walk(tree(), PathFilter.of(".*\\.tmp", "cache"), "");
    assertThat(included).containsExactly("a", "link", "a/keep");
    assertThat(excluded).containsExactly("cache", "a/x.tmp");
  }

  @Test
  void entriesWithoutATypeAreLookedUp() throws Exception {
    walk(tree().unknownTypes(), PathFilter.of("cache"), "a");
    assertThat(included).containsExactly("a/keep", "a/x.tmp");
  }

  @Test
  void anExcludedStartIsReportedAsExcluded() throws Exception {
    walk(tree(), PathFilter.of("cache"), "cache");
    assertThat(included).isEmpty();
    assertThat(excluded).containsExactly("cache");
  }

  @Test
  void aDirectoryRemovedDuringTheWalkIsSkipped() throws Exception {
    walk(FailingFileSystem.vanishing(tree(), "/r/a"), PathFilter.of("nothing"), "");
    assertThat(included).containsExactly("a", "cache", "link", "cache/big");
  }

  @Test
  void anUnreadableDirectoryFailsTheWalk() {
    assertThatThrownBy(() -> walk(FailingFileSystem.unreadable(tree(), "/r/cache"),
        PathFilter.of("nothing"), "")).hasMessageContaining("Permission denied");
  }
}
