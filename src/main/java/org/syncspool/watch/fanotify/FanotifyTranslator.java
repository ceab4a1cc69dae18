package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/**
 * Decoded fanotify events → journal events in the current {@link EventBatch}, the same records
 * {@code watch.inotify.EventTranslator} makes, so the journal and the workers cannot tell the
 * watchers apart. A filesystem mark reports the whole file system: an event whose directory is
 * outside every root costs one {@link HandleCache} lookup and is dropped.
 *
 * <p>Per event mask, every subscribed kind present is journaled (CREATE, CLOSE_WRITE, MODIFY,
 * ATTRIB, DELETE in that order): the kernel merges events on one entry while they wait in its
 * queue and keeps no order, and every kind means "this path is dirty" to the workers, who send it
 * as it is now. A FAN_RENAME becomes MOVED_FROM + MOVED_TO with one cookie when both names are
 * synced, one of the two when only one is. A CREATE of a directory means "send its subtree", as
 * with inotify; there are no watches to add. Runs on the reader thread only.
 */
final class FanotifyTranslator implements FanotifyDecoder.Handler {
  private static final Logger log = LoggerFactory.getLogger(FanotifyTranslator.class);
  private static final byte[] EMPTY = new byte[0];

  private final HandleCache cache;
  private final Resolver resolver;
  private final byte[][] rootPaths;
  private final int[] rootIds;
  private final EventToggles toggles;
  private final PathFilter filter;
  private EventBatch batch;
  private byte[] scratch = new byte[4096];
  private int cookie;
  private long dropped;

  /**
   * @param rootPaths the roots' real absolute paths as bytes (what /proc/self/fd shows)
   * @param rootIds   the journal's root index of each
   */
  FanotifyTranslator(HandleCache cache, Resolver resolver, byte[][] rootPaths, int[] rootIds,
                     EventToggles toggles, PathFilter filter) {
    this.cache = cache;
    this.resolver = resolver;
    this.rootPaths = rootPaths.clone();
    this.rootIds = rootIds.clone();
    this.toggles = toggles;
    this.filter = filter;
  }

  /** Where the next events go. */
  void into(EventBatch batch) {
    this.batch = batch;
  }

  /** Events dropped because their directory was outside the roots, excluded or gone. */
  long dropped() {
    return dropped;
  }

  @Override
  public void event(long mask, byte[] buf, int fidOff, int fidLen, int nameOff, int nameLen) {
    HandleCache.Dir d = dir(buf, fidOff, fidLen);
    boolean isDir = (mask & FAN_ONDIR) != 0;
    if (isDir && (mask & FAN_DELETE) != 0 && nameLen > 0 && d != null) {
      byte[] gone = join(d.abs(), buf, nameOff, nameLen);
      cache.invalidate(gone);
      rootGone(gone, "deleted");
    }
    if (d == null || !d.synced()) {
      dropped++;
      return;
    }
    int root = rootIds[d.root()];
    if (nameLen == 0) {
      // About the directory itself (a directory's own ATTRIB comes this way, not by name).
      if ((mask & FAN_ATTRIB) != 0 && toggles.attrib()) {
        batch.add(EventKind.ATTRIB, true, root, 0, d.rel(), 0, d.rel().length);
      }
      return;
    }
    if (excluded(d.rel(), buf, nameOff, nameLen)) {
      return;
    }
    if ((mask & FAN_CREATE) != 0 && (isDir ? toggles.createFolder() : toggles.createFile())) {
      add(EventKind.CREATE, isDir, root, 0, d.rel(), buf, nameOff, nameLen);
    }
    if ((mask & FAN_CLOSE_WRITE) != 0 && toggles.closeWrite()) {
      add(EventKind.CLOSE_WRITE, isDir, root, 0, d.rel(), buf, nameOff, nameLen);
    }
    if ((mask & FAN_MODIFY) != 0 && toggles.modify()) {
      add(EventKind.MODIFY, isDir, root, 0, d.rel(), buf, nameOff, nameLen);
    }
    if ((mask & FAN_ATTRIB) != 0 && toggles.attrib()) {
      add(EventKind.ATTRIB, isDir, root, 0, d.rel(), buf, nameOff, nameLen);
    }
    if ((mask & FAN_DELETE) != 0 && toggles.delete()) {
      add(EventKind.DELETE, isDir, root, 0, d.rel(), buf, nameOff, nameLen);
    }
  }

  @Override
  public void renamed(long mask, byte[] buf, int oldFidOff, int oldFidLen, int oldNameOff,
                      int oldNameLen, int newFidOff, int newFidLen, int newNameOff,
                      int newNameLen) {
    boolean isDir = (mask & FAN_ONDIR) != 0;
    HandleCache.Dir from = dir(buf, oldFidOff, oldFidLen);
    HandleCache.Dir to = dir(buf, newFidOff, newFidLen);
    if (isDir) {
      // Every path cached below either name is wrong now; without the old path, none is sure.
      if (from == null) {
        cache.clear();
      } else {
        byte[] moved = join(from.abs(), buf, oldNameOff, oldNameLen);
        cache.invalidate(moved);
        rootGone(moved, "moved away");
      }
      if (to != null) {
        cache.invalidate(join(to.abs(), buf, newNameOff, newNameLen));
      }
    }
    boolean fromSynced = from != null && from.synced() && oldNameLen > 0
        && !excluded(from.rel(), buf, oldNameOff, oldNameLen);
    boolean toSynced = to != null && to.synced() && newNameLen > 0
        && !excluded(to.rel(), buf, newNameOff, newNameLen);
    if (!fromSynced && !toSynced) {
      dropped++;
      return;
    }
    int c = nextCookie();
    if (fromSynced && toggles.moveFrom()) {
      add(EventKind.MOVED_FROM, isDir, rootIds[from.root()], c, from.rel(), buf, oldNameOff,
          oldNameLen);
    }
    if (toSynced && toggles.moveTo()) {
      add(EventKind.MOVED_TO, isDir, rootIds[to.root()], c, to.rel(), buf, newNameOff,
          newNameLen);
    }
  }

  @Override
  public void overflow() {
    log.warn("the kernel's fanotify queue overflowed (raise fs.fanotify.max_queued_events): "
        + "events were lost; every target gets a full sync");
    cache.clear();
    for (int id : rootIds) {
      batch.add(EventKind.RESCAN, true, id, 0, EMPTY, 0, 0);
    }
  }

  @Override
  public void unreadable(long mask, int version) {
    log.debug("fanotify: skipped an event it cannot read (mask {}, version {})",
        Long.toHexString(mask), version);
  }

  /**
   * A root itself deleted or renamed: as inotify's IN_IGNORED on a root (EventTranslator), one
   * ERROR line. The filesystem mark stays, but nothing is journaled for that path any more: an
   * operator must put the directory back and restart, or remove the root from the config.
   * Only directory deletions and renames get here, so this is a compare per root, rarely.
   */
  private void rootGone(byte[] abs, String how) {
    for (int i = 0; i < rootPaths.length; i++) {
      if (java.util.Arrays.equals(rootPaths[i], abs)) {
        log.error("root {} is no longer watched: it was {}", rootIds[i], how);
      }
    }
  }

  /** The cached directory of a fid, resolving and caching it on a miss; null when gone. */
  private HandleCache.Dir dir(byte[] buf, int off, int len) {
    HandleCache.Dir d = cache.get(buf, off, len);
    if (d != null) {
      return d;
    }
    byte[] abs = resolver.path(buf, off, len);
    if (abs == null) {
      return null;
    }
    d = classify(abs);
    cache.put(buf, off, len, d);
    return d;
  }

  /** Where {@code abs} lies: under which root (the first that holds it), and whether excluded. */
  HandleCache.Dir classify(byte[] abs) {
    for (int i = 0; i < rootPaths.length; i++) {
      byte[] r = rootPaths[i];
      if (!HandleCache.under(abs, r)) {
        continue;
      }
      int skip = r.length == abs.length ? r.length
          : r.length + (r[r.length - 1] == '/' ? 0 : 1);
      byte[] rel = java.util.Arrays.copyOfRange(abs, skip, abs.length);
      return new HandleCache.Dir(abs, filter.excluded(rel) ? HandleCache.EXCLUDED : i, rel);
    }
    return new HandleCache.Dir(abs, HandleCache.OUTSIDE, EMPTY);
  }

  private boolean excluded(byte[] rel, byte[] name, int off, int len) {
    if (filter.isEmpty()) {
      return false;
    }
    int n = joinInto(rel, name, off, len);
    return filter.excludedInWatchedDir(scratch, 0, n);
  }

  private void add(EventKind kind, boolean dir, int root, int c, byte[] rel, byte[] name,
                   int off, int len) {
    batch.addJoined(kind, dir, root, c, rel, name, off, len);
  }

  private int nextCookie() {
    cookie = cookie == Integer.MAX_VALUE ? 1 : cookie + 1;
    return cookie;
  }

  private static byte[] join(byte[] dir, byte[] name, int off, int len) {
    boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
    byte[] p = new byte[dir.length + (slash ? 0 : 1) + len];
    System.arraycopy(dir, 0, p, 0, dir.length);
    if (!slash) {
      p[dir.length] = '/';
    }
    System.arraycopy(name, off, p, p.length - len, len);
    return p;
  }

  private int joinInto(byte[] dir, byte[] name, int off, int len) {
    int n = dir.length == 0 ? len : dir.length + 1 + len;
    if (n > scratch.length) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    int at = 0;
    if (dir.length > 0) {
      System.arraycopy(dir, 0, scratch, 0, dir.length);
      scratch[dir.length] = '/';
      at = dir.length + 1;
    }
    System.arraycopy(name, off, scratch, at, len);
    return n;
  }
}
