package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.syncspool.journal.Batches.append;
import static org.syncspool.journal.Batches.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code status} can do from another process while the daemon runs. */
class ReadOnlyJournalTest {
  @TempDir Path dir;

  @Test
  void reportsBacklogPerCursorWhileTheWriterRunsAndCreatesNothing() throws Exception {
    try (ChronicleJournal writer = ChronicleJournal.open(dir)) {
      append(writer, 0, 5);
      try (Cursor a = writer.cursor("a"); Cursor b = writer.cursor("b")) {
        read(a, 3);
        a.commit();
        assertThat(b.backlog()).isEqualTo(5); // opened, never read: the whole journal behind
      }
      Set<String> before = files();
      try (ChronicleJournal ro = ChronicleJournal.openReadOnly(dir)) {
        assertThat(ro.readOnly()).isTrue();
        assertThat(ro.cursorNames()).containsExactly("a", "b");
        assertThat(ro.backlog("a")).isEqualTo(2);
        assertThat(ro.backlog("b")).isEqualTo(5);
        assertThat(ro.backlog("nope")).isEqualTo(5);
        // the writer keeps going: a read-only journal sees its appends and commits
        append(writer, 5, 7);
        try (Cursor a = writer.cursor("a")) {
          read(a, 1);
          a.commit();
        }
        assertThat(ro.backlog("a")).isEqualTo(3);
        try (Cursor a = ro.cursor("a")) {
          assertThat(a.backlog()).isEqualTo(3);
          assertThat(read(a, 10)).containsExactly("r4", "r5", "r6");
          assertThatThrownBy(a::commit).isInstanceOf(UnsupportedOperationException.class);
          try (Cursor w = writer.cursor("a")) { // the daemon commits meanwhile
            read(w, 2);
            w.commit();
          }
          assertThat(a.backlog()).isEqualTo(1);
          a.rewind();
          assertThat(read(a, 10)).containsExactly("r6");
        }
        assertThatThrownBy(() -> ro.accept(Batches.of(1, "x")))
            .isInstanceOf(UnsupportedOperationException.class);
      }
      assertThat(files()).as("read-only open created no file").isEqualTo(before);
    }
  }

  @Test
  void refusesADirectoryWithoutAJournal() {
    Path missing = dir.resolve("nothing-here");
    assertThatThrownBy(() -> ChronicleJournal.openReadOnly(missing))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(missing).doesNotExist();
  }

  private Set<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
