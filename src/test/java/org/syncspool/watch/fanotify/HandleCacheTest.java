package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandleCacheTest {
  private final HandleCache cache = new HandleCache(100);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void put(int n, String abs) {
    byte[] fid = EventBytes.fid(n);
    cache.put(fid, 0, fid.length, new HandleCache.Dir(b(abs), 0, b("")));
  }

  private String get(int n) {
    byte[] fid = EventBytes.fid(n);
    HandleCache.Dir d = cache.get(fid, 0, fid.length);
    return d == null ? null : new String(d.abs(), StandardCharsets.UTF_8);
  }

  @Test
  void findsByTheFidBytesAnywhereInABuffer() {
    put(1, "/r/a");
    byte[] fid = EventBytes.fid(1);
    byte[] buf = new byte[fid.length + 10];
    System.arraycopy(fid, 0, buf, 7, fid.length);
    assertThat(cache.get(buf, 7, fid.length).abs()).isEqualTo(b("/r/a"));
    assertThat(get(2)).isNull();
  }

  @Test
  void theKeyIsCopied() {
    byte[] fid = EventBytes.fid(1);
    cache.put(fid, 0, fid.length, new HandleCache.Dir(b("/r/a"), 0, b("a")));
    fid[16] = 9; // the caller reuses its read buffer
    assertThat(get(1)).isEqualTo("/r/a");
  }

  @Test
  void invalidatingADirectoryDropsItAndEverythingBelowButNotItsNeighbours() {
    put(1, "/r/a");
    put(2, "/r/a/b");
    put(3, "/r/a/b/c");
    put(4, "/r/ab");
    put(5, "/r");
    assertThat(cache.invalidate(b("/r/a"))).isEqualTo(3);
    assertThat(get(1)).isNull();
    assertThat(get(2)).isNull();
    assertThat(get(3)).isNull();
    assertThat(get(4)).isEqualTo("/r/ab");
    assertThat(get(5)).isEqualTo("/r");
  }

  @Test
  void theLeastRecentlyUsedGoFirstWhenFull() {
    HandleCache small = new HandleCache(2);
    byte[] f1 = EventBytes.fid(1);
    byte[] f2 = EventBytes.fid(2);
    byte[] f3 = EventBytes.fid(3);
    small.put(f1, 0, f1.length, new HandleCache.Dir(b("/1"), 0, b("")));
    small.put(f2, 0, f2.length, new HandleCache.Dir(b("/2"), 0, b("")));
    small.get(f1, 0, f1.length);
    small.put(f3, 0, f3.length, new HandleCache.Dir(b("/3"), 0, b("")));
    assertThat(small.get(f2, 0, f2.length)).isNull();
    assertThat(small.get(f1, 0, f1.length)).isNotNull();
    assertThat(small.size()).isEqualTo(2);
  }

  @Test
  void clearForgetsAll() {
    put(1, "/r/a");
    cache.clear();
    assertThat(cache.size()).isZero();
  }

  @Test
  void underIsAboutWholeNames() {
    assertThat(HandleCache.under(b("/r/a"), b("/r"))).isTrue();
    assertThat(HandleCache.under(b("/r"), b("/r"))).isTrue();
    assertThat(HandleCache.under(b("/rx"), b("/r"))).isFalse();
    assertThat(HandleCache.under(b("/r"), b("/r/a"))).isFalse();
    assertThat(HandleCache.under(b("/anything"), b("/"))).isTrue();
  }
}
