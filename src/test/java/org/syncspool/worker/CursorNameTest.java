package org.syncspool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeJournal;

/** {@link TargetWorker#cursorName}: a target id becomes a name Chronicle accepts, stably. */
class CursorNameTest {

  /** The journal applies ChronicleJournal's name rules; opening proves the name is legal. */
  private static String opened(String id) {
    String name = CursorNames.of(id);
    try (FakeJournal j = new FakeJournal()) {
      j.cursor(name).close();
    }
    return name;
  }

  @Test
  void printableIdsAreKept() {
    assertThat(opened("0:/mirror")).isEqualTo("t-0:/mirror");
    assertThat(opened("1:backup@10.0.0.1::mod")).isEqualTo("t-1:backup@10.0.0.1::mod");
  }

  @Test
  void spacesNonAsciiAndPercentAreEscaped() {
    assertThat(opened("0:/srv/my mirror")).isEqualTo("t-0:/srv/my%20mirror");
    assertThat(opened("0:/srv/grün")).isEqualTo("t-0:/srv/gr%C3%BCn");
    assertThat(opened("0:/50%")).isEqualTo("t-0:/50%25");
  }

  @Test
  void chronicleReservedSuffixesAreAvoided() {
    assertThat(opened("0:/x.lock")).isEqualTo("t-0:/x%2Elock");
    assertThat(opened("0:/x.version")).isEqualTo("t-0:/x%2Eversion");
  }

  @Test
  void distinctIdsGetDistinctNames() {
    // Two targets sharing a cursor would share (and steal) each other's position.
    assertThat(CursorNames.of("0:/x.lock"))
        .isNotEqualTo(CursorNames.of("0:/x.lock_"));
    assertThat(CursorNames.of("0:/a b")).isNotEqualTo(CursorNames.of("0:/a%20b"));
  }

  @Test
  void veryLongIdsAreShortenedButStable() {
    String base = "0:/" + "deep/".repeat(60);
    String a = opened(base + "a");
    String b = opened(base + "b");
    assertThat(a.length()).isLessThanOrEqualTo(200);
    assertThat(CursorNames.of(base + "a")).isEqualTo(a);
    assertThat(a).isNotEqualTo(b);
    // Non-ASCII ids grow threefold when escaped: still within Chronicle's limit.
    assertThat(opened("0:/" + "ü".repeat(100))).hasSizeLessThanOrEqualTo(200);
  }
}
