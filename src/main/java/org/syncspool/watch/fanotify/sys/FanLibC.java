package org.syncspool.watch.fanotify.sys;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions the fanotify watcher calls, bound by jnr-ffi like
 * {@code org.syncspool.watch.inotify.LibC}. Paths are NUL-terminated {@code byte[]}; a
 * {@code struct file_handle} is passed as its bytes ({@code u32 handle_bytes, int handle_type,
 * f_handle[]}). errno after a failed call: {@link Sys#errno()}.
 */
public interface FanLibC {
  int fanotify_init(int flags, int eventFileFlags);

  /** {@code mask} is a {@code uint64_t}: one register on the 64-bit ABIs. */
  int fanotify_mark(int fd, int flags, long mask, int dirfd, @In byte[] path);

  int open_by_handle_at(int mountFd, @In byte[] handle, int flags);

  int name_to_handle_at(int dirfd, @In byte[] path, @Out byte[] handle, @Out int[] mountId,
                        int flags);

  @ssize_t long readlink(@In byte[] path, @Out byte[] buf, @size_t long size);

  /** {@code struct statfs} (64-bit): f_fsid, two ints, at offset 56. */
  int statfs(@In byte[] path, @Out byte[] buf);

  int statx(int dirfd, @In byte[] path, int flags, int mask, @Out byte[] statxbuf);

  int open(@In byte[] path, int flags, int mode);

  int close(int fd);

  int eventfd(int initval, int flags);

  /** {@code fds}: {@code struct pollfd {int fd; short events; short revents;}}, 8 bytes each. */
  int poll(Pointer fds, long nfds, int timeoutMillis);

  @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

  @ssize_t long write(int fd, @In byte[] buf, @size_t long count);
}
