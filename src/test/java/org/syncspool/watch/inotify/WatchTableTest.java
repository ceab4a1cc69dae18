package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTableTest {
  private final WatchTable t = new WatchTable();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private String path(int wd) {
    return new String(t.path(wd), StandardCharsets.UTF_8);
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
  }
}
