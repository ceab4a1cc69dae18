package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Partition cell by cell: which directories are shared out, and each run's rules. */
class PartitionTest {
  private static Partition.Dirs tree(Map<String, List<String>> t) {
    return rel -> t.getOrDefault(rel, List.of());
  }

  private static List<String> names(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void oneRunSharesNothing() throws Exception {
    assertThat(Partition.choose(tree(Map.of("", names("d", 10))), 1)).isEmpty();
  }

  @Test
  void enoughTopDirectoriesAreSharedOutAtTheTop() throws Exception {
    assertThat(Partition.choose(tree(Map.of("", names("d", 4))), 2)).isEqualTo(names("d", 4));
  }

  @Test
  void aRootWithOneDirectoryIsSharedOutBelowIt() throws Exception {
    Map<String, List<String>> t = Map.of("", List.of("html"), "html", names("s", 5));
    assertThat(Partition.choose(tree(t), 2))
        .containsExactly("html/s0", "html/s1", "html/s2", "html/s3", "html/s4");
  }

  @Test
  void fewDirectoriesWithNothingBelowAreSharedAsTheyAre() throws Exception {
    assertThat(Partition.choose(tree(Map.of("", List.of("a", "b", "c"))), 2))
        .containsExactly("a", "b", "c");
  }

  @Test
  void aLevelWithTooManyDirectoriesStopsAtTheOneAbove() throws Exception {
    Map<String, List<String>> t = Map.of("", List.of("a", "b"), "a", names("x", 40),
        "b", names("y", 40));
    assertThat(Partition.choose(tree(t), 4)).containsExactly("a", "b");
  }

  @Test
  void aLevelWithFewerDirectoriesThanTheOneAboveIsNotTaken() throws Exception {
    Map<String, List<String>> t = Map.of("", List.of("a", "b", "c"), "a", List.of("x"),
        "b", List.of("y"));
    assertThat(Partition.choose(tree(t), 2)).containsExactly("a", "b", "c");
  }

  @Test
  void tooManyTopDirectoriesMeanOneRun() throws Exception {
    assertThat(Partition.choose(tree(Map.of("", names("d", 65))), 2)).isEmpty();
  }

  @Test
  void oneDirectoryAllTheWayDownMeansOneRun() throws Exception {
    Map<String, List<String>> t = Map.of("", List.of("a"), "a", List.of("b"), "a/b",
        List.of("c"), "a/b/c", names("z", 9));
    assertThat(Partition.choose(tree(t), 2)).isEmpty();
  }

  @Test
  void namesThatAreNotPlainAsciiStayInEveryRun() throws Exception {
    Map<String, List<String>> t = Map.of("", List.of("a", "b\nc", "caf\u00e9", " lead", "d e"));
    assertThat(Partition.choose(tree(t), 2)).containsExactly("a", "d e");
  }

  @Test
  void eachRunHidesAndProtectsWhatTheOthersOwn() {
    List<List<String>> r = Partition.rules(List.of("a", "b", "c", "d"), 2);
    assertThat(r).containsExactly(
        List.of("--filter=H /c/*", "--filter=P /c/*", "--filter=H /d/*", "--filter=P /d/*"),
        List.of("--filter=H /a/*", "--filter=P /a/*", "--filter=H /b/*", "--filter=P /b/*"));
  }

  @Test
  void moreRunsThanDirectoriesGiveOneRunPerDirectory() {
    List<List<String>> r = Partition.rules(List.of("a", "b"), 4);
    assertThat(r).containsExactly(List.of("--filter=H /b/*", "--filter=P /b/*"),
        List.of("--filter=H /a/*", "--filter=P /a/*"));
  }

  @Test
  void nothingToShareIsOneRunWithoutRules() {
    assertThat(Partition.rules(List.of(), 4)).containsExactly(List.of());
    assertThat(Partition.rules(List.of("a"), 4)).containsExactly(List.of());
  }

  @Test
  void wildcardsInNamesAreEscaped() {
    assertThat(Partition.rules(List.of("a*", "b[1]"), 2).get(0))
        .containsExactly("--filter=H /b\\[1]/*", "--filter=P /b\\[1]/*");
  }
}
