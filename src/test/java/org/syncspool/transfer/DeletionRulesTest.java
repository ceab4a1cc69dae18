package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deletion run's parents and rules, cell by cell (the runs: ReplicationIT with rsync 3.2.7 and 3.5.0). */
class DeletionRulesTest {
  private static List<PathKey> keys(String... p) {
    List<PathKey> out = new ArrayList<>();
    for (String s : p) {
      out.add(PathKey.of(s));
    }
    return out;
  }

  private static List<String> split(byte[] b) {
    return List.of(new String(b, StandardCharsets.UTF_8).split("\0"));
  }

  @Test
  void aTopLevelNameListsTheRootAndKeepsTheRestOfItOut() {
    DeletionRules d = DeletionRules.of(keys("one.txt"), false);
    assertThat(split(d.parents())).containsExactly("/.");
    assertThat(split(d.rules())).containsExactly("+ /one.txt", "- /*");
  }

  @Test
  void aDeepNameIncludesItsAncestorsBeforeAnyExclude() {
    DeletionRules d = DeletionRules.of(keys("a/b/c"), false);
    assertThat(split(d.parents())).containsExactly("/a/b/.");
    assertThat(split(d.rules())).containsExactly("+ /a/b/c", "+ /a/b/", "+ /a/", "- /a/b/*");
  }

  @Test
  void whatIsInsideAGoneDirectoryIsLeftToItsRecursiveDelete() {
    DeletionRules d = DeletionRules.of(keys("tree/a/b/f.txt", "tree", "tree/a", "tree-x/y"), false);
    assertThat(split(d.parents())).containsExactly("/.", "/tree-x/.");
    assertThat(split(d.rules())).containsExactly("+ /tree", "+ /tree-x/y", "+ /tree-x/", "- /*",
        "- /tree-x/*");
  }

  @Test
  void namesStartingWithCommentCharactersAndWildcardsAreLiteral() {
    DeletionRules d = DeletionRules.of(keys("#n/;x", "w*/a?b"), false);
    assertThat(split(d.parents())).containsExactly("/#n/.", "/w*/.");
    assertThat(split(d.rules())).containsExactly("+ /#n/;x", "+ /w\\*/a\\?b", "+ /#n/",
        "+ /w\\*/", "- /#n/*", "- /w\\*/*");
  }

  @Test
  void aDirectoryWithManyGoneNamesIsReconciledWholeUnlessFiltered() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= DeletionRules.MAX_NAMES_PER_DIRECTORY; i++) {
      many.add("big/f" + i);
    }
    DeletionRules whole = DeletionRules.of(keys(many.toArray(String[]::new)), false);
    assertThat(split(whole.rules())).containsExactly("+ /big/");
    DeletionRules named = DeletionRules.of(keys(many.toArray(String[]::new)), true);
    assertThat(split(named.rules())).hasSize(many.size() + 2).endsWith("+ /big/", "- /big/*");
  }

  @Test
  void nothingGoneIsNoRun() {
    assertThat(DeletionRules.of(List.of(), false).isEmpty()).isTrue();
  }
}
