package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.watch.fanotify.sys.FanLibC;
import org.syncspool.watch.fanotify.sys.Sys;

/**
 * One fanotify group ({@code FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME}) with one filesystem mark per
 * distinct file system under the roots, a mount fd per mark for {@code open_by_handle_at}, and
 * the {@link Resolver} that turns a directory's fid back into its path through
 * {@code /proc/self/fd}. {@link #open} says in one line why it cannot be made here
 * ({@link Unsupported}): what {@code watcher="fanotify"} fails with and {@code auto} logs.
 */
public final class FanotifyGroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FanotifyGroup.class);
  /** What keeps the paths right, whatever the toggles say. */
  static final long TREE = FAN_CREATE | FAN_DELETE | FAN_RENAME | FAN_ONDIR;
  private static final byte[] DELETED = " (deleted)".getBytes(StandardCharsets.US_ASCII);

  private final FanLibC c = Sys.C;
  final int fd;
  private final List<Mark> marks;
  private final byte[] handle = new byte[8 + 128];
  private final byte[] link = new byte[4096];
  private long resolveFailures;

  /** A filesystem mark: what it covers, the file system id its events carry, its mount fd. */
  @SuppressWarnings("ArrayRecordComponent") // private: the fsid is never compared as a record
  record Mark(MountTable.Filesystem fs, byte[] fsid, int mountFd) {}

  private FanotifyGroup(int fd, List<Mark> marks) {
    this.fd = fd;
    this.marks = List.copyOf(marks);
  }

  /**
   * Checks that fanotify can watch every root here and makes the group.
   *
   * @param roots real absolute paths (as /proc/self/fd names them)
   * @param mask  the events to mark, {@link #TREE} included
   */
  public static FanotifyGroup open(List<byte[]> roots, long mask) throws Unsupported {
    Capabilities caps = capabilities();
    if (!caps.has(Capabilities.CAP_SYS_ADMIN)) {
      throw new Unsupported("fanotify needs CAP_SYS_ADMIN (a filesystem mark) and this process "
          + "does not have it: run as root or use watcher=\"inotify\"");
    }
    if (!caps.has(Capabilities.CAP_DAC_READ_SEARCH)) {
      throw new Unsupported("fanotify needs CAP_DAC_READ_SEARCH (open_by_handle_at) and this "
          + "process does not have it: run as root or use watcher=\"inotify\"");
    }
    MountTable mounts;
    try {
      mounts = MountTable.parse(Files.readString(Path.of("/proc/self/mountinfo"),
          StandardCharsets.ISO_8859_1));
    } catch (IOException | RuntimeException e) {
      throw new Unsupported("fanotify: cannot read /proc/self/mountinfo: " + e.getMessage());
    }
    FanLibC c = Sys.C;
    int fd = c.fanotify_init(FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME | FAN_CLOEXEC | FAN_NONBLOCK,
        O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw new Unsupported(initFailure(Sys.errno()));
    }
    List<Mark> marks = new ArrayList<>();
    try {
      Map<String, MountTable.Filesystem> all = new LinkedHashMap<>();
      for (byte[] root : roots) {
        for (MountTable.Filesystem f : mounts.under(root)) {
          all.putIfAbsent(f.dev(), f);
        }
      }
      for (MountTable.Filesystem f : all.values()) {
        marks.add(mark(fd, f, mask));
      }
      for (int i = 0; i < marks.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (Arrays.equals(marks.get(i).fsid(), marks.get(j).fsid())) {
            throw new Unsupported("fanotify cannot tell " + marks.get(i).fs().describe() + " and "
                + marks.get(j).fs().describe() + " apart: they report the same file system id");
          }
        }
      }
      FanotifyGroup g = new FanotifyGroup(fd, marks);
      for (byte[] root : roots) {
        g.verify(root);
      }
      return g;
    } catch (Unsupported | RuntimeException e) {
      for (Mark m : marks) {
        c.close(m.mountFd());
      }
      c.close(fd);
      throw e;
    }
  }

  private static Capabilities capabilities() throws Unsupported {
    try {
      return Capabilities.parse(Files.readString(Path.of("/proc/self/status")));
    } catch (IOException | RuntimeException e) {
      throw new Unsupported("fanotify: cannot read this process's capabilities: "
          + e.getMessage());
    }
  }

  private static String kernel() {
    return "Linux " + System.getProperty("os.version");
  }

  private static String initFailure(int e) {
    return switch (e) {
      case EINVAL -> "fanotify: the kernel (" + kernel() + ") is too old: FAN_REPORT_DFID_NAME "
          + "needs Linux 5.9 and FAN_RENAME 5.17; use watcher=\"inotify\"";
      case EPERM -> "fanotify needs CAP_SYS_ADMIN and fanotify_init was refused (EPERM): run as "
          + "root or use watcher=\"inotify\"";
      case ENOSYS -> "fanotify: this kernel (" + kernel() + ") is built without it "
          + "(CONFIG_FANOTIFY)";
      case EMFILE -> "fanotify: too many groups (fs.fanotify.max_user_groups="
          + FanotifyLimits.read().maxUserGroups() + " reached)";
      default -> "fanotify_init failed: " + Sys.describe(e);
    };
  }

  private static Mark mark(int fd, MountTable.Filesystem f, long mask) throws Unsupported {
    FanLibC c = Sys.C;
    byte[] path = Sys.cpath(f.markPath());
    if (c.fanotify_mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, mask, AT_FDCWD, path) != 0) {
      int e = Sys.errno();
      String where = f.describe();
      if (e == EINVAL && c.fanotify_mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM,
          mask & ~FAN_RENAME, AT_FDCWD, path) == 0) {
        throw new Unsupported("fanotify: the kernel (" + kernel() + ") is too old: "
            + "FAN_RENAME needs Linux 5.17; use watcher=\"inotify\"");
      }
      throw new Unsupported(switch (e) {
        case EXDEV -> "fanotify cannot watch " + where + ": the subtree reports a file system id"
            + " of its own (a btrfs subvolume?), so its file handles cannot be told apart "
            + "(EXDEV); use watcher=\"inotify\"";
        case EOPNOTSUPP, ENODEV -> "fanotify cannot watch " + where + ": this file system does "
            + "not make file handles (" + Sys.describe(e) + "); use watcher=\"inotify\"";
        case ENOSPC -> "fanotify: mark limit reached (fs.fanotify.max_user_marks="
            + FanotifyLimits.read().maxUserMarks() + ")";
        case EPERM -> "fanotify needs CAP_SYS_ADMIN to mark " + where + " (EPERM)";
        default -> "fanotify cannot mark " + where + ": " + Sys.describe(e);
      });
    }
    byte[] fsid = Sys.fsid(f.markPath());
    // Not O_PATH: open_by_handle_at takes its mount fd with fdget, which refuses O_PATH (EBADF).
    int mountFd = c.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fsid == null || mountFd < 0) {
      int e = Sys.errno();
      if (mountFd >= 0) {
        c.close(mountFd);
      }
      throw new Unsupported("fanotify: cannot open " + f.describe() + ": " + Sys.describe(e));
    }
    return new Mark(f, fsid, mountFd);
  }

  /** The round trip every event takes: root → handle → open_by_handle_at → /proc/self/fd. */
  private void verify(byte[] root) throws Unsupported {
    String shown = new String(root, StandardCharsets.UTF_8);
    byte[] h = Sys.handleOf(root);
    if (h == null) {
      int e = Sys.errno();
      throw new Unsupported("fanotify cannot watch " + shown + ": its file system does not make "
          + "file handles (" + Sys.describe(e) + "); use watcher=\"inotify\"");
    }
    byte[] fsid = Sys.fsid(root);
    byte[] fid = new byte[8 + h.length];
    if (fsid != null) {
      System.arraycopy(fsid, 0, fid, 0, 8);
    }
    System.arraycopy(h, 0, fid, 8, h.length);
    Mark m = markOf(fid, 0);
    if (m == null) {
      throw new Unsupported("fanotify cannot watch " + shown + ": no mark holds its file system");
    }
    System.arraycopy(h, 0, handle, 0, Math.min(h.length, handle.length));
    int f = c.open_by_handle_at(m.mountFd(), handle, O_PATH | O_CLOEXEC);
    if (f < 0) {
      int e = Sys.errno();
      throw new Unsupported("fanotify cannot open " + shown + " by its handle ("
          + Sys.describe(e) + (e == EPERM ? ": CAP_DAC_READ_SEARCH is needed" : "")
          + "); use watcher=\"inotify\"");
    }
    try {
      byte[] p = Sys.fdPath(f, link);
      if (p == null || !Arrays.equals(p, root)) {
        throw new Unsupported("fanotify: " + shown + " opened by its handle is named "
            + (p == null ? "nothing" : new String(p, StandardCharsets.UTF_8))
            + " in /proc/self/fd (another mount namespace?); use watcher=\"inotify\"");
      }
    } finally {
      c.close(f);
    }
  }

  private Mark markOf(byte[] fid, int off) {
    for (Mark m : marks) {
      if (Arrays.equals(m.fsid(), 0, 8, fid, off, off + 8)) {
        return m;
      }
    }
    return null;
  }

  /** The kernel side of {@link Resolver}: reader thread only (shares scratch buffers). */
  Resolver resolver() {
    return this::path;
  }

  private byte[] path(byte[] buf, int off, int len) {
    Mark m = markOf(buf, off);
    int hl = len - 8;
    if (m == null || hl > handle.length || hl < 8) {
      return null;
    }
    System.arraycopy(buf, off + 8, handle, 0, hl);
    int f = c.open_by_handle_at(m.mountFd(), handle, O_PATH | O_CLOEXEC);
    if (f < 0) {
      int e = Sys.errno();
      if (e != ESTALE && e != ENOENT && resolveFailures++ % 10_000 == 0) {
        log.warn("fanotify: open_by_handle_at failed: {} (events in that directory are lost "
            + "until its parent reports it)", Sys.describe(e));
      }
      return null;
    }
    try {
      byte[] p = Sys.fdPath(f, link);
      if (p != null && endsWith(p, DELETED) && Sys.linkCount(f) == 0) {
        return null; // removed; its parent's DELETE covers it
      }
      return p;
    } finally {
      c.close(f);
    }
  }

  private static boolean endsWith(byte[] p, byte[] suffix) {
    return p.length >= suffix.length
        && Arrays.equals(p, p.length - suffix.length, p.length, suffix, 0, suffix.length);
  }

  /**
   * check-config's line: whether fanotify could watch these roots here, and its limits.
   *
   * @param roots real absolute paths
   */
  public static String assess(List<byte[]> roots, long mask) {
    String limits = FanotifyLimits.read().describe();
    try (FanotifyGroup g = open(roots, mask)) {
      return "fanotify: usable for every root: " + g.describeMarks() + "; " + limits;
    } catch (Unsupported e) {
      return "fanotify: not usable: " + e.getMessage() + "; " + limits;
    }
  }

  int markCount() {
    return marks.size();
  }

  /** {@code 1 filesystem mark (ext4 /srv/data)}. */
  public String describeMarks() {
    return marks.size() + " filesystem mark" + (marks.size() == 1 ? "" : "s") + " ("
        + marks.stream().map(m -> m.fs().describe()).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public void close() {
    for (Mark m : marks) {
      c.close(m.mountFd());
    }
    c.close(fd); // removes the marks
  }
}
