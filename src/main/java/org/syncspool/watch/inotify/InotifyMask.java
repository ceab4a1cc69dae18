package org.syncspool.watch.inotify;

/**
 * Constants from {@code <sys/inotify.h>}, {@code <sys/eventfd.h>}, {@code <poll.h>},
 * {@code <fcntl.h>} and {@code <errno.h>}. The values are the same on x86_64 and aarch64 Linux
 * (the generic and x86 ABIs agree on every constant used here).
 */
public final class InotifyMask {
  private InotifyMask() {}

  // Events (struct inotify_event.mask and inotify_add_watch mask)
  public static final int IN_ACCESS = 0x00000001;
  public static final int IN_MODIFY = 0x00000002;
  public static final int IN_ATTRIB = 0x00000004;
  public static final int IN_CLOSE_WRITE = 0x00000008;
  public static final int IN_CLOSE_NOWRITE = 0x00000010;
  public static final int IN_OPEN = 0x00000020;
  public static final int IN_MOVED_FROM = 0x00000040;
  public static final int IN_MOVED_TO = 0x00000080;
  public static final int IN_CREATE = 0x00000100;
  public static final int IN_DELETE = 0x00000200;
  public static final int IN_DELETE_SELF = 0x00000400;
  public static final int IN_MOVE_SELF = 0x00000800;
  // Only in event masks
  public static final int IN_UNMOUNT = 0x00002000;
  public static final int IN_Q_OVERFLOW = 0x00004000;
  public static final int IN_IGNORED = 0x00008000;
  public static final int IN_ISDIR = 0x40000000;
  // Only for inotify_add_watch
  public static final int IN_ONLYDIR = 0x01000000;
  public static final int IN_DONT_FOLLOW = 0x02000000;
  public static final int IN_EXCL_UNLINK = 0x04000000;
  public static final int IN_MASK_CREATE = 0x10000000;
  public static final int IN_MASK_ADD = 0x20000000;
  public static final int IN_ONESHOT = 0x80000000;

  // inotify_init1 / eventfd flags (O_NONBLOCK, O_CLOEXEC)
  public static final int IN_NONBLOCK = 0x800;
  public static final int IN_CLOEXEC = 0x80000;
  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;

  // poll
  public static final short POLLIN = 0x1;

  // open(2)
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_CREAT = 0x40;
  public static final int O_EXCL = 0x80;
  public static final int O_TRUNC = 0x200;
  public static final int O_CLOEXEC = 0x80000;

  // statx / *at
  public static final int AT_FDCWD = -100;
  public static final int AT_SYMLINK_NOFOLLOW = 0x100;
  public static final int STATX_TYPE = 0x1;
  /** statx(2): ask for stx_ctime. */
  public static final int STATX_CTIME = 0x80;
  public static final int STATX_SIZE = 0x200;
  public static final int S_IFMT = 0xF000;
  public static final int S_IFDIR = 0x4000;
  public static final int S_IFREG = 0x8000;
  public static final int S_IFLNK = 0xA000;

  // struct dirent d_type
  public static final int DT_UNKNOWN = 0;
  public static final int DT_DIR = 4;
  public static final int DT_REG = 8;
  public static final int DT_LNK = 10;

  // errno
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ENOSPC = 28;

  /** Always subscribed: what keeps the watch tree right (docs/architecture.md, Event rules). */
  public static final int TREE = IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE
      | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_ONLYDIR;
}
