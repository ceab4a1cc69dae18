package org.syncspool.dirfd;

import jnr.ffi.annotations.In;

/** The libc calls of {@link DirHandle}, bound by jnr-ffi. Paths are NUL-terminated bytes. */
public interface DirLibC {
  int open(@In byte[] path, int flags, int mode);

  int openat(int dirfd, @In byte[] path, int flags, int mode);

  int unlinkat(int dirfd, @In byte[] path, int flags);

  int close(int fd);
}
