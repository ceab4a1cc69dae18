package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table cell by cell: which paths a rename or a subtree takes (its own key and what lies
 * below a '/', never a sibling sharing the prefix, whichever side of '/' its next byte sorts),
 * across roots, shared paths, remapped wds and non-UTF-8 names; then a seeded random run
 * against a table that scans every watch (the old implementation's rule).
 */
class WatchTableTest {
  private final WatchTable t = new WatchTable();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1); // one byte per char, 0x80-0xff included
  }

  private String path(int wd) {
    return new String(t.path(wd), StandardCharsets.ISO_8859_1);
  }

  @Test
  void putRemoveAndSize() {
    t.put(1, 0, b(""));
    t.put(5000, 0, b("a")); // grows past the initial capacity
    t.put(5000, 0, b("a2")); // a reused wd is remapped, not counted twice
    assertThat(t.size()).isEqualTo(2);
    assertThat(path(5000)).isEqualTo("a2");
    t.remove(5000);
    t.remove(5000);
    t.remove(-1);
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.contains(5000)).isFalse();
    assertThat(t.indexedPaths(0)).isEqualTo(1);
  }

  @Test
  void renameRewritesTheSubtreeOnly() {
    t.put(1, 0, b(""));
    t.put(2, 0, b("d"));
    t.put(3, 0, b("d/sub"));
    t.put(4, 0, b("dx"));
    t.put(5, 1, b("d")); // another root
    t.rename(0, b("d"), 0, b("e/f"));
    assertThat(path(2)).isEqualTo("e/f");
    assertThat(path(3)).isEqualTo("e/f/sub");
    assertThat(path(4)).isEqualTo("dx");
    assertThat(path(5)).isEqualTo("d");
    t.rename(0, b("e/f"), 1, b("g"));
    assertThat(t.root(3)).isEqualTo(1);
    assertThat(path(3)).isEqualTo("g/sub");
    assertThat(t.subtree(1, b("g"))).containsExactly(2, 3);
    assertThat(t.subtree(0, b("e"))).isEmpty();
  }

  @Test
  void siblingsSharingThePrefixAreNotBelowIt() {
    // '-' and '.' sort before '/', '0' right after it, 'x' and 0xff after that
    String[] siblings = {"d-x", "d.x", "d0", "dx", "d\u00ff", "d-x/in", "d0/in"};
    int wd = 10;
    for (String s : siblings) {
      t.put(wd++, 0, b(s));
    }
    t.put(1, 0, b("d"));
    t.put(2, 0, b("d/a"));
    t.put(3, 0, b("d/a/b"));
    t.put(4, 0, b("d/\u00ff"));
    t.put(5, 0, b("d//odd")); // never from the kernel, still below d
    assertThat(t.subtree(0, b("d"))).containsExactly(1, 2, 3, 4, 5);
    t.rename(0, b("d"), 0, b("q"));
    assertThat(path(4)).isEqualTo("q/\u00ff");
    for (int i = 0; i < siblings.length; i++) {
      assertThat(path(10 + i)).isEqualTo(siblings[i]);
    }
  }

  @Test
  void subtreeOfTheRootIsEveryWatchOfThatRootOnly() {
    t.put(1, 0, b(""));
    t.put(2, 0, b("m"));
    t.put(3, 1, b(""));
    t.put(4, 0, b("m/n"));
    assertThat(t.subtree(0, b(""))).containsExactly(1, 2, 4);
    assertThat(t.subtree(1, b(""))).containsExactly(3);
    assertThat(t.subtree(2, b(""))).isEmpty(); // a root index never seen
    assertThat(t.subtree(0, b("nothing"))).isEmpty();
  }

  @Test
  void aRenameOfAPathNobodyWatchesChangesNothing() {
    t.put(1, 0, b("a"));
    t.rename(0, b("b"), 0, b("c"));
    t.rename(3, b("a"), 0, b("c"));
    assertThat(path(1)).isEqualTo("a");
    assertThat(t.indexedPaths(0)).isEqualTo(1);
  }

  @Test
  void twoWdsMayShareAPathUntilTheOldOnesIgnoredArrives() {
    // x deleted and made again: the new wd is put before the old one's IN_IGNORED is read
    t.put(1, 0, b("x"));
    t.put(2, 0, b("x/in"));
    t.put(3, 0, b("x"));
    assertThat(t.subtree(0, b("x"))).containsExactly(1, 2, 3);
    t.rename(0, b("x"), 0, b("y")); // a rename of the path carries both, as the scan did
    assertThat(path(1)).isEqualTo("y");
    assertThat(path(3)).isEqualTo("y");
    t.remove(1);
    assertThat(t.subtree(0, b("y"))).containsExactly(2, 3);
    t.remove(3);
    assertThat(t.subtree(0, b("y"))).containsExactly(2);
    assertThat(t.indexedPaths(0)).isEqualTo(1);
  }

  @Test
  void aRenameOntoAWatchedPathKeepsBoth() {
    // mv a b over an empty watched b: b's old wd goes only with its IN_IGNORED
    t.put(1, 0, b("a"));
    t.put(2, 0, b("b"));
    t.rename(0, b("a"), 0, b("b"));
    assertThat(t.subtree(0, b("b"))).containsExactly(1, 2);
    t.remove(2);
    assertThat(t.subtree(0, b("b"))).containsExactly(1);
  }

  @Test
  void aRemappedWdLeavesItsOldPath() {
    t.put(1, 0, b("old"));
    t.put(1, 1, b("new"));
    assertThat(t.subtree(0, b("old"))).isEmpty();
    assertThat(t.subtree(1, b("new"))).containsExactly(1);
    assertThat(t.indexedPaths(0) + t.indexedPaths(1)).isEqualTo(1);
  }

  @Test
  void subtreeAndUnmarked() {
    t.put(1, 0, b(""));
    t.put(2, 0, b("m"));
    t.put(3, 0, b("m/n"));
    t.put(4, 0, b("mm"));
    assertThat(t.subtree(0, b("m"))).containsExactly(2, 3);
    assertThat(t.subtree(0, b(""))).containsExactly(1, 2, 3, 4);
    t.mark(1, 7);
    t.mark(4, 7);
    List<Integer> removed = new ArrayList<>();
    t.removeUnmarked(7, removed::add);
    assertThat(removed).containsExactly(2, 3);
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.subtree(0, b("m"))).isEmpty();
    assertThat(t.indexedPaths(0)).isEqualTo(2);
  }

  /** The old table's rule, by scanning every watch: the reference for the random run. */
  private static final class Scan {
    final Map<Integer, Integer> roots = new HashMap<>();
    final Map<Integer, byte[]> paths = new HashMap<>();

    int[] subtree(int root, byte[] dir) {
      return paths.keySet().stream().filter(wd -> roots.get(wd) == root
          && WatchTable.under(paths.get(wd), dir)).mapToInt(Integer::intValue).sorted().toArray();
    }

    void rename(int fromRoot, byte[] from, int toRoot, byte[] to) {
      for (int wd : subtree(fromRoot, from)) {
        byte[] p = paths.get(wd);
        byte[] q = new byte[to.length + p.length - from.length];
        System.arraycopy(to, 0, q, 0, to.length);
        System.arraycopy(p, from.length, q, to.length, p.length - from.length);
        paths.put(wd, q);
        roots.put(wd, toRoot);
      }
    }
  }

  @Test
  void agreesWithAScanOfEveryWatch() {
    SplittableRandom r = new SplittableRandom(11);
    Scan s = new Scan();
    String[] names = {"a", "b", "a-", "a.", "a0", "\u00ff"};
    for (int step = 0; step < 20_000; step++) {
      int root = r.nextInt(2);
      StringBuilder p = new StringBuilder();
      for (int d = r.nextInt(4); d > 0; d--) {
        p.append(p.length() == 0 ? "" : "/").append(names[r.nextInt(names.length)]);
      }
      byte[] path = b(p.toString());
      int wd = 1 + r.nextInt(300);
      switch (r.nextInt(4)) {
        case 0, 1 -> {
          t.put(wd, root, path);
          s.paths.put(wd, path);
          s.roots.put(wd, root);
        }
        case 2 -> {
          t.remove(wd);
          s.paths.remove(wd);
          s.roots.remove(wd);
        }
        default -> {
          if (path.length > 0) {
            byte[] to = b("z" + r.nextInt(5) + (r.nextBoolean() ? "/" + names[r.nextInt(3)] : ""));
            int toRoot = r.nextInt(2);
            t.rename(root, path, toRoot, to);
            s.rename(root, path, toRoot, to);
          }
        }
      }
      byte[] probe = path.length > 0 && r.nextBoolean() ? Arrays.copyOf(path, 1) : path;
      assertThat(t.subtree(root, probe)).as("step %d", step).containsExactly(s.subtree(root, probe));
    }
    for (int wd : s.paths.keySet()) {
      assertThat(t.path(wd)).isEqualTo(s.paths.get(wd));
      assertThat(t.root(wd)).isEqualTo(s.roots.get(wd));
    }
    assertThat(t.size()).isEqualTo(s.paths.size());
    assertThat(t.indexedPaths(0) + t.indexedPaths(1)).isEqualTo(s.paths.size());
  }
}
