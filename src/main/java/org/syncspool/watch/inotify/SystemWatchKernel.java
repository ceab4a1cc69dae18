package org.syncspool.watch.inotify;

import java.io.IOException;

/** {@link WatchKernel} on one real inotify fd: the system calls, nothing decided here. */
final class SystemWatchKernel implements WatchKernel {
  private final LibC c = Native.C;
  private final int fd;
  private final int mask;

  SystemWatchKernel(int fd, int mask) {
    this.fd = fd;
    this.mask = mask;
  }

  @Override
  public int addWatch(byte[] dir) {
    int wd = c.inotify_add_watch(fd, Native.cpath(dir), mask);
    return wd >= 0 ? wd : -Native.errno();
  }

  @Override
  public void removeWatch(int wd) {
    c.inotify_rm_watch(fd, wd);
  }

  @Override
  public void listSubdirs(byte[] dir, NameVisitor visitor) throws IOException {
    NativeFs.list(dir, (name, off, len, type) -> {
      if (type == NativeFs.FileType.UNKNOWN) {
        type = typeOf(dir, name, off, len); // file systems without d_type
      }
      if (type == NativeFs.FileType.DIRECTORY) {
        visitor.name(name, off, len);
      }
    });
  }

  private static NativeFs.FileType typeOf(byte[] dir, byte[] name, int off, int len) {
    try {
      return NativeFs.lstatType(NativeFs.join(dir, name, off, len));
    } catch (IOException e) {
      return NativeFs.FileType.OTHER;
    }
  }

  @Override
  public String describe(int errno) {
    return Native.describe(errno);
  }
}
