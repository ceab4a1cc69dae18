package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.syncspool.journal.Batches.append;
import static org.syncspool.journal.Batches.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

class ChronicleJournalTest {
  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("state/journal");
  }

  /** Issue 10 item 8: the journal was 0644 under a 022 umask. */
  @Test
  void theJournalsDirectoryIs0700AndItsFiles0600() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir())) {
      append(j, 0, 3);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())))
        .isEqualTo("rwx------");
    try (java.util.stream.Stream<Path> files = Files.list(dir())) {
      List<Path> all = files.toList();
      assertThat(all).anyMatch(p -> p.toString().endsWith(".cq4"));
      for (Path f : all) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString()).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void recordIsTheBatchBytesExactlyIncludingNonUtf8PathsAndOneMegabyte() {
    byte[] gbk = {(byte) 0xc4, (byte) 0xe3, (byte) 0xba, (byte) 0xc3, '.', 't', 'x', 't', (byte) 0xff};
    EventBatch small = new EventBatch(64).reset(42);
    small.add(EventKind.MOVED_TO, true, 3, 77, gbk, 0, gbk.length);
    small.add(EventKind.DELETE, false, 0, 0, new byte[0], 0, 0);
    EventBatch big = new EventBatch(16).reset(43);
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = noise[i] == 0 ? 1 : noise[i]; // no name holds a NUL (EventBatch.problem)
    }
    noise[0] = 'n'; // nor starts with '/'
    while (big.size() < 1 << 20) {
      big.add(EventKind.MODIFY, false, 1, 0, noise, 0, noise.length);
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      j.accept(small);
      j.accept(big);
      EventBatch into = new EventBatch(16);
      assertThat(c.next(into)).isTrue();
      assertThat(Arrays.copyOf(into.bytes(), into.size()))
          .isEqualTo(Arrays.copyOf(small.bytes(), small.size()));
      assertThat(into.timeMillis()).isEqualTo(42);
      assertThat(into.count()).isEqualTo(2);
      into.forEach((kind, isDir, root, cookie, path, off, len) -> {
        if (kind == EventKind.MOVED_TO) {
          assertThat(isDir).isTrue();
          assertThat(root).isEqualTo(3);
          assertThat(cookie).isEqualTo(77);
          assertThat(Arrays.copyOfRange(path, off, off + len)).isEqualTo(gbk);
        }
      });
      assertThat(c.next(into)).isTrue();
      assertThat(into.size()).isGreaterThanOrEqualTo(1 << 20);
      assertThat(Arrays.copyOf(into.bytes(), into.size()))
          .isEqualTo(Arrays.copyOf(big.bytes(), big.size()));
      assertThat(c.next(into)).isFalse();
    }
  }

  @Test
  void recordOverTheLimitIsRefusedAndTheJournalGoesOn() {
    EventBatch huge = new EventBatch(16).reset(1);
    byte[] mb = new byte[1 << 20];
    while (huge.size() <= ChronicleJournal.MAX_RECORD_BYTES) {
      huge.add(EventKind.MODIFY, false, 0, 0, mb, 0, mb.length);
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      assertThatThrownBy(() -> j.accept(huge)).isInstanceOf(IllegalArgumentException.class);
      append(j, 0, 1);
      assertThat(read(c, 10)).containsExactly("r0");
    }
  }

  @Test
  void emptyBatchIsNotWritten() {
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      j.accept(new EventBatch().reset(1));
      assertThat(j.appendCount()).isZero();
      assertThat(c.backlog()).isZero();
      assertThat(c.next(new EventBatch())).isFalse();
    }
  }

  /**
   * Two lanes (docs/architecture.md): the worker reads on past a batch whose big file is still
   * in flight and commits only up to that batch's mark; a restart reads from there again.
   */
  @Test
  void commitToAMarkSurvivesAReopenAndReadsOnFromThere() {
    try (ChronicleJournal j = ChronicleJournal.open(dir())) {
      append(j, 0, 6);
      Cursor c = j.cursor("t");
      assertThat(c.mark()).as("nothing read, never committed").isEqualTo(c.committedIndex());
      assertThat(read(c, 2)).containsExactly("r0", "r1");
      long afterR1 = c.mark();
      assertThat(read(c, 2)).containsExactly("r2", "r3");
      c.commitTo(afterR1);
      assertThat(c.backlog()).isEqualTo(4);
      assertThat(read(c, 1)).as("reads go on where they stood").containsExactly("r4");
      c.commitTo(afterR1); // again, and behind: nothing moves
      assertThat(c.backlog()).isEqualTo(4);
      c.close();
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir())) {
      Cursor c = j.cursor("t");
      assertThat(read(c, 10)).as("after a reopen: from the mark committed")
          .containsExactly("r2", "r3", "r4", "r5");
      c.rewind();
      assertThat(read(c, 2)).containsExactly("r2", "r3");
      long afterR3 = c.mark();
      c.rewind();
      assertThat(c.mark()).isEqualTo(c.committedIndex());
      c.commitTo(afterR3);
      c.commitTo(c.committedIndex() - 1); // never back
      c.close();
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      assertThat(read(c, 10)).containsExactly("r4", "r5");
      assertThat(c.backlog()).isEqualTo(2);
    }
  }

  @Test
  void cursorsAreIndependent() {
    try (ChronicleJournal j = ChronicleJournal.open(dir())) {
      append(j, 0, 5);
      Cursor a = j.cursor("a");
      Cursor b = j.cursor("b");
      assertThat(read(a, 3)).containsExactly("r0", "r1", "r2");
      a.commit();
      assertThat(read(b, 1)).containsExactly("r0");
      assertThat(a.backlog()).isEqualTo(2);
      assertThat(b.backlog()).isEqualTo(5);
      assertThat(read(a, 10)).containsExactly("r3", "r4");
      assertThat(read(b, 10)).containsExactly("r1", "r2", "r3", "r4");
    }
  }

  @Test
  void commitSurvivesReopenAndUncommittedReadsComeAgain() {
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      append(j, 0, 6);
      assertThat(read(c, 2)).containsExactly("r0", "r1");
      c.commit();
      assertThat(read(c, 2)).containsExactly("r2", "r3"); // read, never committed
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      assertThat(c.backlog()).isEqualTo(4);
      assertThat(read(c, 10)).containsExactly("r2", "r3", "r4", "r5");
      c.commit();
      assertThat(c.backlog()).isZero();
      append(j, 6, 7);
      assertThat(c.backlog()).isEqualTo(1);
    }
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      assertThat(read(c, 10)).containsExactly("r6");
    }
  }

  @Test
  void rewindGoesBackToTheCommittedPosition() {
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      append(j, 0, 4);
      c.rewind(); // nothing committed: the start
      assertThat(read(c, 2)).containsExactly("r0", "r1");
      c.rewind();
      assertThat(read(c, 1)).containsExactly("r0");
      c.commit();
      assertThat(read(c, 2)).containsExactly("r1", "r2");
      c.rewind();
      assertThat(read(c, 10)).containsExactly("r1", "r2", "r3");
      c.rewind();
      c.commit(); // nothing read since the rewind: the committed position stays
      assertThat(c.backlog()).isEqualTo(3);
    }
  }

  @Test
  void backlogCountsRecordsAfterTheCommit() {
    try (ChronicleJournal j = ChronicleJournal.open(dir()); Cursor c = j.cursor("t")) {
      assertThat(c.backlog()).isZero();
      append(j, 0, 10);
      assertThat(c.backlog()).isEqualTo(10);
      read(c, 4);
      assertThat(c.backlog()).as("reads alone do not count").isEqualTo(10);
      c.commit();
      assertThat(c.backlog()).isEqualTo(6);
      assertThat(j.backlog("t")).isEqualTo(6);
      assertThat(j.backlog("never-opened")).isEqualTo(10);
      assertThat(j.cursorNames()).containsExactly("t");
    }
  }

  @Test
  void cursorNameIsOpenOnceAndChecked() {
    try (ChronicleJournal j = ChronicleJournal.open(dir())) {
      Cursor c = j.cursor("host::module");
      assertThatThrownBy(() -> j.cursor("host::module")).isInstanceOf(IllegalStateException.class);
      c.close();
      j.cursor("host::module").close(); // closed: may be opened again
      for (String bad : List.of("", "a b", "replicated:x", "x.lock", "x.version")) {
        assertThatThrownBy(() -> j.cursor(bad)).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void directoryIsPrivate() throws Exception {
    ChronicleJournal.open(dir()).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())))
        .isEqualTo("rwx------");
  }
}
