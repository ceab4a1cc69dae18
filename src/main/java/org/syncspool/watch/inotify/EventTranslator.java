package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/**
 * Decoded kernel events -> journal events in the current {@link EventBatch}, keeping the watch
 * tree right on the way (new, moved and vanished directories). What is journaled follows the
 * {@link EventToggles} and the {@link PathFilter}; the watch bookkeeping does not depend on the
 * toggles. Runs on the reader thread only; allocates only for directory events (and, with a
 * filter, one decoded String per event for the regexes). Every name it sees lies in a watched
 * directory, which is never excluded: only the name's own path is matched against the filter.
 */
final class EventTranslator implements InotifyDecoder.Handler {
  private static final Logger log = LoggerFactory.getLogger(EventTranslator.class);
  private static final byte[] EMPTY = new byte[0];

  private final WatchTable table;
  private final Watches watches;
  private final EventToggles toggles;
  private final PathFilter filter;
  private final int[] rootIds;
  private EventBatch batch;
  private byte[] a = new byte[4096];
  private byte[] b = new byte[4096];

  EventTranslator(WatchTable table, Watches watches, EventToggles toggles, PathFilter filter,
                  int[] rootIds) {
    this.table = table;
    this.watches = watches;
    this.toggles = toggles;
    this.filter = filter;
    this.rootIds = rootIds;
  }

  /** Where the next events go. */
  void into(EventBatch batch) {
    this.batch = batch;
  }

  @Override
  public void event(int wd, int mask, int cookie, byte[] name, int off, int len) {
    if (!table.contains(wd)) {
      return; // a watch we already dropped
    }
    int root = table.root(wd);
    byte[] dirPath = table.path(wd);
    boolean dir = (mask & IN_ISDIR) != 0;
    if (len == 0) {
      // About the watched directory itself: its parent's watch reports it by name, except for
      // a root, which has no watched parent.
      if ((mask & IN_ATTRIB) != 0 && dirPath.length == 0 && toggles.attrib()) {
        batch.add(EventKind.ATTRIB, true, rootIds[root], 0, EMPTY, 0, 0);
      }
      return;
    }
    int n = joinInto(true, dirPath, name, off, len);
    if (filter.excludedInWatchedDir(a, 0, n)) {
      return;
    }
    if ((mask & IN_CREATE) != 0) {
      if (dir) {
        // Watch it and everything already inside it before this batch leaves: the CREATE of the
        // directory means "send this whole subtree", which covers what was created before the
        // watch landed (the inotifywait race).
        watches.addTree(root, Arrays.copyOf(a, n), batch);
        journal(toggles.createFolder(), EventKind.CREATE, true, root, 0, a, n);
      } else {
        journal(toggles.createFile(), EventKind.CREATE, false, root, 0, a, n);
      }
    } else if ((mask & IN_CLOSE_WRITE) != 0) {
      journal(toggles.closeWrite(), EventKind.CLOSE_WRITE, dir, root, 0, a, n);
    } else if ((mask & IN_MODIFY) != 0) {
      journal(toggles.modify(), EventKind.MODIFY, dir, root, 0, a, n);
    } else if ((mask & IN_ATTRIB) != 0) {
      journal(toggles.attrib(), EventKind.ATTRIB, dir, root, 0, a, n);
    } else if ((mask & IN_DELETE) != 0) {
      // the deleted directory's own watch ends with IN_IGNORED
      journal(toggles.delete(), EventKind.DELETE, dir, root, 0, a, n);
    }
  }

  @Override
  public void moved(int fromWd, byte[] fromName, int fromOff, int fromLen,
                    int toWd, byte[] toName, int toOff, int toLen, int cookie, boolean dir) {
    if (!table.contains(fromWd)) {
      movedIn(toWd, toName, toOff, toLen, cookie, dir);
      return;
    }
    if (!table.contains(toWd)) {
      movedOut(fromWd, fromName, fromOff, fromLen, cookie, dir);
      return;
    }
    int fromRoot = table.root(fromWd);
    int toRoot = table.root(toWd);
    int fn = joinInto(true, table.path(fromWd), fromName, fromOff, fromLen);
    int tn = joinInto(false, table.path(toWd), toName, toOff, toLen);
    boolean fromExcluded = filter.excludedInWatchedDir(a, 0, fn);
    boolean toExcluded = filter.excludedInWatchedDir(b, 0, tn);
    if (fromExcluded && toExcluded) {
      return;
    }
    if (fromExcluded) {
      movedIn(toWd, toName, toOff, toLen, cookie, dir); // from outside the synced set
      return;
    }
    if (toExcluded) {
      movedOut(fromWd, fromName, fromOff, fromLen, cookie, dir); // out of the synced set
      return;
    }
    if (dir) {
      byte[] to = Arrays.copyOf(b, tn);
      table.rename(fromRoot, Arrays.copyOf(a, fn), toRoot, to);
      // The tree runs ahead of what we read: a directory created inside the moved one (or the
      // moved one itself) may have been added by a path that no longer named it by the time we
      // added it (ENOENT, or another directory now there), so the move had no watch to carry or
      // carried a wrong one. Watching the destination again by its path now corrects both
      // (add_watch on a watched inode returns its wd, which put() remaps); if it moved again
      // since, that later move's event does the same (WatchTreeModelTest).
      watches.addTree(toRoot, to, batch);
    }
    journal(toggles.moveFrom(), EventKind.MOVED_FROM, dir, fromRoot, cookie, a, fn);
    journal(toggles.moveTo(), EventKind.MOVED_TO, dir, toRoot, cookie, b, tn);
  }

  @Override
  public void movedOut(int wd, byte[] name, int off, int len, int cookie, boolean dir) {
    int n = synced(wd, name, off, len);
    if (n < 0) {
      return;
    }
    int root = table.root(wd);
    if (dir) {
      watches.removeTree(root, Arrays.copyOf(a, n));
    }
    journal(toggles.moveFrom(), EventKind.MOVED_FROM, dir, root, cookie, a, n);
  }

  @Override
  public void movedIn(int wd, byte[] name, int off, int len, int cookie, boolean dir) {
    int n = synced(wd, name, off, len);
    if (n < 0) {
      return;
    }
    int root = table.root(wd);
    if (dir) {
      watches.addTree(root, Arrays.copyOf(a, n), batch); // a new subtree: watch all of it
    }
    journal(toggles.moveTo(), EventKind.MOVED_TO, dir, root, cookie, a, n);
  }

  @Override
  public void ignored(int wd) {
    if (table.contains(wd) && table.path(wd).length == 0) {
      log.error("root {} is no longer watched: it was deleted or unmounted", rootIds[table.root(wd)]);
    }
    table.remove(wd);
  }

  @Override
  public void overflow() {
    log.warn("the kernel's inotify queue overflowed (raise fs.inotify.max_queued_events): "
        + "events were lost; watches are re-added and every target gets a full sync");
    for (int id : rootIds) {
      batch.add(EventKind.RESCAN, true, id, 0, EMPTY, 0, 0);
    }
    watches.resync(batch);
  }

  /**
   * Puts the root-relative path of {@code name} in watch {@code wd} into scratch {@code a};
   * returns its length, or -1 when the watch is gone or the path is excluded.
   */
  private int synced(int wd, byte[] name, int off, int len) {
    if (!table.contains(wd)) {
      return -1;
    }
    int n = joinInto(true, table.path(wd), name, off, len);
    return filter.excludedInWatchedDir(a, 0, n) ? -1 : n;
  }

  private void journal(boolean on, EventKind kind, boolean dir, int root, int cookie,
                       byte[] path, int len) {
    if (on) {
      batch.add(kind, dir, rootIds[root], cookie, path, 0, len);
    }
  }

  /** {@code dir + "/" + name} into scratch {@code a} (or {@code b}); returns its length. */
  private int joinInto(boolean first, byte[] dir, byte[] name, int off, int len) {
    int n = dir.length == 0 ? len : dir.length + 1 + len;
    byte[] dst = first ? a : b;
    if (n > dst.length) {
      dst = new byte[Math.max(n, dst.length * 2)];
      if (first) {
        a = dst;
      } else {
        b = dst;
      }
    }
    int at = 0;
    if (dir.length > 0) {
      System.arraycopy(dir, 0, dst, 0, dir.length);
      dst[dir.length] = '/';
      at = dir.length + 1;
    }
    System.arraycopy(name, off, dst, at, len);
    return n;
  }
}
