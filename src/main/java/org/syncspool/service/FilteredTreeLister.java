package org.syncspool.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.batch.PathKey;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.PathFilter;

/** {@link TreeLister} over a root of a {@link FileSystem}: names as bytes, symlinks not followed. */
final class FilteredTreeLister implements TreeLister {
  private final FileSystem fs;
  private final byte[] root;
  private final PathFilter filter;

  FilteredTreeLister(Path root, PathFilter filter) {
    this(NativeFileSystem.INSTANCE, FileSystem.bytes(root), filter);
  }

  FilteredTreeLister(FileSystem fs, byte[] root, PathFilter filter) {
    this.fs = fs;
    this.root = root.clone();
    this.filter = filter;
  }

  @Override
  public boolean filtered() {
    return !filter.isEmpty();
  }

  @Override
  public void walk(PathKey under, Consumer<byte[]> included, Consumer<byte[]> excluded)
      throws IOException {
    byte[] rel = under.bytes();
    if (rel.length > 0 && filter.excluded(rel, 0, rel.length)) {
      excluded.accept(rel);
      return;
    }
    byte[] abs = rel.length == 0 ? root : FileSystem.join(root, rel, 0, rel.length);
    if (rel.length == 0 || fs.type(abs) == FileType.DIRECTORY) {
      walk(abs, rel, included, excluded);
    }
  }

  private void walk(byte[] abs, byte[] rel, Consumer<byte[]> included, Consumer<byte[]> excluded)
      throws IOException {
    List<byte[]> subdirs = new ArrayList<>();
    List<FileType> types = new ArrayList<>();
    try {
      fs.list(abs, (name, off, len, type) -> {
        byte[] r = FileSystem.join(rel, name, off, len);
        if (filter.excluded(r, 0, r.length)) {
          excluded.accept(r);
          return;
        }
        included.accept(r);
        if (type == FileType.DIRECTORY || type == FileType.UNKNOWN) {
          subdirs.add(r);
          types.add(type);
        }
      });
    } catch (NoSuchFileException gone) {
      return; // removed while we walked: its own events cover it
    }
    for (int i = 0; i < subdirs.size(); i++) {
      byte[] d = subdirs.get(i);
      byte[] dAbs = FileSystem.join(root, d, 0, d.length);
      if (types.get(i) == FileType.DIRECTORY || fs.type(dAbs) == FileType.DIRECTORY) {
        walk(dAbs, d, included, excluded);
      }
    }
  }
}
