package org.syncspool.watch.inotify;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions syncspool calls, bound by jnr-ffi (2.3.4: docs/architecture.md, JVM settings).
 * Every path is a NUL-terminated {@code byte[]} (see {@link Native#cpath}) because names need not
 * be UTF-8. errno after a failed call: {@link Native#errno()}.
 */
public interface LibC {
  int inotify_init1(int flags);

  int inotify_add_watch(int fd, @In byte[] path, int mask);

  int inotify_rm_watch(int fd, int wd);

  int eventfd(int initval, int flags);

  /** {@code fds}: {@code struct pollfd {int fd; short events; short revents;}}, 8 bytes each. */
  int poll(Pointer fds, long nfds, int timeoutMillis);

  @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

  @ssize_t long write(int fd, @In byte[] buf, @size_t long count);

  int close(int fd);

  int open(@In byte[] path, int flags, int mode);

  int mkdir(@In byte[] path, int mode);

  int rmdir(@In byte[] path);

  int rename(@In byte[] from, @In byte[] to);

  int unlink(@In byte[] path);

  /** glibc 2.28+; the struct layout is the same on every architecture, unlike struct stat. */
  int statx(int dirfd, @In byte[] path, int flags, int mask, @Out byte[] statxbuf);

  Pointer opendir(@In byte[] path);

  /** {@code struct dirent} (64-bit glibc): d_ino 0, d_off 8, d_reclen 16, d_type 18, d_name 19. */
  Pointer readdir(Pointer dir);

  int closedir(Pointer dir);
}
