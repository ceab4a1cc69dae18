package org.syncspool.dirfd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planted symlinks and swappable directories where the daemon keeps its own files (real fs). */
class NoFollowTest {
  @TempDir
  Path tmp;

  @Test
  void aSymlinkAtAFileIsRefusedWithOneLineAndItsTargetUntouched() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "secret");
    Path link = Files.createSymbolicLink(tmp.resolve("list.jsonl"), victim);
    for (Set<StandardOpenOption> o : Set.of(
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        Set.of(StandardOpenOption.READ))) {
      assertThatThrownBy(() -> NoFollow.open(link, o).close())
          .hasMessage("refusing " + link + ": it is a symbolic link, and syncspool never writes "
              + "through one (remove it; see who can write " + tmp + ")");
    }
    Path dangling = Files.createSymbolicLink(tmp.resolve("x.lock"), tmp.resolve("created"));
    assertThatThrownBy(() -> NoFollow.open(dangling, Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)).close()).hasMessageContaining("symbolic link");
    assertThat(victim).hasContent("secret");
    assertThat(tmp.resolve("created")).doesNotExist();
  }

  @Test
  void aPlainFileOpens() throws Exception {
    try (FileChannel ch = NoFollow.open(tmp.resolve("f"), Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE))) {
      assertThat(ch.size()).isZero();
    }
  }

  @Test
  void newDirectoriesArePrivate() throws Exception {
    Path d = NoFollow.directory(tmp.resolve("a/b/c"));
    for (Path p : new Path[] {d, d.getParent(), d.getParent().getParent()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rwx------");
    }
    assertThat(NoFollow.directory(d)).isEqualTo(d); // again: fine
  }

  @Test
  void aSymlinkedOrForeignOrSwappableDirectoryIsRefused() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("tmp"), elsewhere);
    assertThatThrownBy(() -> NoFollow.directory(link))
        .hasMessage("refusing directory " + link + ": it is a symbolic link (syncspool keeps its "
            + "files only in real directories)");

    UserPrincipalLookupService users = tmp.getFileSystem().getUserPrincipalLookupService();
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.setOwner(foreign, users.lookupPrincipalByName("nobody"));
    assertThatThrownBy(() -> NoFollow.directory(foreign)).hasMessageContaining("owned by uid 65534");

    Path open = Files.createDirectories(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> NoFollow.directory(open.resolve("state")))
        .hasMessageContaining(open + " is writable by every user");
    Path byNobody = Files.createDirectories(tmp.resolve("nobodys"));
    Path mine = Files.createDirectories(byNobody.resolve("mine"));
    Files.setOwner(byNobody, users.lookupPrincipalByName("nobody"));
    assertThatThrownBy(() -> NoFollow.directory(mine))
        .hasMessageContaining(byNobody + " is owned by uid 65534");
    assertThatThrownBy(() -> NoFollow.directory(Path.of("/tmp")))
        .as("sticky is fine above, not for the directory itself")
        .hasMessageContaining("writable by every user");
  }
}
