package org.syncspool.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.inotify.NativeFs;
import org.syncspool.watch.inotify.NativeFs.FileType;

/**
 * Walks a root (names as bytes, symlinks not followed) and reports every path the filter
 * excludes, without descending into excluded directories: a full sync turns them into anchored
 * rsync exclude rules, because rsync cannot evaluate our regexes.
 */
final class ExcludedScan {
  private ExcludedScan() {}

  static void forEach(Path root, PathFilter filter, Consumer<byte[]> sink) throws IOException {
    walk(NativeFs.bytes(root), new byte[0], filter, sink);
  }

  private static void walk(byte[] abs, byte[] rel, PathFilter filter, Consumer<byte[]> sink)
      throws IOException {
    List<byte[]> subdirs = new ArrayList<>();
    try {
      NativeFs.list(abs, (name, off, len, type) -> {
        byte[] r = join(rel, name, off, len);
        if (filter.excluded(r, 0, r.length)) {
          sink.accept(r);
        } else if (type == FileType.DIRECTORY || type == FileType.UNKNOWN) {
          subdirs.add(r);
        }
      });
    } catch (NoSuchFileException gone) {
      return; // removed while we walked: nothing below it to exclude
    }
    for (byte[] d : subdirs) {
      byte[] dAbs = join(abs, d, rel.length == 0 ? 0 : rel.length + 1, d.length - (rel.length == 0 ? 0 : rel.length + 1));
      if (NativeFs.lstatType(dAbs) == FileType.DIRECTORY) {
        walk(dAbs, d, filter, sink);
      }
    }
  }

  /** {@code dir + "/" + name[off, off+len)}, or just the name when dir is empty. */
  private static byte[] join(byte[] dir, byte[] name, int off, int len) {
    if (dir.length == 0) {
      return java.util.Arrays.copyOfRange(name, off, off + len);
    }
    byte[] out = new byte[dir.length + 1 + len];
    System.arraycopy(dir, 0, out, 0, dir.length);
    out[dir.length] = '/';
    System.arraycopy(name, off, out, dir.length + 1, len);
    return out;
  }
}
