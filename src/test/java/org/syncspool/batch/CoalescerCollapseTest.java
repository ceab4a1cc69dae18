package org.syncspool.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.watch.EventKind;

/** Collapse upward and rename pairing; pure, no disk. */
class CoalescerCollapseTest {
  private final Coalescer c = new Coalescer(0, p -> false, 4);

  private void add(EventKind kind, boolean dir, String path) {
    add(kind, dir, 0, path);
  }

  private void add(EventKind kind, boolean dir, int cookie, String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    c.add(kind, dir, 0, cookie, b, 0, b.length, 1000);
  }

  private static List<String> names(List<PathKey> keys) {
    return keys.stream().map(PathKey::toString).toList();
  }

  @Test
  void manyDirtyEntriesInOneDirectoryBecomeTheDirectory() {
    for (int i = 0; i < 3; i++) {
      add(EventKind.CLOSE_WRITE, false, "d/f" + i);
    }
    assertThat(c.size()).isEqualTo(3);
    add(EventKind.DELETE, false, "d/f3");
    Batch b = c.batch();
    assertThat(names(b.subtrees())).containsExactly("d");
    assertThat(b.flat()).isEmpty();
    add(EventKind.CLOSE_WRITE, false, "d/f9"); // covered by the subtree now
    assertThat(c.size()).isEqualTo(1);
  }

  @Test
  void repeatedEventsOnOnePathCountOnce() {
    for (int i = 0; i < 10; i++) {
      add(EventKind.CLOSE_WRITE, false, "d/same");
      add(EventKind.ATTRIB, false, "d/same");
    }
    assertThat(names(c.batch().flat())).containsExactly("d/same");
  }

  @Test
  void collapseCascadesUpwardButNeverToTheRoot() {
    // 4 dirs under a/, each with 4 files: every dir collapses, then a/ does.
    for (int d = 0; d < 4; d++) {
      for (int f = 0; f < 4; f++) {
        add(EventKind.CLOSE_WRITE, false, "a/d" + d + "/f" + f);
      }
    }
    assertThat(names(c.batch().subtrees())).containsExactly("a");
    assertThat(c.size()).isEqualTo(1);
    // Top-level names stay flat however many there are.
    for (int i = 0; i < 10; i++) {
      add(EventKind.CLOSE_WRITE, false, "top" + i);
    }
    Batch b = c.batch();
    assertThat(b.flat()).hasSize(10);
    assertThat(names(b.subtrees())).containsExactly("a");
  }

  @Test
  void memoryStaysBoundedForAGiantBurstIntoFewDirectories() {
    for (int i = 0; i < 100_000; i++) {
      add(EventKind.CREATE, false, "d" + (i % 4) + "/f" + i);
      add(EventKind.CLOSE_WRITE, false, "d" + (i % 4) + "/f" + i);
    }
    assertThat(c.size()).isEqualTo(4);
    assertThat(names(c.batch().subtrees())).containsExactly("d0", "d1", "d2", "d3");
  }

  @Test
  void aCollapsedDirectoryThatHadAnAttributeChangeLeavesNoFlatDirBehind() {
    add(EventKind.ATTRIB, true, "d");
    add(EventKind.CREATE, true, "d"); // the same key, flat-dir -> subtree
    add(EventKind.ATTRIB, true, "e");
    Batch b = c.batch();
    assertThat(names(b.flat())).containsExactly("e");
    assertThat(b.flatDirs()).isTrue(); // e must not be recursed
  }

  @Test
  void aMovePairIsARenameHint() {
    add(EventKind.MOVED_FROM, true, 7, "old");
    add(EventKind.MOVED_TO, true, 7, "x/new");
    Batch b = c.batch();
    assertThat(b.renames()).containsExactly(
        new Rename(PathKey.of("old"), PathKey.of("x/new"), true));
    assertThat(names(b.flat())).containsExactly("old"); // still deleted on the target
    assertThat(names(b.subtrees())).containsExactly("x/new"); // still sent
  }

  @Test
  void aChainOfRenamesStartsAtTheNameTheTargetHas() {
    add(EventKind.MOVED_FROM, false, 1, "app.log");
    add(EventKind.MOVED_TO, false, 1, "app.log.1");
    add(EventKind.MOVED_FROM, false, 2, "app.log.1");
    add(EventKind.MOVED_TO, false, 2, "app.log.2");
    assertThat(c.batch().renames()).containsExactly(
        new Rename(PathKey.of("app.log"), PathKey.of("app.log.2"), false));
  }

  @Test
  void renamedBackIsNoRename() {
    add(EventKind.MOVED_FROM, false, 1, "a");
    add(EventKind.MOVED_TO, false, 1, "b");
    add(EventKind.MOVED_FROM, false, 2, "b");
    add(EventKind.MOVED_TO, false, 2, "a");
    assertThat(c.batch().renames()).isEmpty();
  }

  @Test
  void unpairedMovesAndReplacedTargetsAreNoRenames() {
    add(EventKind.MOVED_FROM, false, 1, "gone"); // moved out of the tree
    add(EventKind.MOVED_TO, false, 2, "came"); // moved in from outside
    add(EventKind.MOVED_FROM, false, 3, "a");
    add(EventKind.MOVED_TO, false, 3, "b");
    add(EventKind.MOVED_TO, false, 4, "b"); // b replaced by a file from outside
    assertThat(c.batch().renames()).isEmpty();
  }

  @Test
  void renameHintsAreCappedAndClearedWithTheBatch() {
    for (int i = 0; i < RenamePairs.MAX_RENAMES + 10; i++) {
      add(EventKind.MOVED_FROM, false, i + 1, "o" + i);
      add(EventKind.MOVED_TO, false, i + 1, "n" + i);
    }
    assertThat(c.batch().renames()).hasSize(RenamePairs.MAX_RENAMES);
    c.clear();
    add(EventKind.MOVED_TO, false, 1, "late");
    assertThat(c.batch().renames()).isEmpty();
  }
}
