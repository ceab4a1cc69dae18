package org.syncspool.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedListTest {
  @TempDir
  Path dir;

  static FailedEntry entry(String path, boolean tree) {
    return new FailedEntry(Instant.parse("2026-11-25T10:00:00Z"), "0:127.0.0.1::m",
        path.getBytes(StandardCharsets.UTF_8), tree, 23, 3, "rsync: mkstemp failed: Permission denied (13)");
  }

  @Test
  void appendsAreOwnerOnlyAndRoundTripEveryName() throws Exception {
    FailedList list = new FailedList(dir.resolve("sub/failed.t-x.jsonl"));
    byte[] gbk = {'d', '/', (byte) 0xd6, (byte) 0xd0, '.', 't', 'x', 't'}; // not UTF-8
    FailedEntry odd = new FailedEntry(Instant.EPOCH, "t", gbk, false, 11, 1, "line1\nline2\"q\"");
    list.append(List.of(entry("a b/ü.txt", false), odd, entry("", true)));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(list.file())))
        .isEqualTo("rw-------");
    List<String> lines = Files.readAllLines(list.file());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"path\":\"a b/ü.txt\"");
    assertThat(lines.get(1)).contains("\"path64\":");
    FailedList.Snapshot s = list.read();
    assertThat(s.malformed()).isEmpty();
    assertThat(s.entries()).containsExactly(entry("a b/ü.txt", false), odd, entry("", true));
    assertThat(list.size()).isEqualTo(3);
  }

  @Test
  void malformedLinesAreReportedWithTheirNumberAndMovedAsideNotLost() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("ok1", false)));
    Files.writeString(list.file(), "not json at all\n{\"target\":\"t\"}\n"
        + "{\"target\":\"t\",\"path\":\"../../etc/passwd\"}\n", java.nio.file.StandardOpenOption.APPEND);
    list.append(List.of(entry("ok2", false)));

    FailedList.Snapshot s = list.read();
    assertThat(s.entries()).extracting(FailedEntry::toString)
        .allMatch(t -> t.contains("ok1") || t.contains("ok2"));
    assertThat(s.malformed()).extracting(FailedList.Malformed::line).containsExactly(2, 3, 4);
    assertThat(s.malformed()).extracting(FailedList.Malformed::reason)
        .containsExactly("not JSON", "no path", "path must be relative, without '..'");

    list.rewrite(s, List.of(entry("ok2", false)));
    assertThat(Files.readAllLines(Path.of(list.file() + ".rejected"))).hasSize(3)
        .first().isEqualTo("not json at all");
    assertThat(list.read().entries()).containsExactly(entry("ok2", false));
  }

  @Test
  void aRewriteKeepsWhatWasAppendedWhileTheReplayRan() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    list.append(List.of(entry("old1", false), entry("old2", false)));
    FailedList.Snapshot s = list.read();
    list.append(List.of(entry("new", true))); // the daemon, during the replay
    list.rewrite(s, List.of(entry("old2", false)));
    assertThat(list.read().entries()).containsExactly(entry("old2", false), entry("new", true));
    assertThat(list.size()).isEqualTo(2);
  }

  @Test
  void onlyOneReplayHoldsAList() throws Exception {
    FailedList list = new FailedList(dir.resolve("f.jsonl"));
    try (FailedList.Locked first = list.tryReplayLock()) {
      assertThat(first).isNotNull();
      Thread other = new Thread(() -> {
        try {
          assertThat(list.tryReplayLock()).isNull();
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      });
      other.start();
      other.join();
      list.append(List.of(entry("appends never wait for a replay", false)));
    }
    try (FailedList.Locked again = list.tryReplayLock()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void filesFollowSersyncsFailLogPathOrTheStateDir() {
    assertThat(FailedList.fileFor(Path.of("/tmp/rsync_fail_log.sh"), Path.of("/var/lib/s"), "t-x"))
        .isEqualTo(Path.of("/tmp/rsync_fail_log.t-x.jsonl"));
    assertThat(FailedList.fileFor(null, Path.of("/var/lib/s"), "t-x"))
        .isEqualTo(Path.of("/var/lib/s/failed/failed.t-x.jsonl"));
  }

  @Test
  void missingListIsEmpty() throws Exception {
    FailedList list = new FailedList(dir.resolve("none.jsonl"));
    assertThat(list.size()).isZero();
    assertThat(list.read().entries()).isEmpty();
    List<FailedEntry> many = new ArrayList<>();
    assertThat(many).isEmpty();
  }

  /** Issue 10 item 1: links planted at the list, its .lock, its .rejected. */
  @Test
  void aSymlinkAtTheListOrItsLockIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "nineteen bytes here");
    Path created = dir.resolve("created-by-root");
    FailedList atList = new FailedList(dir.resolve("a.jsonl"));
    Files.createSymbolicLink(atList.file(), victim);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> atList.append(List.of(entry("x", false))))
        .hasMessageStartingWith("refusing " + atList.file() + ": it is a symbolic link");
    org.assertj.core.api.Assertions.assertThatThrownBy(atList::read)
        .hasMessageContaining("symbolic link");

    FailedList atLock = new FailedList(dir.resolve("b.jsonl"));
    Files.createSymbolicLink(Path.of(atLock.file() + ".lock"), created);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> atLock.append(List.of(entry("x", false))))
        .hasMessageStartingWith("refusing " + atLock.file() + ".lock: it is a symbolic link");

    FailedList atRejected = new FailedList(dir.resolve("c.jsonl"));
    Files.writeString(atRejected.file(), "not json\n");
    Files.createSymbolicLink(Path.of(atRejected.file() + ".rejected"), victim);
    FailedList.Snapshot s = atRejected.read();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> atRejected.rewrite(s, List.of()))
        .hasMessageContaining("symbolic link");
    assertThat(atRejected.file()).hasContent("not json"); // nothing lost

    assertThat(victim).hasContent("nineteen bytes here");
    assertThat(created).doesNotExist();
  }
}
