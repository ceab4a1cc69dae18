package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * Issue 10 item 5: each damage the attack found, made to a real journal, is found by the check
 * at once and named by its file; a sound journal passes. Every case failed before: the check did
 * not exist, and the daemon stalled, looped or exited 70/73 on these files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalCheckTest {
  @TempDir Path tmp;

  private Path journal() {
    Path dir = tmp.resolve("journal");
    try (ChronicleJournal j = ChronicleJournal.open(dir); Cursor c = j.cursor("t")) {
      Batches.append(j, 0, 20);
      j.accept(Batches.of(20, "needle-path"));
      Batches.append(j, 21, 30);
      EventBatch into = new EventBatch();
      c.next(into);
      c.commit();
    }
    return dir;
  }

  private static Path cycle(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
    }
  }

  /** The offset of the needle's path bytes in the cycle file. */
  private static long needle(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    byte[] n = "needle-path".getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= all.length; i++) {
      for (int k = 0; k < n.length; k++) {
        if (all[i + k] != n[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }

  private static void write(Path file, long at, byte[] bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      f.write(bytes);
    }
  }

  private static byte[] noise(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void aSoundJournalAnEmptyOneAndNoneAtAllPass() throws IOException {
    assertThat(JournalCheck.check(journal())).isNull();
    ChronicleJournal.open(tmp.resolve("empty")).close();
    assertThat(JournalCheck.check(tmp.resolve("empty"))).isNull();
    assertThat(JournalCheck.check(tmp.resolve("absent"))).isNull();
  }

  @Test
  void aGarbledCycleHeaderIsNamed() throws IOException {
    Path dir = journal();
    Path cq4 = cycle(dir);
    write(cq4, 0, noise(200));
    long t0 = System.nanoTime();
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file().getFileName()).isIn(cq4.getFileName(), Path.of("metadata.cq4t"));
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(15);
  }

  @Test
  void aGarbledRecordIsNamedWithItsIndex() throws IOException {
    Path dir = journal();
    Path cq4 = cycle(dir);
    // the needle's path length: far past its record
    write(cq4, needle(cq4) - 4, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0x7f});
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file()).isEqualTo(cq4);
    assertThat(d.reason()).startsWith("record ").contains("path length");
  }

  @Test
  void aGarbledRecordHeaderThatStopsReadingIsNamed() throws IOException {
    Path dir = journal();
    Path cq4 = cycle(dir);
    // Chronicle's 4-byte length and flags before the needle's record (batch and event headers)
    long header = needle(cq4) - EventBatch.EVENT_HEADER - EventBatch.HEADER - 4;
    write(cq4, header, new byte[] {(byte) 0x13, (byte) 0x37, (byte) 0xff, (byte) 0xbf});
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file()).as(d.toString()).isEqualTo(cq4);
  }

  @Test
  void aCycleFileTruncatedTo1000BytesIsNamed() throws IOException {
    Path dir = journal();
    Path cq4 = cycle(dir);
    try (RandomAccessFile f = new RandomAccessFile(cq4.toFile(), "rw")) {
      f.setLength(1000);
    }
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file()).isEqualTo(cq4);
  }

  @Test
  void garbledMetadataIsNamed() throws IOException {
    Path dir = journal();
    write(dir.resolve("metadata.cq4t"), 0, noise(300));
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file().getFileName().toString()).isEqualTo("metadata.cq4t");
  }

  @Test
  void missingMetadataBesideCycleFilesIsDamage() throws IOException {
    Path dir = journal();
    Files.delete(dir.resolve("metadata.cq4t"));
    assertThat(JournalCheck.check(dir)).isNotNull();
  }

  @Test
  void aMarkerLeftByARunningDaemonIsDamageWithoutReading() throws IOException {
    Path dir = journal();
    Path cq4 = cycle(dir);
    JournalCheck.markDamaged(dir, new JournalCheck.Damage(cq4, "record 1:2: unknown kind\nX"));
    JournalCheck.Damage d = JournalCheck.check(dir);
    assertThat(d).isNotNull();
    assertThat(d.file()).isEqualTo(cq4);
    assertThat(d.reason()).isEqualTo("record 1:2: unknown kind X (found while the daemon ran)");
  }

  @Test
  void movingAsideKeepsEverythingUnderAStampedName() throws IOException {
    Path dir = journal();
    Path first = JournalCheck.moveAside(dir, 0);
    assertThat(first.getFileName().toString()).isEqualTo("journal.damaged-19700101T000000Z");
    assertThat(Files.exists(dir)).isFalse();
    assertThat(Files.exists(first.resolve("metadata.cq4t"))).isTrue();
    Files.createDirectory(dir);
    assertThat(JournalCheck.moveAside(dir, 0).getFileName().toString())
        .isEqualTo("journal.damaged-19700101T000000Z-2");
  }

  @Test
  void aReaderThatMeetsADamagedRecordReportsItOnceAndHandsNothingOn() throws IOException {
    Path dir = tmp.resolve("live");
    java.util.List<JournalCheck.Damage> reported = new java.util.ArrayList<>();
    try (ChronicleJournal j = ChronicleJournal.open(dir); Cursor c = j.cursor("t")) {
      j.onDamage(reported::add);
      j.accept(Batches.of(1, "before"));
      j.accept(Batches.of(2, "needle-path"));
      Path cq4 = cycle(dir);
      // the file is mapped: this write is what the reader sees next
      write(cq4, needle(cq4) - 4, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0x7f});
      EventBatch into = new EventBatch();
      assertThat(c.next(into)).isTrue();
      assertThat(Batches.names(into)).containsExactly("before");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.next(into))
          .isInstanceOf(JournalDamagedException.class).hasMessageContaining("path length");
      assertThat(reported).singleElement().satisfies(d -> {
        assertThat(d.file()).isEqualTo(cq4);
        assertThat(d.reason()).startsWith("record ");
      });
    }
  }

  @Test
  void problemTable() {
    EventBatch ok = Batches.of(1, "a", "b/c");
    assertThat(ok.problem()).isNull();
    assertThat(Batches.of(1).problem()).isNull();
    byte[] abs = "/etc/x".getBytes(StandardCharsets.US_ASCII);
    EventBatch b = new EventBatch(64).reset(1);
    b.add(EventKind.MODIFY, false, 0, 0, abs, 0, abs.length);
    assertThat(b.problem()).isEqualTo("event 0 has an absolute path");
    byte[] nul = {'a', 0, 'b'};
    b.reset(1).add(EventKind.MODIFY, false, 0, 0, nul, 0, nul.length);
    assertThat(b.problem()).isEqualTo("event 0 has a NUL in its path");
    byte[] raw = java.util.Arrays.copyOf(ok.bytes(), ok.size());
    raw[EventBatch.HEADER] = (byte) 200;
    EventBatch bad = new EventBatch(64);
    bad.load(raw, 0, raw.length);
    assertThat(bad.problem()).isEqualTo("event 0 has unknown kind 200");
    raw = java.util.Arrays.copyOf(ok.bytes(), ok.size());
    raw[8] = 3; // count 3, two events there
    bad.load(raw, 0, raw.length);
    assertThat(bad.problem()).startsWith("event 2 of 3 runs past");
    raw[8] = 1; // count 1, a second event left over
    bad.load(raw, 0, raw.length);
    assertThat(bad.problem()).endsWith("bytes after the last of 1 events");
    raw[8] = (byte) 0xff;
    raw[9] = (byte) 0xff;
    raw[10] = (byte) 0xff;
    raw[11] = (byte) 0xff;
    bad.load(raw, 0, raw.length);
    assertThat(bad.problem()).isEqualTo("negative event count -1");
  }
}
