package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import jnr.ffi.Pointer;

/**
 * File system calls on byte paths. Java's file API decodes names with {@code sun.jnu.encoding}
 * and cannot name a file whose name is not valid in it (a GBK name such as bytes
 * {@code B2 E2 ".txt"} under LANG=C.UTF-8), so the watcher lists directories here, and tests
 * create such files here. Paths are absolute or relative to the working directory, without NUL.
 */
public final class NativeFs {
  private NativeFs() {}

  /** What {@link #lstatType} and {@link #list} report; symlinks are never followed. */
  public enum FileType { MISSING, DIRECTORY, REGULAR, SYMLINK, OTHER, UNKNOWN }

  /** One directory entry; {@code name[off, off+len)} is reused after the call returns. */
  @FunctionalInterface
  public interface EntryVisitor {
    void entry(byte[] name, int off, int len, FileType type);
  }

  /** The bytes the JVM uses for {@code path} (what the kernel sees when Java opens it). */
  public static byte[] bytes(Path path) {
    return path.toString().getBytes(jnuCharset());
  }

  /** {@code dir + "/" + name}, for building a path from Java {@code dir} and a byte name. */
  public static byte[] join(Path dir, byte[] name) {
    byte[] c = Native.cpath(bytes(dir), name);
    byte[] p = new byte[c.length - 1];
    System.arraycopy(c, 0, p, 0, p.length);
    return p;
  }

  /**
   * {@code dir + "/" + name[off, off+len)} as a new array, or just the name when {@code dir} is
   * empty (a root-relative path at the root).
   */
  public static byte[] join(byte[] dir, byte[] name, int off, int len) {
    if (dir.length == 0) {
      return java.util.Arrays.copyOfRange(name, off, off + len);
    }
    byte[] p = new byte[dir.length + 1 + len];
    System.arraycopy(dir, 0, p, 0, dir.length);
    p[dir.length] = '/';
    System.arraycopy(name, off, p, dir.length + 1, len);
    return p;
  }

  /** Creates or truncates a regular file (mode 0644) and writes {@code content} to it. */
  public static void writeFile(byte[] path, byte[] content) throws IOException {
    LibC c = Native.C;
    int fd = c.open(Native.cpath(path), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw failure("open", path);
    }
    try {
      int done = 0;
      while (done < content.length) {
        byte[] chunk = done == 0 ? content : java.util.Arrays.copyOfRange(content, done, content.length);
        long n = c.write(fd, chunk, chunk.length);
        if (n < 0) {
          if (Native.errno() == EINTR) {
            continue;
          }
          throw failure("write", path);
        }
        done += (int) n;
      }
    } finally {
      c.close(fd);
    }
  }

  public static void mkdir(byte[] path) throws IOException {
    if (Native.C.mkdir(Native.cpath(path), 0755) != 0) {
      throw failure("mkdir", path);
    }
  }

  public static void rename(byte[] from, byte[] to) throws IOException {
    if (Native.C.rename(Native.cpath(from), Native.cpath(to)) != 0) {
      throw failure("rename", from);
    }
  }

  public static void unlink(byte[] path) throws IOException {
    if (Native.C.unlink(Native.cpath(path)) != 0) {
      throw failure("unlink", path);
    }
  }

  public static void rmdir(byte[] path) throws IOException {
    if (Native.C.rmdir(Native.cpath(path)) != 0) {
      throw failure("rmdir", path);
    }
  }

  /** The type of {@code path} itself (a symlink is SYMLINK); MISSING when it does not exist. */
  public static FileType lstatType(byte[] path) throws IOException {
    byte[] stx = new byte[256];
    if (Native.C.statx(AT_FDCWD, Native.cpath(path), AT_SYMLINK_NOFOLLOW, STATX_TYPE, stx) != 0) {
      int e = Native.errno();
      if (e == ENOENT || e == ENOTDIR) {
        return FileType.MISSING;
      }
      throw failure("statx", path);
    }
    int mode = (stx[28] & 0xff) | (stx[29] & 0xff) << 8; // stx_mode: u16 at offset 28
    return switch (mode & S_IFMT) {
      case S_IFDIR -> FileType.DIRECTORY;
      case S_IFREG -> FileType.REGULAR;
      case S_IFLNK -> FileType.SYMLINK;
      default -> FileType.OTHER;
    };
  }

  /**
   * The size of {@code path} when it is a regular file itself (a symlink is not followed), else
   * -1 (gone, a directory, a symlink, a device): the big-file lane's split (worker.Lanes).
   */
  public static long lstatRegularSize(byte[] path) throws IOException {
    byte[] stx = new byte[256];
    if (Native.C.statx(AT_FDCWD, Native.cpath(path), AT_SYMLINK_NOFOLLOW,
        STATX_TYPE | STATX_SIZE, stx) != 0) {
      int e = Native.errno();
      if (e == ENOENT || e == ENOTDIR) {
        return -1;
      }
      throw failure("statx", path);
    }
    int mode = (stx[28] & 0xff) | (stx[29] & 0xff) << 8; // stx_mode: u16 at offset 28
    if ((mode & S_IFMT) != S_IFREG) {
      return -1;
    }
    // struct statx: stx_size (u64) at offset 40, in the machine's byte order.
    return java.nio.ByteBuffer.wrap(stx).order(java.nio.ByteOrder.nativeOrder()).getLong(40);
  }

  /**
   * The change time (ctime) of {@code path} itself in milliseconds, or -1 when it is gone.
   * ctime moves on every write, chmod, link count change and rename, and no user can set it back:
   * what the start-up scan trusts to find what changed while the daemon was down.
   */
  public static long lstatCtimeMillis(byte[] path) throws IOException {
    byte[] stx = new byte[256];
    if (Native.C.statx(AT_FDCWD, Native.cpath(path), AT_SYMLINK_NOFOLLOW, STATX_CTIME, stx) != 0) {
      int e = Native.errno();
      if (e == ENOENT || e == ENOTDIR) {
        return -1;
      }
      throw failure("statx", path);
    }
    // struct statx: stx_ctime (s64 tv_sec, u32 tv_nsec) at offset 96, little-endian on x86/arm.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(stx).order(java.nio.ByteOrder.nativeOrder());
    long sec = b.getLong(96);
    int nsec = b.getInt(104);
    return sec * 1000 + nsec / 1_000_000;
  }

  /**
   * Calls {@code visitor} for every entry of {@code dir} except "." and "..", in directory order,
   * with the d_type the file system reports (UNKNOWN on some: ask {@link #lstatType}).
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} is gone or not a directory
   */
  public static void list(byte[] dir, EntryVisitor visitor) throws IOException {
    LibC c = Native.C;
    Pointer d = c.opendir(Native.cpath(dir));
    if (d == null) {
      throw failure("opendir", dir);
    }
    byte[] name = new byte[256];
    try {
      for (Pointer e = c.readdir(d); e != null; e = c.readdir(d)) {
        int len = e.indexOf(19, (byte) 0);
        if (len < 0) {
          continue;
        }
        if (len > name.length) {
          name = new byte[len];
        }
        e.get(19, name, 0, len);
        if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) {
          continue;
        }
        visitor.entry(name, 0, len, type(e.getByte(18) & 0xff));
      }
    } finally {
      c.closedir(d);
    }
  }

  private static FileType type(int dtype) {
    return switch (dtype) {
      case DT_DIR -> FileType.DIRECTORY;
      case DT_REG -> FileType.REGULAR;
      case DT_LNK -> FileType.SYMLINK;
      case DT_UNKNOWN -> FileType.UNKNOWN;
      default -> FileType.OTHER;
    };
  }

  private static IOException failure(String call, byte[] path) {
    int e = Native.errno();
    // escaped: the message is logged, and a name may hold a newline or ESC (docs/security.md)
    String p = org.syncspool.text.PathEscape.escape(path);
    String msg = call + " failed: " + Native.describe(e);
    if (e == ENOENT || e == ENOTDIR) {
      return new java.nio.file.NoSuchFileException(p, null, msg);
    }
    return new IOException(p + ": " + msg);
  }

  private static Charset jnuCharset() {
    String enc = System.getProperty("sun.jnu.encoding");
    try {
      return enc == null ? Charset.defaultCharset() : Charset.forName(enc);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }
}
