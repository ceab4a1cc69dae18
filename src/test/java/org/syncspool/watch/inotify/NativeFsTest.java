package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.inotify.NativeFs.FileType;

class NativeFsTest {
  @TempDir Path dir;

  private static final byte[] GBK = {(byte) 0xB2, (byte) 0xE2, '.', 't', 'x', 't'};

  @Test
  void createsListsRenamesAndRemovesByteNames() throws IOException {
    byte[] file = NativeFs.join(dir, GBK);
    NativeFs.writeFile(file, new byte[] {1, 2, 3});
    NativeFs.mkdir(NativeFs.join(dir, "sub".getBytes()));
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("sub"));

    Map<String, FileType> seen = new HashMap<>();
    byte[][] raw = new byte[1][];
    NativeFs.list(NativeFs.bytes(dir), (name, off, len, type) -> {
      byte[] n = Arrays.copyOfRange(name, off, off + len);
      if (n[0] == (byte) 0xB2) {
        raw[0] = n;
      }
      seen.put(new String(n), type);
    });
    assertThat(raw[0]).containsExactly(GBK);
    assertThat(seen).hasSize(3).containsEntry("sub", FileType.DIRECTORY)
        .containsEntry("link", FileType.SYMLINK);

    assertThat(NativeFs.lstatType(file)).isEqualTo(FileType.REGULAR);
    assertThat(NativeFs.lstatType(NativeFs.join(dir, "link".getBytes()))).isEqualTo(FileType.SYMLINK);
    assertThat(NativeFs.lstatType(NativeFs.join(dir, "nope".getBytes()))).isEqualTo(FileType.MISSING);

    byte[] moved = NativeFs.join(dir.resolve("sub"), GBK);
    NativeFs.rename(file, moved);
    assertThat(NativeFs.lstatType(moved)).isEqualTo(FileType.REGULAR);
    NativeFs.unlink(moved);
    NativeFs.rmdir(NativeFs.join(dir, "sub".getBytes()));
    assertThat(NativeFs.lstatType(NativeFs.join(dir, "sub".getBytes()))).isEqualTo(FileType.MISSING);
  }

  @Test
  void missingDirectoryIsNoSuchFile() {
    assertThatThrownBy(() -> NativeFs.list(NativeFs.join(dir, "gone".getBytes()), (n, o, l, t) -> { }))
        .isInstanceOf(NoSuchFileException.class);
  }
}
