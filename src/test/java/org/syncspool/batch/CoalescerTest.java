package org.syncspool.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.watch.EventKind;

class CoalescerTest {
  private final Coalescer c = new Coalescer(0, p -> new String(p, StandardCharsets.UTF_8).endsWith(".swp"));

  private void add(EventKind kind, boolean dir, String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    c.add(kind, dir, 0, b, 0, b.length, 1000);
  }

  private static List<String> names(List<PathKey> keys) {
    return keys.stream().map(PathKey::toString).toList();
  }

  /** One test per cell of the merge table in Coalescer's javadoc. */
  @ParameterizedTest(name = "{0} dir={1} -> {2}")
  @CsvSource({
      "CREATE, false, flat",
      "CREATE, true, subtree",
      "CLOSE_WRITE, false, flat",
      "CLOSE_WRITE, true, flat",
      "MODIFY, false, flat",
      "MODIFY, true, flatdir",
      "ATTRIB, false, flat",
      "ATTRIB, true, flatdir",
      "DELETE, false, flat",
      "DELETE, true, flat",
      "MOVED_FROM, false, flat",
      "MOVED_FROM, true, flat",
      "MOVED_TO, false, flat",
      "MOVED_TO, true, subtree",
      "RESCAN, false, subtree",
      "RESCAN, true, subtree",
  })
  void mergeTable(EventKind kind, boolean dir, String expected) {
    add(kind, dir, "a/b");
    Batch b = c.batch();
    switch (expected) {
      case "flat" -> {
        assertThat(names(b.flat())).containsExactly("a/b");
        assertThat(b.subtrees()).isEmpty();
        assertThat(b.flatDirs()).isFalse();
      }
      case "flatdir" -> {
        assertThat(names(b.flat())).containsExactly("a/b");
        assertThat(b.flatDirs()).isTrue();
      }
      case "subtree" -> {
        assertThat(names(b.subtrees())).containsExactly("a/b");
        assertThat(b.flat()).isEmpty();
      }
      default -> throw new AssertionError(expected);
    }
    assertThat(b.fullSync()).isFalse();
  }

  @Test
  void duplicatesCollapse() {
    add(EventKind.CREATE, false, "f");
    add(EventKind.CLOSE_WRITE, false, "f");
    add(EventKind.ATTRIB, false, "f");
    assertThat(c.size()).isEqualTo(1);
    assertThat(names(c.batch().flat())).containsExactly("f");
  }

  @Test
  void pathsInsideANewSubtreeAreCoveredByIt() {
    add(EventKind.CREATE, true, "a");
    add(EventKind.CREATE, true, "a/b");
    add(EventKind.CLOSE_WRITE, false, "a/b/c.txt");
    add(EventKind.CLOSE_WRITE, false, "ab.txt");
    Batch b = c.batch();
    assertThat(names(b.subtrees())).containsExactly("a");
    assertThat(names(b.flat())).containsExactly("ab.txt");
  }

  @Test
  void aNewSubtreeSwallowsEarlierEntriesBelowIt() {
    add(EventKind.ATTRIB, true, "d/sub");
    add(EventKind.DELETE, false, "d/x");
    add(EventKind.MOVED_TO, true, "d");
    Batch b = c.batch();
    assertThat(names(b.subtrees())).containsExactly("d");
    assertThat(b.flat()).isEmpty();
    assertThat(b.flatDirs()).isFalse();
    assertThat(c.size()).isEqualTo(1);
  }

  @Test
  void subtreeWinsOverFlatForTheSamePath() {
    add(EventKind.ATTRIB, true, "d");
    add(EventKind.CREATE, true, "d");
    add(EventKind.ATTRIB, true, "d");
    Batch b = c.batch();
    assertThat(names(b.subtrees())).containsExactly("d");
    assertThat(b.flatDirs()).isFalse();
  }

  @Test
  void renameListsBothNames() {
    add(EventKind.MOVED_FROM, false, "old.txt");
    add(EventKind.MOVED_TO, false, "new.txt");
    assertThat(names(c.batch().flat())).containsExactly("new.txt", "old.txt");
  }

  @Test
  void excludedPathsAndOtherRootsAreDropped() {
    add(EventKind.CLOSE_WRITE, false, ".f.swp");
    byte[] other = "x".getBytes(StandardCharsets.UTF_8);
    c.add(EventKind.CLOSE_WRITE, false, 1, other, 0, 1, 5);
    assertThat(c.isEmpty()).isTrue();
  }

  @Test
  void hiddenFilesAreKept() {
    add(EventKind.CLOSE_WRITE, false, ".htaccess");
    assertThat(names(c.batch().flat())).containsExactly(".htaccess");
  }

  @Test
  void rescanOfTheRootIsAFullSyncThatAbsorbsEverything() {
    add(EventKind.CLOSE_WRITE, false, "a");
    c.add(EventKind.RESCAN, true, 0, new byte[0], 0, 0, 900);
    add(EventKind.CLOSE_WRITE, false, "b");
    Batch b = c.batch();
    assertThat(b.fullSync()).isTrue();
    assertThat(b.flat()).isEmpty();
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.oldestEventMillis()).isEqualTo(900);
  }

  @Test
  void nonUtf8BytesSurvive() {
    byte[] name = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't'};
    c.add(EventKind.CLOSE_WRITE, false, 0, name, 0, name.length, 1);
    assertThat(c.batch().flat().get(0).bytes()).isEqualTo(name);
  }

  @Test
  void clearStartsAnew() {
    add(EventKind.CREATE, true, "d");
    c.markFullSync();
    c.clear();
    assertThat(c.isEmpty()).isTrue();
    add(EventKind.CLOSE_WRITE, false, "d/x");
    assertThat(names(c.batch().flat())).containsExactly("d/x");
  }
}
