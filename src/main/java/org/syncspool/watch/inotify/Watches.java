package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/**
 * Adds and removes the kernel watches of one inotify fd and keeps the {@link WatchTable} in step.
 * Decides nothing about what is journaled, except a RESCAN for a directory it could not watch
 * (docs/architecture.md, Event rules: never silently leave a directory unwatched).
 */
final class Watches {
  private static final Logger log = LoggerFactory.getLogger(Watches.class);
  private static final byte[] EMPTY = new byte[0];
  /** One clear line per minute at most when the watch limit is hit, not one per directory. */
  private static final long LIMIT_LOG_EVERY_MILLIS = 60_000;

  private final WatchKernel kernel;
  private final byte[][] rootDirs;
  private final int[] rootIds;
  private final PathFilter filter;
  private final WatchTable table;
  private final LongSupplier clock;
  private long lastLimitLog = Long.MIN_VALUE;
  private int generation;
  /** Top directories that hit ENOSPC (their subtrees are unwatched): retried periodically. */
  private final List<Unwatched> overLimit = new ArrayList<>();

  // A work item, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Unwatched(int root, byte[] dir) {}

  Watches(WatchKernel kernel, byte[][] rootDirs, int[] rootIds, PathFilter filter,
          WatchTable table, LongSupplier clock) {
    this.kernel = kernel;
    this.rootDirs = rootDirs;
    this.rootIds = rootIds;
    this.filter = filter;
    this.table = table;
    this.clock = clock;
  }

  /**
   * Watches {@code rel} and every directory below it (not following symlinks, skipping excluded
   * ones). A directory that cannot be watched gets a RESCAN in {@code batch}; its subtree is
   * only counted, to say how many watches are missing.
   */
  void addTree(int root, byte[] rel, EventBatch batch) {
    addTree(root, rel, batch, 0);
  }

  private void addTree(int root, byte[] rel, EventBatch batch, int markGeneration) {
    ArrayDeque<byte[]> todo = new ArrayDeque<>();
    ArrayDeque<byte[]> unwatched = new ArrayDeque<>();
    int unwatchable = 0;
    todo.push(rel);
    while (!todo.isEmpty() || !unwatched.isEmpty()) {
      boolean counting = todo.isEmpty();
      byte[] dir = counting ? unwatched.pop() : todo.pop();
      if (counting) {
        unwatchable++;
      } else {
        int wd = kernel.addWatch(abs(root, dir));
        if (wd < 0) {
          int e = -wd;
          if (e == ENOENT || e == ENOTDIR) {
            continue; // gone or replaced since we saw it: its parent's events cover that
          }
          batch.add(EventKind.RESCAN, true, rootIds[root], 0, dir, 0, dir.length);
          if (e != ENOSPC) {
            log.warn("cannot watch {}: {}; journaled a RESCAN of it", show(root, dir),
                kernel.describe(e));
            continue;
          }
          unwatchable++;
          counting = true;
          overLimit.add(new Unwatched(root, dir));
        } else {
          table.put(wd, root, dir);
          if (markGeneration != 0) {
            table.mark(wd, markGeneration);
          }
        }
      }
      ArrayDeque<byte[]> next = counting ? unwatched : todo;
      listSubdirs(root, dir, next);
    }
    if (unwatchable > 0) {
      reportLimit(unwatchable);
    }
  }

  /** True while some directories could not be watched (the watch limit was hit). */
  boolean hasUnwatched() {
    return !overLimit.isEmpty();
  }

  /**
   * Covers the subtrees the watch limit left unwatched: journals a RESCAN of each (a sync of
   * that subtree, so nothing changed there stays behind for longer than one period) and tries to
   * watch them again; what still cannot be watched stays on the list for the next period.
   */
  void retryUnwatched(EventBatch batch) {
    List<Unwatched> again = new ArrayList<>(overLimit);
    overLimit.clear();
    for (Unwatched u : again) {
      batch.add(EventKind.RESCAN, true, rootIds[u.root()], 0, u.dir(), 0, u.dir().length);
      addTree(u.root(), u.dir(), batch);
    }
    if (overLimit.isEmpty()) {
      log.info("inotify watch limit: every directory is watched again ({} watches)",
          table.size());
    }
  }

  /** Removes the watches of {@code rel} and of every directory below it. */
  void removeTree(int root, byte[] rel) {
    for (int wd : table.subtree(root, rel)) {
      table.remove(wd);
      kernel.removeWatch(wd); // EINVAL when the kernel dropped it already: fine
    }
  }

  /**
   * After an overflow the table may have missed creates, renames and IN_IGNOREDs: watch every
   * directory again (add_watch on a watched inode returns its wd, so this also corrects paths)
   * and drop the wds no longer found.
   */
  void resync(EventBatch batch) {
    generation = generation == Integer.MAX_VALUE ? 1 : generation + 1;
    for (int root = 0; root < rootDirs.length; root++) {
      addTree(root, EMPTY, batch, generation);
    }
    table.removeUnmarked(generation, kernel::removeWatch);
  }

  private void listSubdirs(int root, byte[] dir, ArrayDeque<byte[]> into) {
    try {
      kernel.listSubdirs(abs(root, dir), (name, off, len) -> {
        byte[] child = NativeFs.join(dir, name, off, len);
        if (!filter.excluded(child, 0, child.length)) {
          into.push(child);
        }
      });
    } catch (NoSuchFileException e) {
      // vanished after the watch was added: its IN_IGNORED follows
    } catch (IOException e) {
      log.warn("cannot list {}: {}", show(root, dir), e.getMessage());
    }
  }

  /** The absolute path of {@code rel} under root {@code root}. */
  private byte[] abs(int root, byte[] rel) {
    byte[] dir = rootDirs[root];
    if (rel.length == 0) {
      return dir;
    }
    int slash = dir.length > 0 && dir[dir.length - 1] == '/' ? 0 : 1;
    byte[] p = java.util.Arrays.copyOf(dir, dir.length + slash + rel.length);
    if (slash == 1) {
      p[dir.length] = '/';
    }
    System.arraycopy(rel, 0, p, dir.length + slash, rel.length);
    return p;
  }

  private void reportLimit(int unwatchable) {
    long now = clock.getAsLong();
    if (lastLimitLog != Long.MIN_VALUE && now - lastLimitLog < LIMIT_LOG_EVERY_MILLIS) {
      return;
    }
    lastLimitLog = now;
    log.error("inotify watch limit reached: fs.inotify.max_user_watches={} is too small, {} "
        + "directories are watched and {} more could not be (RESCAN journaled for them); raise "
        + "it to at least {} plus the watches of other programs (sysctl -w "
        + "fs.inotify.max_user_watches=N); until then the unwatched subtrees are synced every {} "
        + "s", maxUserWatches(), table.size(), unwatchable, table.size() + unwatchable,
        InotifyWatcher.RETRY_UNWATCHED_MILLIS / 1000);
  }

  private static String maxUserWatches() {
    try {
      // Not readString: /proc files report size 0, and readString returned the first byte only.
      return Files.readAllLines(Path.of("/proc/sys/fs/inotify/max_user_watches")).get(0).trim();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private String show(int root, byte[] dir) {
    return org.syncspool.text.PathEscape.escape(abs(root, dir)); // a name may hold a newline
  }
}
