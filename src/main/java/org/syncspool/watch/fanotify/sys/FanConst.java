package org.syncspool.watch.fanotify.sys;

/**
 * Constants from {@code <sys/fanotify.h>}, {@code <fcntl.h>}, {@code <poll.h>} and
 * {@code <errno.h>}; the same on x86_64 and aarch64 Linux.
 */
public final class FanConst {
  private FanConst() {}

  // fanotify_init flags
  public static final int FAN_CLOEXEC = 0x1;
  public static final int FAN_NONBLOCK = 0x2;
  public static final int FAN_CLASS_NOTIF = 0x0;
  public static final int FAN_REPORT_DIR_FID = 0x400;
  public static final int FAN_REPORT_NAME = 0x800;
  /** Linux 5.9: every event names its directory (file handle) and the entry. */
  public static final int FAN_REPORT_DFID_NAME = FAN_REPORT_DIR_FID | FAN_REPORT_NAME;

  // fanotify_mark flags
  public static final int FAN_MARK_ADD = 0x1;
  public static final int FAN_MARK_REMOVE = 0x2;
  /** Linux 4.20: the mark covers the whole file system (superblock). */
  public static final int FAN_MARK_FILESYSTEM = 0x100;

  // Event bits (mark mask and event mask; 64 bits)
  public static final long FAN_MODIFY = 0x2L;
  public static final long FAN_ATTRIB = 0x4L;
  public static final long FAN_CLOSE_WRITE = 0x8L;
  public static final long FAN_MOVED_FROM = 0x40L;
  public static final long FAN_MOVED_TO = 0x80L;
  public static final long FAN_CREATE = 0x100L;
  public static final long FAN_DELETE = 0x200L;
  public static final long FAN_DELETE_SELF = 0x400L;
  public static final long FAN_MOVE_SELF = 0x800L;
  public static final long FAN_Q_OVERFLOW = 0x4000L;
  /** Linux 5.17: one event with both names of a move. */
  public static final long FAN_RENAME = 0x10000000L;
  public static final long FAN_ONDIR = 0x40000000L;

  // Info record types (struct fanotify_event_info_header.info_type)
  public static final int FAN_EVENT_INFO_TYPE_FID = 1;
  public static final int FAN_EVENT_INFO_TYPE_DFID_NAME = 2;
  public static final int FAN_EVENT_INFO_TYPE_DFID = 3;
  public static final int FAN_EVENT_INFO_TYPE_OLD_DFID_NAME = 10;
  public static final int FAN_EVENT_INFO_TYPE_NEW_DFID_NAME = 12;

  /** struct fanotify_event_metadata.vers this code reads. */
  public static final int FANOTIFY_METADATA_VERSION = 3;
  /** struct fanotify_event_metadata.fd with FAN_REPORT_*FID: no fd. */
  public static final int FAN_NOFD = -1;

  // open(2), *at(2), statx(2)
  public static final int O_RDONLY = 0;
  public static final int O_DIRECTORY = 0x10000;
  public static final int O_CLOEXEC = 0x80000;
  public static final int O_PATH = 0x200000;
  public static final int AT_FDCWD = -100;
  public static final int AT_EMPTY_PATH = 0x1000;
  public static final int STATX_NLINK = 0x4;
  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;
  public static final short POLLIN = 0x1;

  // errno
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int ENODEV = 19;
  public static final int EXDEV = 18;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;
  public static final int ENOSYS = 38;
  public static final int EOPNOTSUPP = 95;
  public static final int ESTALE = 116;
}
