package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
  private static final String INFO = """
      27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
      22 27 0:21 / /proc rw,relatime - proc proc rw
      40 27 0:40 / /srv/data rw,relatime shared:5 - xfs /dev/vdb rw
      41 40 0:41 / /srv/data/scratch\\040space rw - tmpfs tmpfs rw
      42 40 0:40 /sub /srv/data/again rw - xfs /dev/vdb rw
      43 27 0:43 / /srv/other rw - tmpfs tmpfs rw
      """;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> under(String root) {
    return MountTable.parse(INFO).under(b(root)).stream()
        .map(f -> f.dev() + " " + f.describe()).toList();
  }

  @Test
  void aRootOnOneFileSystemGetsOneMarkAtTheRoot() {
    assertThat(under("/home/u")).containsExactly("254:0 ext4 /home/u");
  }

  @Test
  void aRootSpanningMountsGetsOneMarkPerFileSystemNotPerMount() {
    assertThat(under("/srv")).containsExactly("254:0 ext4 /srv", "0:40 xfs /srv/data",
        "0:41 tmpfs /srv/data/scratch space", "0:43 tmpfs /srv/other");
  }

  @Test
  void theMountHoldingTheRootIsTheLongestPrefixOnWholeNames() {
    assertThat(under("/srv/data/x")).containsExactly("0:40 xfs /srv/data/x");
    assertThat(under("/srv/dataset")).containsExactly("254:0 ext4 /srv/dataset");
  }

  @Test
  void octalEscapesAreBytes() {
    assertThat(MountTable.unescape("a\\040b\\134c\\012")).isEqualTo(b("a b\\c\n"));
    assertThat(MountTable.unescape("plain\\9")).isEqualTo(b("plain\\9"));
  }

  @Test
  void anUnreadableLineIsNamed() {
    assertThatThrownBy(() -> MountTable.parse("1 2 3\n"))
        .hasMessageContaining("mountinfo line 1");
  }
}
