package org.syncspool.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathFilterTest {
  private static boolean ex(PathFilter f, String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    return f.excluded(b, 0, b.length);
  }

  @Test
  void noneExcludesNothing() {
    assertThat(ex(PathFilter.NONE, "a/b.tmp")).isFalse();
    assertThat(PathFilter.NONE.isEmpty()).isTrue();
  }

  @Test
  void fullMatchOnly() {
    PathFilter f = PathFilter.of(".*\\.tmp");
    assertThat(ex(f, "x.tmp")).isTrue();
    assertThat(ex(f, "dir/x.tmp")).isTrue();
    assertThat(ex(f, "x.tmp.keep")).isFalse();
    assertThat(ex(f, "x.tm")).isFalse();
  }

  @Test
  void inlineCaseInsensitiveFlagIsInotifywaitsExcludei() {
    PathFilter f = PathFilter.of("(?i).*\\.tmp", "(?i)cache");
    assertThat(ex(f, "Foo.TMP")).isTrue();
    assertThat(ex(f, "a/b/x.Tmp")).isTrue();
    assertThat(ex(f, "CACHE/x")).isTrue();
    assertThat(ex(f, "sub/Cache/x")).as("anchored at the root").isFalse();
    assertThat(ex(f, "Foo.TMP.txt")).as("whole path must match").isFalse();
    PathFilter anyDepth = PathFilter.of("(?i)(.*/)?cache");
    assertThat(ex(anyDepth, "sub/Cache/x")).isTrue();
    assertThat(ex(anyDepth, "subcache/x")).isFalse();
  }

  /** The anchoring table of docs/configuration.md, row by row. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      cache              | cache,cache/x/y                 | sub/cache,cache.txt,mycache
      (.*/)?cache        | cache,sub/cache,a/b/cache/x     | mycache,cache.txt
      .*cache            | cache,sub/cache,mycache         | cache.txt
      (?i)(.*/)?cache    | Cache,CACHE,sub/Cache           | cachex
      .*\\.tmp           | a.tmp,d/b.tmp                   | A.TMP,a.tmp.txt
      (?i).*\\.tmp       | a.tmp,Foo.TMP,d/b.Tmp           | a.tmp.txt
      logs/.*\\.log      | logs/a.log,logs/x/b.log         | logs,x/logs/a.log
      """)
  void documentedAnchoring(String regex, String excluded, String kept) {
    PathFilter f = PathFilter.of(regex);
    for (String p : excluded.split(",")) {
      assertThat(ex(f, p)).as(regex + " excludes " + p).isTrue();
    }
    for (String p : kept.split(",")) {
      assertThat(ex(f, p)).as(regex + " keeps " + p).isFalse();
    }
  }

  @Test
  void ancestorDirectoryMatchExcludesDescendants() {
    PathFilter f = PathFilter.of("cache", "^static/*");
    assertThat(ex(f, "cache")).isTrue();
    assertThat(ex(f, "cache/a/b.txt")).isTrue();
    assertThat(ex(f, "static/x")).isTrue();
    assertThat(ex(f, "sub/cache")).isFalse();
    assertThat(ex(f, "cachex/a")).isFalse();
  }

  @Test
  void nestedAncestorMatches() {
    PathFilter f = PathFilter.of("(.*/)?\\.git");
    assertThat(ex(f, "a/b/.git/objects/12")).isTrue();
    assertThat(ex(f, ".git")).isTrue();
    assertThat(ex(f, "a/.gitignore")).isFalse();
  }

  @Test
  void rootIsNeverExcluded() {
    assertThat(ex(PathFilter.of(".*"), "")).isFalse();
    assertThat(ex(PathFilter.of(".*"), "a")).isTrue();
  }

  @Test
  void invalidUtf8IsMatchedWithReplacement() {
    PathFilter f = PathFilter.of(".*\\.txt", "gbk");
    byte[] gbk = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't'};
    assertThat(f.excluded(gbk, 0, gbk.length)).isTrue();
    byte[] under = {'g', 'b', 'k', '/', (byte) 0xB2, (byte) 0xE2};
    assertThat(f.excluded(under, 0, under.length)).isTrue();
    byte[] other = {(byte) 0xB2, (byte) 0xE2};
    assertThat(f.excluded(other, 0, other.length)).isFalse();
  }

  @Test
  void honoursOffsetAndLength() {
    PathFilter f = PathFilter.of("skip");
    byte[] b = "xxskip/ayy".getBytes(StandardCharsets.UTF_8);
    assertThat(f.excluded(b, 2, 6)).isTrue();
    assertThat(f.excluded(b, 2, 4)).isTrue();
    assertThat(f.excluded(b, 1, 5)).isFalse();
  }

  @Test
  void insideAWatchedDirectoryOnlyThePathItselfIsMatched() {
    PathFilter f = PathFilter.of("cache", ".*\\.tmp");
    byte[] name = "a/x.tmp".getBytes(StandardCharsets.UTF_8);
    assertThat(f.excludedInWatchedDir(name, 0, name.length)).isTrue();
    byte[] dir = "cache".getBytes(StandardCharsets.UTF_8);
    assertThat(f.excludedInWatchedDir(dir, 0, dir.length)).isTrue();
    // Agrees with excluded() whenever the parent is not excluded, which a watch guarantees.
    byte[] kept = "a/keep.txt".getBytes(StandardCharsets.UTF_8);
    assertThat(f.excludedInWatchedDir(kept, 0, kept.length)).isFalse();
    assertThat(PathFilter.NONE.excludedInWatchedDir(name, 0, name.length)).isFalse();
  }
}
