package org.syncspool.dirfd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files: what another user may have planted under a name is never followed. */
class DirHandleTest {
  @TempDir
  Path tmp;

  @Test
  void createsAnEmptyPrivateFileAndRemovesIt() throws Exception {
    try (DirHandle d = DirHandle.open(tmp)) {
      d.createNew("c");
      assertThat(tmp.resolve("c")).isEmptyFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("c"))))
          .isEqualTo("rw-------");
      assertThat(d.remove("c")).isTrue();
      assertThat(d.remove("c")).isFalse();
    }
  }

  @Test
  void aSymlinkAtTheNameIsNeitherFollowedNorTruncated() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "nineteen bytes here");
    Files.createSymbolicLink(tmp.resolve("link"), victim);
    Path dangling = tmp.resolve("created-by-root");
    Files.createSymbolicLink(tmp.resolve("dangling"), dangling);
    try (DirHandle d = DirHandle.open(tmp)) {
      assertThatThrownBy(() -> d.createNew("link")).isInstanceOf(FileAlreadyExistsException.class);
      assertThatThrownBy(() -> d.createNew("dangling"))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(d.remove("link")).isTrue();
    }
    assertThat(victim).hasContent("nineteen bytes here");
    assertThat(dangling).doesNotExist();
    assertThat(Files.exists(tmp.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void namesWithASlashAreRefused() throws Exception {
    try (DirHandle d = DirHandle.open(tmp)) {
      assertThatThrownBy(() -> d.createNew("../x")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> d.createNew("..")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
