package org.syncspool.transfer;

import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.batch.Rename;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10 item 7, cell by cell: which paths cross a link, with {@code lnk} and {@code d/l2} links. */
class LinkedParentsTest {
  private static final Set<String> LINKS = Set.of("lnk", "d/l2");

  private static LinkedParents parents(List<String> asked) {
    return new LinkedParents(p -> {
      asked.add(p.toString());
      return LINKS.contains(p.toString());
    });
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "lnk, false",              // the link itself is copied as a link
      "lnk/secret, true",        // through it: refused
      "lnk/a/b/secret, true",
      "d/l2/x, true",            // a link deeper down
      "d/l2, false",
      "d/x/y, false",
      "lnkx/secret, false",      // a name that only starts like the link
      "plain, false",
  })
  void crosses(String path, boolean refused) {
    assertThat(parents(new ArrayList<>()).crosses(PathKey.of(path))).isEqualTo(refused);
  }

  @org.junit.jupiter.api.Test
  void aBatchLosesOnlyWhatCrossesAndEachDirectoryIsAskedOnce() {
    List<String> asked = new ArrayList<>();
    Batch b = new Batch(List.of(PathKey.of("lnk/secret"), PathKey.of("d/a"), PathKey.of("d/b")),
        List.of(PathKey.of("lnk/sub"), PathKey.of("d/new")), false, false, 0,
        List.of(PathKey.of("d/l2/list")),
        List.of(new Rename(PathKey.of("d/old"), PathKey.of("lnk/sub"), true)));
    List<PathKey> refused = new ArrayList<>();
    Batch safe = parents(asked).without(b, refused);
    assertThat(safe.flat()).containsExactly(PathKey.of("d/a"), PathKey.of("d/b"));
    assertThat(safe.subtrees()).containsExactly(PathKey.of("d/new"));
    assertThat(safe.listings()).isEmpty();
    assertThat(safe.renames()).isEmpty();
    assertThat(refused).containsExactly(PathKey.of("lnk/secret"), PathKey.of("lnk/sub"),
        PathKey.of("d/l2/list"));
    assertThat(asked).containsExactlyInAnyOrder("lnk", "d", "d/l2");
  }

  @org.junit.jupiter.api.Test
  void aBatchWithoutLinksAndAFullSyncAreLeftAsTheyAre() {
    Batch b = new Batch(List.of(PathKey.of("a/b")), List.of(), false, false, 0);
    assertThat(parents(new ArrayList<>()).without(b, new ArrayList<>())).isSameAs(b);
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    assertThat(parents(new ArrayList<>()).without(full, new ArrayList<>())).isSameAs(full);
  }
}
