package org.syncspool.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.syncspool.watch.inotify.NativeFs;

/** The real {@link FileSystem}: the kernel's, through the native leaf {@link NativeFs}. */
public final class NativeFileSystem implements FileSystem {
  public static final NativeFileSystem INSTANCE = new NativeFileSystem();

  private NativeFileSystem() {}

  @Override
  public void list(byte[] dir, EntryVisitor visitor) throws IOException {
    // NativeFs's visitor cannot throw: carry the visitor's IOException out, and stop listing.
    try {
      NativeFs.list(dir, (name, off, len, type) -> {
        try {
          visitor.entry(name, off, len, of(type));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public FileType type(byte[] path) throws IOException {
    return of(NativeFs.lstatType(path));
  }

  @Override
  public long ctimeMillis(byte[] path) throws IOException {
    return NativeFs.lstatCtimeMillis(path);
  }

  private static FileType of(NativeFs.FileType t) {
    return switch (t) {
      case MISSING -> FileType.MISSING;
      case DIRECTORY -> FileType.DIRECTORY;
      case REGULAR -> FileType.REGULAR;
      case SYMLINK -> FileType.SYMLINK;
      case OTHER -> FileType.OTHER;
      case UNKNOWN -> FileType.UNKNOWN;
    };
  }
}
