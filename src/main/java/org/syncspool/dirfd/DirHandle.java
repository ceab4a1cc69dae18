package org.syncspool.dirfd;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * An open directory, and names created and removed relative to it. The directory is opened once
 * by path (a configured root: the administrator's path); every name below it goes through
 * {@code openat}/{@code unlinkat} on that descriptor, so renaming the directory or a symlink
 * planted at the name cannot redirect the call. Flags come from jnr-constants (they differ
 * between x86_64 and aarch64).
 */
public final class DirHandle implements AutoCloseable {
  private static final DirLibC C = LibraryLoader.create(DirLibC.class).load("c");
  private static final Runtime RUNTIME = Runtime.getRuntime(C);
  private static final int O_CLOEXEC = OpenFlags.O_CLOEXEC.intValue();
  private static final int DIR_FLAGS =
      OpenFlags.O_RDONLY.intValue() | OpenFlags.O_DIRECTORY.intValue() | O_CLOEXEC;
  /** Creates, never opens what is there: a symlink, a file, a FIFO under the name is EEXIST. */
  private static final int CREATE_FLAGS = OpenFlags.O_WRONLY.intValue()
      | OpenFlags.O_CREAT.intValue() | OpenFlags.O_EXCL.intValue()
      | OpenFlags.O_NOFOLLOW.intValue() | O_CLOEXEC;

  private final Path path;
  private int fd;

  private DirHandle(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /** Opens {@code dir}, which must be a directory. */
  public static DirHandle open(Path dir) throws IOException {
    int fd = C.open(cstring(dir.toString()), DIR_FLAGS, 0);
    if (fd < 0) {
      throw failure("cannot open directory " + dir, RUNTIME.getLastError());
    }
    return new DirHandle(dir, fd);
  }

  /**
   * Creates the empty regular file {@code name} (no '/'), mode 0600 before the umask.
   *
   * @throws FileAlreadyExistsException whatever is there already (a symlink included)
   */
  public void createNew(String name) throws IOException {
    byte[] n = checked(name);
    int f = C.openat(fd, n, CREATE_FLAGS, 0600);
    if (f < 0) {
      int errno = RUNTIME.getLastError();
      if (errno == Errno.EEXIST.intValue()) {
        throw new FileAlreadyExistsException(path.resolve(name).toString());
      }
      throw failure("cannot create " + path.resolve(name), errno);
    }
    C.close(f);
  }

  /** Removes the entry {@code name} (a symlink is removed, not followed); true if it was there. */
  public boolean remove(String name) throws IOException {
    if (C.unlinkat(fd, checked(name), 0) == 0) {
      return true;
    }
    int errno = RUNTIME.getLastError();
    if (errno == Errno.ENOENT.intValue()) {
      return false;
    }
    throw failure("cannot remove " + path.resolve(name), errno);
  }

  private static byte[] checked(String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a plain name: " + name);
    }
    return cstring(name);
  }

  private static byte[] cstring(String s) {
    byte[] b = s.getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
    byte[] c = new byte[b.length + 1];
    System.arraycopy(b, 0, c, 0, b.length);
    return c;
  }

  private static IOException failure(String what, int errno) {
    Errno e = Errno.valueOf(errno);
    return new IOException(what + ": " + (e == null || e == Errno.__UNKNOWN_CONSTANT__
        ? "errno " + errno : e.description()));
  }

  @Override
  public void close() {
    if (fd >= 0) {
      C.close(fd);
      fd = -1;
    }
  }
}
