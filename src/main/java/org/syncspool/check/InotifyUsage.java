package org.syncspool.check;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.watch.PathFilter;

/**
 * Reads what {@link InotifyLimits} compares: the directories under the roots (walked the way the
 * watcher walks them: symlinks not followed, excluded directories skipped), the two sysctls, and
 * the watches this user's processes hold, counted from {@code /proc/PID/fdinfo} (one
 * {@code inotify wd:} line per watch) where readable: all of them as root, one's own otherwise.
 */
public final class InotifyUsage {
  private static final Path PROC = Path.of("/proc");
  private static final Path SYSCTL = Path.of("/proc/sys/fs/inotify");
  /** fdinfo of an inotify fd: one such line per watch (Linux 3.8+). */
  private static final String WATCH_LINE = "inotify wd:";

  private InotifyUsage() {}

  /**
   * At start: one WARN line with the fix when a limit is too low, nothing otherwise (the daemon
   * logs how many directories it watches). Never stops the start: the watcher copes (ENOSPC).
   */
  public static void warnIfLow(Config config) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InotifyLimits.class);
    try {
      InotifyLimits.Assessment a = assess(config);
      if (a.low()) {
        log.warn(a.message());
      }
    } catch (IOException | RuntimeException e) {
      log.debug("cannot read the inotify limits", e);
    }
  }

  /** Reads everything for {@code config}; IOException only when the sysctls cannot be read. */
  public static InotifyLimits.Assessment assess(Config config) throws IOException {
    PathFilter filter = new PathFilter(config.excludes());
    long dirs = 0;
    for (Root r : config.roots()) {
      dirs += countDirectories(NativeFileSystem.INSTANCE, FileSystem.bytes(r.watch()), filter);
    }
    return new InotifyLimits.Assessment(dirs, sysctl("max_user_watches"), heldWatches(),
        sysctl("max_queued_events"));
  }

  static long sysctl(String name) throws IOException {
    // One read(2): procfs answers a read at a non-zero offset with EOF, and readAllBytes (size 0
    // reported) reads one byte first, so it returned 1 here (as bench/WatchBurst found).
    try (java.io.InputStream in = Files.newInputStream(SYSCTL.resolve(name))) {
      byte[] b = new byte[64];
      int n = in.read(b);
      return Long.parseLong(new String(b, 0, Math.max(n, 0),
          java.nio.charset.StandardCharsets.US_ASCII).trim());
    }
  }

  /** The root and every directory below it that the watcher would watch. */
  static long countDirectories(FileSystem fs, byte[] root, PathFilter filter) {
    long n = 0;
    ArrayDeque<byte[]> todo = new ArrayDeque<>();
    todo.push(new byte[0]);
    while (!todo.isEmpty()) {
      byte[] rel = todo.pop();
      byte[] abs = rel.length == 0 ? root : FileSystem.join(root, rel, 0, rel.length);
      n++;
      try {
        fs.list(abs, (name, off, len, type) -> {
          byte[] child = FileSystem.join(rel, name, off, len);
          if (type == FileType.UNKNOWN) {
            type = typeOf(fs, FileSystem.join(abs, name, off, len));
          }
          if (type == FileType.DIRECTORY && !filter.excluded(child, 0, child.length)) {
            todo.push(child);
          }
        });
      } catch (IOException gone) {
        // vanished or unreadable: the watcher will say so for itself
      }
    }
    return n;
  }

  private static FileType typeOf(FileSystem fs, byte[] path) {
    try {
      return fs.type(path);
    } catch (IOException e) {
      return FileType.OTHER;
    }
  }

  /** Watches held by processes of this user, or -1 when /proc cannot be read at all. */
  static long heldWatches() {
    Object me;
    try {
      me = Files.getAttribute(PROC.resolve("self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
    long held = 0;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path pid : pids) {
        try {
          if (me.equals(Files.getAttribute(pid, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            held += inotifyWatches(pid);
          }
        } catch (IOException | SecurityException gone) {
          // exited meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return held;
  }

  static long inotifyWatches(Path pid) throws IOException {
    long n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          // readlink first: reading the fdinfo of every socket and file would cost far more.
          if (!Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
            continue;
          }
          String info = Files.readString(pid.resolve("fdinfo").resolve(fd.getFileName()));
          for (int i = info.indexOf(WATCH_LINE); i >= 0; i = info.indexOf(WATCH_LINE, i + 1)) {
            n++;
          }
        } catch (NoSuchFileException closed) {
          // closed meanwhile
        }
      }
    }
    return n;
  }
}
