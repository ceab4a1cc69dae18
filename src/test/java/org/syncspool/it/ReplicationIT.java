package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.inotify.NativeFs;

/**
 * End to end with real parts: inotify on a temp dir, the Chronicle journal, rsync to a local
 * directory, to a loopback rsync daemon with auth, and over ssh to a real sshd on loopback. Every
 * scenario ends in an exact comparison of the source and all three targets.
 */
class ReplicationIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new ReplicationFixture(tmp, false, true);
    f.start(false);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private Path src(String rel) {
    return f.source.resolve(rel);
  }

  @Test
  void createModifyDeleteFiles() throws Exception {
    Files.writeString(src("a.txt"), "one");
    Files.writeString(src("b.txt"), "two");
    f.awaitMirrored();
    Files.writeString(src("a.txt"), "one, changed");
    Files.delete(src("b.txt"));
    Files.writeString(src(".hidden"), "dot-files replicate too");
    f.awaitMirrored();
  }

  @Test
  void newDirectoryRaceMkdirPThenFilesInside() throws Exception {
    Files.createDirectories(src("a/b/c"));
    Files.writeString(src("a/b/c/deep.txt"), "written right after mkdir -p");
    Files.writeString(src("a/b/mid.txt"), "mid");
    Files.createDirectories(src("a/b/c/d/e"));
    Files.writeString(src("a/b/c/d/e/f.txt"), "f");
    f.awaitMirrored();
    Files.writeString(src("a/b/c/d/e/later.txt"), "a later event in a watched new dir");
    f.awaitMirrored();
  }

  @Test
  void renameFile() throws Exception {
    Files.writeString(src("old.txt"), "content");
    f.awaitMirrored();
    Files.move(src("old.txt"), src("new.txt"));
    f.awaitMirrored();
    assertThat(f.mirror.resolve("old.txt")).doesNotExist();
  }

  @Test
  void renameDirectoryHoldingFiles() throws Exception {
    Files.createDirectories(src("dir/sub"));
    Files.writeString(src("dir/x.txt"), "x");
    Files.writeString(src("dir/sub/y.txt"), "y");
    f.awaitMirrored();
    Files.move(src("dir"), src("renamed"));
    f.awaitMirrored();
    // The watch moved with the directory: a change under the new name replicates.
    Files.writeString(src("renamed/sub/z.txt"), "z");
    f.awaitMirrored();
  }

  @Test
  void deleteDirectoryTree() throws Exception {
    Files.createDirectories(src("tree/a/b"));
    Files.writeString(src("tree/a/b/f.txt"), "f");
    Files.writeString(src("tree/g.txt"), "g");
    f.awaitMirrored();
    try (Stream<Path> s = Files.walk(src("tree"))) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    f.awaitMirrored();
  }

  @Test
  void chmodOfFileAndDirectory() throws Exception {
    Files.createDirectories(src("d"));
    Files.writeString(src("d/script.sh"), "echo hi\n");
    f.awaitMirrored();
    Files.setPosixFilePermissions(src("d/script.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(src("d"), PosixFilePermissions.fromString("rwx--x---"));
    f.awaitMirrored();
  }

  @Test
  void symlinks() throws Exception {
    Files.writeString(src("target.txt"), "t");
    Files.createDirectories(src("realdir"));
    Files.createSymbolicLink(src("link-to-file"), Path.of("target.txt"));
    Files.createSymbolicLink(src("link-to-dir"), Path.of("realdir"));
    Files.createSymbolicLink(src("dangling"), Path.of("does/not/exist"));
    f.awaitMirrored();
    Files.delete(src("link-to-file"));
    Files.createSymbolicLink(src("link-to-file"), Path.of("realdir"));
    f.awaitMirrored();
  }

  @Test
  void awkwardNames() throws Exception {
    for (String name : new String[] {"with space.txt", "new\nline.txt", "-leading-dash.txt",
        "*?[glob].txt", "ünïcødé-文件.txt", "x`id`.txt", "$(id).txt", "--delete", "back\\slash"}) {
      Files.writeString(src(name), name);
    }
    Files.createDirectories(src("-dir with space"));
    Files.writeString(src("-dir with space/*"), "star");
    // A legacy GBK name: invalid UTF-8, must replicate byte for byte.
    byte[] gbk = {(byte) 0xB2, (byte) 0xE2, (byte) 0xCA, (byte) 0xD4, '.', 't', 'x', 't'};
    NativeFs.writeFile(NativeFs.join(f.source, gbk), "gbk".getBytes(StandardCharsets.UTF_8));
    f.awaitMirrored();
    Files.delete(src("new\nline.txt"));
    Files.delete(src("*?[glob].txt"));
    NativeFs.unlink(NativeFs.join(f.source, gbk));
    f.awaitMirrored();
  }

  /**
   * rsync drops --files-from lines starting with '#' or ';' even with --from0, and reads a
   * leading "- " or "+ " as a filter rule in some places: every batch kind must still copy,
   * rename and delete such top-level names (issue 17 item 4). Directories too, since a renamed
   * directory goes through a --link-dest run.
   */
  @Test
  void namesThatLookLikeCommentsOrFilterRules() throws Exception {
    String[] files = {"#notes", ";semi", "- dash space", "+ plus space", "!bang", "**", "[ab]",
        "\\#escaped"};
    for (String name : files) {
      Files.writeString(src(name), name);
    }
    for (String dir : new String[] {"#dir", ";dir", "- dir"}) {
      Files.createDirectories(src(dir + "/sub"));
      Files.writeString(src(dir + "/sub/inside.txt"), dir);
      Files.writeString(src(dir + "/#inner"), dir);
    }
    f.awaitMirrored();
    for (String name : files) {
      Files.writeString(src(name), name + ", changed");
    }
    Files.move(src("#notes"), src(";moved"));
    Files.move(src("#dir"), src(";renamed dir"));
    Files.move(src(";semi"), src("#dir-was-here"));
    Files.delete(src("- dash space"));
    try (Stream<Path> s = Files.walk(src(";dir"))) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    f.awaitMirrored();
    assertThat(f.mirror.resolve("#notes")).doesNotExist();
    assertThat(f.mirror.resolve(";dir")).doesNotExist();
    assertThat(f.mirror.resolve(";renamed dir/sub/inside.txt")).hasContent("#dir");
  }
}
