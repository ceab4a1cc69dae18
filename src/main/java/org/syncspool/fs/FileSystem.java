package org.syncspool.fs;

import java.io.IOException;
import java.nio.file.Path;
import org.syncspool.watch.inotify.NativeFs;

/**
 * The file-system calls of the scan, tree listing, change list and inotify check, on byte paths
 * (absolute, or relative to the working directory; no NUL). Symlinks are never followed.
 */
public interface FileSystem {

  /** One directory entry; {@code name[off, off+len)} is only valid during the call. */
  @FunctionalInterface
  interface EntryVisitor {
    void entry(byte[] name, int off, int len, FileType type) throws IOException;
  }

  /**
   * Calls {@code visitor} for every entry of {@code dir} except "." and "..", with the type the
   * listing reports (may be {@link FileType#UNKNOWN}). An IOException of the visitor ends the
   * listing and is thrown from here.
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} is gone or not a directory
   */
  void list(byte[] dir, EntryVisitor visitor) throws IOException;

  /** The type of {@code path} itself; {@link FileType#MISSING} when it does not exist. */
  FileType type(byte[] path) throws IOException;

  /**
   * The change time of {@code path} itself in milliseconds, or -1 when it is gone. ctime moves on
   * every write, chmod, link count change and rename, and no user can set it back.
   */
  long ctimeMillis(byte[] path) throws IOException;

  /** The bytes the JVM uses for {@code path} (what the kernel sees when Java opens it). */
  static byte[] bytes(Path path) {
    return NativeFs.bytes(path);
  }

  /** {@code dir + "/" + name[off, off+len)}, or just the name when {@code dir} is empty. */
  static byte[] join(byte[] dir, byte[] name, int off, int len) {
    return NativeFs.join(dir, name, off, len);
  }
}
