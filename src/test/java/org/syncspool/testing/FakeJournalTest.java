package org.syncspool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.syncspool.journal.Cursor;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/** The fake keeps ChronicleCursor's semantics, which the worker tests rely on. */
class FakeJournalTest {
  private final FakeJournal journal = new FakeJournal();
  private final EventBatch into = new EventBatch(16);

  private void append(String path) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    EventBatch b = new EventBatch(64).reset(1);
    b.add(EventKind.CLOSE_WRITE, false, 0, 0, p, 0, p.length);
    journal.accept(b);
  }

  private String read(Cursor c) {
    if (!c.next(into)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    into.forEach((kind, dir, root, cookie, path, off, len) ->
        sb.append(new String(path, off, len, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  @Test
  void readsRunAheadCommitsMoveTheDurablePositionRewindGoesBack() {
    append("a");
    append("b");
    append("c");
    Cursor c = journal.cursor("t");
    assertThat(read(c)).isEqualTo("a");
    assertThat(read(c)).isEqualTo("b");
    assertThat(c.backlog()).isEqualTo(3); // reading is not consuming
    c.commit();
    assertThat(c.backlog()).isEqualTo(1);
    assertThat(read(c)).isEqualTo("c");
    c.rewind();
    c.commit(); // nothing read since the rewind: no-op
    assertThat(read(c)).isEqualTo("c");
    assertThat(read(c)).isNull();
    assertThat(journal.commits()).containsExactly(new FakeJournal.Commit("t", 2));
  }

  @Test
  void aReopenedCursorResumesAfterItsLastCommit() {
    append("a");
    append("b");
    Cursor c = journal.cursor("t");
    read(c);
    c.commit();
    read(c); // read, never committed
    assertThatThrownBy(() -> journal.cursor("t")).isInstanceOf(IllegalStateException.class);
    c.close();
    assertThat(read(journal.cursor("t"))).isEqualTo("b");
  }

  @Test
  void emptyBatchesAreNotWrittenAndBadNamesRejected() {
    journal.accept(new EventBatch(16).reset(1));
    assertThat(journal.size()).isZero();
    assertThat(journal.appendCount()).isZero();
    assertThatThrownBy(() -> journal.cursor("x.lock")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> journal.cursor("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendListenersAreCalledAfterEachAppend() {
    java.util.List<Long> counts = new java.util.ArrayList<>();
    journal.addAppendListener(() -> counts.add(journal.appendCount()));
    append("a");
    append("b");
    assertThat(counts).containsExactly(1L, 2L);
  }
}
