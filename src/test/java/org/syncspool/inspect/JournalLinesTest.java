package org.syncspool.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

class JournalLinesTest {
  private static final long T = Instant.parse("2026-12-01T22:40:01.123Z").toEpochMilli();

  private static void add(EventBatch b, EventKind k, boolean dir, int root, int cookie, String p) {
    byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
    b.add(k, dir, root, cookie, bytes, 0, bytes.length);
  }

  @Test
  void oneLinePerEventWithKindDirectoryCookieAndEscapedPath() {
    EventBatch b = new EventBatch(256).reset(T);
    add(b, EventKind.CLOSE_WRITE, false, 0, 0, "a/file");
    add(b, EventKind.MOVED_FROM, true, 0, 7, "old");
    add(b, EventKind.MOVED_TO, true, 0, 7, "new dir");
    add(b, EventKind.RESCAN, true, 1, 0, "");
    add(b, EventKind.CREATE, false, 0, -1, "x\ny");
    StringBuilder sb = new StringBuilder();
    assertThat(JournalLines.append(sb, "5:3", b, -1)).isEqualTo(5);
    assertThat(sb.toString()).isEqualTo("""
        2026-12-01T22:40:01.123Z 5:3 0 CLOSE_WRITE a/file
        2026-12-01T22:40:01.123Z 5:3 0 MOVED_FROM,ISDIR#7 old
        2026-12-01T22:40:01.123Z 5:3 0 MOVED_TO,ISDIR#7 new dir
        2026-12-01T22:40:01.123Z 5:3 1 RESCAN,ISDIR .
        2026-12-01T22:40:01.123Z 5:3 0 CREATE#4294967295 x\\ny
        """);
  }

  @Test
  void onlyTheRootAskedFor() {
    EventBatch b = new EventBatch(256).reset(T);
    add(b, EventKind.MODIFY, false, 0, 0, "zero");
    add(b, EventKind.MODIFY, false, 1, 0, "one");
    StringBuilder sb = new StringBuilder();
    assertThat(JournalLines.append(sb, "1:0", b, 1)).isEqualTo(1);
    assertThat(sb.toString()).endsWith(" 1 MODIFY one\n");
  }

  @Test
  void cursorLines() {
    assertThat(JournalLines.cursor("/mirror", 0, "5:3", 0, 0))
        .isEqualTo("# cursor /mirror (root 0): at 5:3, caught up");
    assertThat(JournalLines.cursor("h::m", 1, null, 1, T))
        .isEqualTo("# cursor h::m (root 1): at start, 1 record not yet on the target, "
            + "oldest from 2026-12-01T22:40:01.123Z");
    assertThat(JournalLines.cursor("h::m", 1, "5:9", 4, 0))
        .isEqualTo("# cursor h::m (root 1): at 5:9, 4 records not yet on the target");
  }
}
